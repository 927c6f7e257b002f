#include "core/accounts/credentials.h"

#include <gtest/gtest.h>

namespace moteplass {
namespace {

TEST(Credentials, PasswordHashVerifiesOnlyTheRightPassword) {
  std::string hash = HashPassword("correct horse battery");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword("correct horse battery", hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", hash));
  EXPECT_FALSE(VerifyPassword("correct horse battery", ""));
  EXPECT_FALSE(VerifyPassword("correct horse battery", "not a hash"));
  EXPECT_NE(HashPassword("correct horse battery"), hash) << "each hash has its own salt";
}

TEST(Credentials, SecretsAreRandomAndUrlSafe) {
  std::string a = NewSecret();
  std::string b = NewSecret();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
}

TEST(Credentials, SecretHashIsStableHex) {
  EXPECT_EQ(HashSecret("abc"), HashSecret("abc"));
  EXPECT_NE(HashSecret("abc"), HashSecret("abd"));
  EXPECT_EQ(HashSecret("abc").size(), 64u);
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
}

}  // namespace
}  // namespace moteplass
