// A small per-client limit for public endpoints that cost work and need no login (POST
// /api/v1/advice, the /veileder page's answers): at most `limit` requests per address in a
// sliding window of `window`, counted in this process's memory. Keys are the address hashed,
// never the address itself; the table holds at most kMaxClients addresses (the oldest are
// forgotten first), so that many addresses cannot grow the server's memory. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace moteplass::http {

class RateLimiter {
 public:
  static constexpr std::size_t kMaxClients = 10'000;
  using Clock = std::chrono::steady_clock;

  RateLimiter(int limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

  // Counts one request from `address` at `now`; returns 0 when it may go ahead, else the
  // seconds until it may (the Retry-After), and then it is not counted.
  long Take(const std::string& address, Clock::time_point now = Clock::now());

 private:
  int limit_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::size_t, std::deque<Clock::time_point>> seen_;
};

}  // namespace moteplass::http
