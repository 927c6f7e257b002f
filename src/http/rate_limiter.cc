#include "http/rate_limiter.h"

#include <algorithm>
#include <functional>

namespace moteplass::http {

long RateLimiter::Take(const std::string& address, Clock::time_point now) {
  const std::size_t key = std::hash<std::string>{}("rate-limit:" + address);
  std::lock_guard lock(mutex_);
  auto& times = seen_[key];
  while (!times.empty() && times.front() <= now - window_) times.pop_front();
  if (static_cast<int>(times.size()) >= limit_) {
    const auto wait = std::chrono::ceil<std::chrono::seconds>(times.front() + window_ - now).count();
    return std::max<long>(1, static_cast<long>(wait));
  }
  times.push_back(now);
  if (seen_.size() > kMaxClients) {
    // Forget the clients whose last request is oldest until the table is small again.
    std::erase_if(seen_, [&](const auto& entry) {
      return entry.first != key && (entry.second.empty() || entry.second.back() <= now - window_);
    });
    while (seen_.size() > kMaxClients) {
      auto oldest = std::min_element(seen_.begin(), seen_.end(), [&](const auto& a, const auto& b) {
        if (a.first == key) return false;
        if (b.first == key) return true;
        return a.second.back() < b.second.back();
      });
      seen_.erase(oldest);
    }
  }
  return 0;
}

}  // namespace moteplass::http
