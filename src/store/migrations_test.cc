#include "store/migrations.h"

#include <gtest/gtest.h>

namespace moteplass {
namespace {

// Every backend's migrations are numbered once each, in order, from 1.
TEST(Migrations, EachBackendNumbersItsMigrationsOnce) {
  for (const char* prefix : {"src/store/sqlite/migrations/", "src/store/postgres/migrations/"}) {
    auto migrations = ListMigrations(prefix);
    ASSERT_TRUE(migrations.ok()) << prefix << ": " << migrations.error().message;
    ASSERT_FALSE(migrations->empty()) << prefix;
    EXPECT_EQ(migrations->front().version, 1) << prefix;
    for (std::size_t i = 1; i < migrations->size(); ++i) {
      EXPECT_LT((*migrations)[i - 1].version, (*migrations)[i].version) << prefix;
      EXPECT_FALSE((*migrations)[i].sql.empty()) << (*migrations)[i].name;
    }
  }
}

TEST(Migrations, TwoFilesOfOneNumberAreRefusedByName) {
  const std::vector<resources::Entry> files = {{"m/0001_initial.sql", "CREATE TABLE a (x INTEGER);"},
                                               {"m/0007_operations.sql", "SELECT 1;"},
                                               {"m/0007_search_tags.sql", "SELECT 2;"}};
  auto refused = MigrationsOf(files, "m/");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("0007_operations.sql and 0007_search_tags.sql"), std::string::npos)
      << refused.error().message;
  auto misnamed = MigrationsOf({{"m/7_x.sql", "SELECT 1;"}}, "m/");
  ASSERT_FALSE(misnamed.ok());
  EXPECT_NE(misnamed.error().message.find("m/7_x.sql"), std::string::npos);
  auto fine = MigrationsOf({{"m/0002_b.sql", "B"}, {"m/0001_a.sql", "A"}}, "m/");
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ(fine->at(0).name, "0001_a.sql");
  EXPECT_EQ(fine->at(1).sql, "B");
}

}  // namespace
}  // namespace moteplass
