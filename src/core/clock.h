// The time as the register writes it: ISO 8601 in UTC to the second ("2026-11-26T09:15:00Z"),
// which sorts as text. Every timestamp the program stores or sends is made here.
#pragma once

#include <chrono>
#include <string>

namespace moteplass {

// `t` as "YYYY-MM-DDTHH:MM:SSZ".
std::string IsoTime(std::chrono::system_clock::time_point t);

// The current time as IsoTime writes it.
std::string NowIso();

}  // namespace moteplass
