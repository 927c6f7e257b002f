#include "store/own_changes.h"

#include <string>

#include <gtest/gtest.h>

namespace moteplass {
namespace {

using Changed = std::set<std::pair<std::string, std::string>>;

TEST(OwnChangesTest, TellsWhatTheCommitsBetweenTwoNumbersChangedEachOnce) {
  OwnChanges log;
  log.Add(1, Changed{{"membership", "4"}, {"person", "2"}});
  log.Add(2, Changed{{"membership", "4"}});
  log.Add(3, Changed{{"meeting_place", "7"}});
  auto one = log.Between(0, 1);
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(*one, (std::vector<ChangedRecord>{{"membership", "4"}, {"person", "2"}}));
  auto later = log.Between(1, 3);
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(*later, (std::vector<ChangedRecord>{{"meeting_place", "7"}, {"membership", "4"}}));
  EXPECT_EQ(log.Between(3, 3), std::vector<ChangedRecord>());
}

TEST(OwnChangesTest, CannotTellOfCommitsNotMadeOrForgotten) {
  OwnChanges log;
  EXPECT_FALSE(log.Between(0, 1).has_value());  // not made yet
  for (std::int64_t i = 1; i <= static_cast<std::int64_t>(OwnChanges::kRemembered) + 10; ++i) {
    log.Add(i, Changed{{"case", std::to_string(i)}});
  }
  EXPECT_FALSE(log.Between(0, 20).has_value());  // the first ten are forgotten
  EXPECT_FALSE(log.Between(9, 20).has_value());
  auto kept = log.Between(10, 12);
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->size(), 2u);
  EXPECT_FALSE(log.Between(12, 10).has_value());  // backwards
  // A number out of order forgets what came before it.
  log.Add(1000, Changed{{"case", "x"}});
  EXPECT_FALSE(log.Between(10, 12).has_value());
  EXPECT_TRUE(log.Between(999, 1000).has_value());
}

TEST(OwnChangesTest, ReadsStampsOfTwoCounts) {
  std::int64_t a = 0, b = 0;
  EXPECT_TRUE(ParseStampPair("12:3", &a, &b));
  EXPECT_EQ(a, 12);
  EXPECT_EQ(b, 3);
  for (const char* bad : {"", "12", "12:", ":3", "1x:3", "12:3 ", "a:b"})
    EXPECT_FALSE(ParseStampPair(bad, &a, &b)) << bad;
}

}  // namespace
}  // namespace moteplass
