#include "store/postgres/backend.h"

#include <gtest/gtest.h>

namespace moteplass::postgres {
namespace {

TEST(NumberParameters, NumbersEachParameterInOrder) {
  EXPECT_EQ(NumberParameters("INSERT INTO t (a, b) VALUES (?, ?)"), "INSERT INTO t (a, b) VALUES ($1, $2)");
  EXPECT_EQ(NumberParameters("SELECT 1"), "SELECT 1");
  EXPECT_EQ(NumberParameters("lower(?::text COLLATE \"C\")"), "lower($1::text COLLATE \"C\")");
}

TEST(NumberParameters, LeavesQuotedTextAndCommentsAlone) {
  EXPECT_EQ(NumberParameters("SELECT '?', \"a?\" FROM t WHERE x = ?"), "SELECT '?', \"a?\" FROM t WHERE x = $1");
  EXPECT_EQ(NumberParameters("SELECT 'it''s ?' WHERE y = ?"), "SELECT 'it''s ?' WHERE y = $1");
  EXPECT_EQ(NumberParameters("SELECT ? -- why?\nFROM t WHERE z = ?"), "SELECT $1 -- why?\nFROM t WHERE z = $2");
}

}  // namespace
}  // namespace moteplass::postgres
