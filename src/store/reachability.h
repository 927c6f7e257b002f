// What a backend tells of its database going away and coming back (Store::OnReachabilityChange):
// the server logs one line for each, not one per refused request.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace moteplass {

struct ReachabilityChange {
  bool reachable = true;
  // When lost: why, in the driver's words (names the server and the role, never a value).
  std::string reason;
  // When back: how long it was gone.
  std::chrono::milliseconds gone_for{0};
};
using ReachabilityCallback = std::function<void(const ReachabilityChange&)>;

}  // namespace moteplass
