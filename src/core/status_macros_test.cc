#include "core/status_macros.h"

#include <gtest/gtest.h>

#include "core/clock.h"

namespace moteplass {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Error::Invalid("odd", "/n");
  return n / 2;
}

Result<int> Quarter(int n) {
  ASSIGN_OR_RETURN(int half, Half(n));
  ASSIGN_OR_RETURN(auto quarter, Half(half));
  return quarter;
}

Status CheckEven(int n) {
  RETURN_IF_ERROR(Half(n));
  return {};
}

TEST(StatusMacros, PassValuesAndErrorsThrough) {
  EXPECT_EQ(*Quarter(8), 2);
  ASSERT_FALSE(Quarter(6).ok());
  EXPECT_EQ(Quarter(6).error().pointer, "/n");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(3).error().code, ErrorCode::kInvalid);
}

TEST(Clock, WritesUtcToTheSecond) {
  EXPECT_EQ(IsoTime(std::chrono::system_clock::from_time_t(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(NowIso().size(), 20u);
}

}  // namespace
}  // namespace moteplass
