#include "app/studies/identity_key.h"

#include <sys/stat.h>

#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace moteplass::app {
namespace {

std::filesystem::path FreshDir() {
  std::string dir = (std::filesystem::temp_directory_path() / "moteplass-key-XXXXXX").string();
  EXPECT_NE(mkdtemp(dir.data()), nullptr);
  return dir;
}

TEST(IdentityKeyTest, MadeOnceOwnerOnlyAndReadAgain) {
  const auto dir = FreshDir();
  const std::string path = (dir / "sub" / "identities.key").string();
  auto made = LoadOrCreateIdentityKey(path);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(made->size(), 32u);
  struct stat info {};
  ASSERT_EQ(stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto again = LoadOrCreateIdentityKey(path);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, *made);
  // Nothing but the key is left in the folder.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir / "sub"), {}), 1);
  std::filesystem::remove_all(dir);
}

// Two servers starting at once on one database: both get the one key, never an error.
TEST(IdentityKeyTest, ProcessesStartingAtOnceShareOneKey) {
  for (int round = 0; round < 20; ++round) {
    const auto dir = FreshDir();
    const std::string path = (dir / "identities.key").string();
    std::vector<std::future<Result<std::string>>> starts;
    for (int i = 0; i < 4; ++i)
      starts.push_back(std::async(std::launch::async, [&] { return LoadOrCreateIdentityKey(path); }));
    std::vector<std::string> keys;
    for (auto& s : starts) {
      auto key = s.get();
      ASSERT_TRUE(key.ok()) << key.error().message;
      keys.push_back(*key);
    }
    for (const std::string& key : keys) EXPECT_EQ(key, keys.front());
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
    std::filesystem::remove_all(dir);
  }
}

}  // namespace
}  // namespace moteplass::app
