#include "core/clock.h"

#include <ctime>

namespace moteplass {

std::string IsoTime(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  return std::string(buffer, std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm));
}

std::string NowIso() { return IsoTime(std::chrono::system_clock::now()); }

}  // namespace moteplass
