#include "core/accounts/account.h"

#include <gtest/gtest.h>

namespace moteplass {
namespace {

TEST(Account, ParsesRolesAndRejectsUnknown) {
  EXPECT_EQ(*ParseRole("regional"), Role::kRegional);
  auto bad = ParseRole("king");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().pointer, "/role");
  EXPECT_NE(bad.error().message.find("admin, national"), std::string::npos);
  EXPECT_FALSE(ParseRole("public").ok()) << "an account cannot be 'public'";
}

TEST(Account, ValidatesScopeSyntaxPerRole) {
  EXPECT_TRUE(ValidateScope(Role::kMunicipal, "0301").ok());
  EXPECT_TRUE(ValidateScope(Role::kMunicipal, "03").ok());
  EXPECT_FALSE(ValidateScope(Role::kMunicipal, "301").ok());
  EXPECT_FALSE(ValidateScope(Role::kRegional, "").ok());
  EXPECT_FALSE(ValidateScope(Role::kAdmin, "03").ok());
  EXPECT_TRUE(ValidateScope(Role::kSecretary, "12").ok());
  EXPECT_FALSE(ValidateScope(Role::kSecretary, "x").ok());
}

}  // namespace
}  // namespace moteplass
