#include "http/rate_limiter.h"

#include <gtest/gtest.h>

namespace moteplass::http {
namespace {

TEST(RateLimiter, LetsLimitThroughPerWindowAndSaysWhenToComeBack) {
  RateLimiter limiter(3, std::chrono::seconds(60));
  const auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("10.0.0.1", t0 + std::chrono::seconds(i)), 0);
  EXPECT_EQ(limiter.Take("10.0.0.1", t0 + std::chrono::seconds(10)), 50);
  EXPECT_EQ(limiter.Take("10.0.0.2", t0 + std::chrono::seconds(10)), 0) << "another client has its own count";
  EXPECT_EQ(limiter.Take("10.0.0.1", t0 + std::chrono::seconds(60)), 0) << "the first request left the window";
  EXPECT_GT(limiter.Take("10.0.0.1", t0 + std::chrono::seconds(60)), 0);
}

TEST(RateLimiter, ManyAddressesDoNotGrowItPastItsBound) {
  RateLimiter limiter(1, std::chrono::seconds(60));
  const auto t0 = RateLimiter::Clock::now();
  for (std::size_t i = 0; i < RateLimiter::kMaxClients + 100; ++i) {
    EXPECT_EQ(limiter.Take("client-" + std::to_string(i), t0), 0);
  }
  EXPECT_GT(limiter.Take("client-" + std::to_string(RateLimiter::kMaxClients + 99), t0), 0)
      << "the newest clients are still counted";
}

}  // namespace
}  // namespace moteplass::http
