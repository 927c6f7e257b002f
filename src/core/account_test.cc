#include "core/account.h"

#include <gtest/gtest.h>

namespace moteplass {
namespace {

Principal As(Role role, std::string scope) {
  User u;
  u.id = 1;
  u.username = "u";
  u.role = role;
  u.scope = std::move(scope);
  return Principal{u};
}

const RecordLocation kOsloPlace{7, "0301", "03", "ost"};
const RecordLocation kRogalandCountyPlace{8, "", "11", "vest"};

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

TEST(Account, EachRoleCoversWhatItShould) {
  EXPECT_TRUE(CanWrite(As(Role::kAdmin, ""), kOsloPlace));
  EXPECT_TRUE(CanWrite(As(Role::kNational, ""), kRogalandCountyPlace));
  EXPECT_TRUE(CanWrite(As(Role::kRegional, "ost"), kOsloPlace));
  EXPECT_FALSE(CanWrite(As(Role::kRegional, "vest"), kOsloPlace));
  EXPECT_TRUE(CanWrite(As(Role::kMunicipal, "0301"), kOsloPlace));
  EXPECT_FALSE(CanWrite(As(Role::kMunicipal, "1103"), kOsloPlace));
  EXPECT_TRUE(CanWrite(As(Role::kMunicipal, "11"), kRogalandCountyPlace));
  EXPECT_FALSE(CanWrite(As(Role::kMunicipal, "03"), kOsloPlace)) << "county scope excludes municipalities";
  EXPECT_TRUE(CanWrite(As(Role::kSecretary, "7"), kOsloPlace));
  EXPECT_FALSE(CanWrite(As(Role::kSecretary, "8"), kOsloPlace));
  EXPECT_FALSE(CanWrite(As(Role::kSecretary, "7"), RecordLocation{0, "0301", "03", "ost"}))
      << "a secretary cannot create";
  EXPECT_FALSE(CanWrite(As(Role::kResearcher, ""), kOsloPlace));
  EXPECT_FALSE(CanWrite(Principal{}, kOsloPlace));
}

TEST(Account, DisabledUserCoversNothing) {
  auto admin = As(Role::kAdmin, "");
  admin.user->disabled = true;
  EXPECT_FALSE(CanWrite(admin, kOsloPlace));
}

}  // namespace
}  // namespace moteplass
