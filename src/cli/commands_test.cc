// Tests of the command line as a whole (commands.h): each group's subcommands run through Run()
// on a register of their own, with what they print and their exit statuses. The API tests
// (tests/api/cli.test.mjs) run the real binary; these check the groups' wiring and formats.
#include "cli/commands.h"

#include <stdlib.h>

#include <filesystem>
#include <initializer_list>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/command.h"

namespace moteplass::cli {
namespace {

// What one run of the command line printed, and its exit status.
struct Outcome {
  int status = -1;
  std::string out;
  std::string err;
};

class CommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir = (std::filesystem::temp_directory_path() / "moteplass-commands-XXXXXX").string();
    ASSERT_NE(mkdtemp(dir.data()), nullptr);
    dir_ = dir;
    db_ = (dir_ / "register.sqlite").string();
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // Runs `moteplass ARGS... --db <this test's register>` with `input` on standard input.
  Outcome Moteplass(std::initializer_list<std::string> args, const std::string& input = "") {
    std::vector<std::string> words = {"moteplass"};
    words.insert(words.end(), args);
    words.insert(words.end(), {"--db", db_});
    std::vector<char*> argv;
    for (std::string& w : words) argv.push_back(w.data());
    std::istringstream in(input);
    std::ostringstream out, err;
    CommandContext ctx(in, out, err);
    Outcome o;
    o.status = cli::Run(static_cast<int>(argv.size()), argv.data(), ctx);
    o.out = out.str();
    o.err = err.str();
    return o;
  }

  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(CommandsTest, MigrateCreatesTheRegister) {
  Outcome o = Moteplass({"migrate"});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "database ready: " + db_ + "\n");
  EXPECT_TRUE(std::filesystem::exists(db_));
}

TEST_F(CommandsTest, UserAddReadsThePasswordAndUserListShowsTheAccount) {
  Outcome added = Moteplass({"user", "add", "kari", "--role", "municipal", "--scope", "4601"}, "et-langt-passord\n");
  EXPECT_EQ(added.status, 0) << added.err;
  EXPECT_EQ(added.err, "added kari (municipal 4601)\n");
  EXPECT_TRUE(added.out.empty());

  Outcome list = Moteplass({"user", "list"});
  EXPECT_EQ(list.status, 0) << list.err;
  EXPECT_TRUE(std::regex_match(list.out, std::regex("kari\tmunicipal\t4601\tactive\t\\S+\n"))) << list.out;
}

TEST_F(CommandsTest, UserAddRefusesAShortPasswordBeforeOpeningTheRegister) {
  Outcome o = Moteplass({"user", "add", "kari", "--role", "admin"}, "kort\n");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err,
            "moteplass user add: /password: the password (one line on standard input) must have at least 10 "
            "characters\n");
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(CommandsTest, TokenCreatePrintsOnlyTheToken) {
  ASSERT_EQ(Moteplass({"user", "add", "kari", "--role", "admin"}, "et-langt-passord\n").status, 0);
  Outcome o = Moteplass({"token", "create", "kari"});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(std::regex_match(o.out, std::regex("[A-Za-z0-9_-]{43}\n"))) << o.out;
  EXPECT_EQ(Moteplass({"token", "create", "nobody"}).status, 1);
}

TEST_F(CommandsTest, AuditShowsTheWritesNewestFirstUpToTheLimit) {
  ASSERT_EQ(Moteplass({"user", "add", "kari", "--role", "admin"}, "et-langt-passord\n").status, 0);
  ASSERT_EQ(Moteplass({"user", "disable", "kari"}).status, 0);
  Outcome all = Moteplass({"audit"});
  EXPECT_EQ(all.status, 0) << all.err;
  EXPECT_TRUE(std::regex_match(all.out, std::regex("\\S+\tcli\tuser\\.disable\tuser\t\\d+\tok\n"
                                                   "\\S+\tcli\tuser\\.add\tuser\t\\d+\tok\n")))
      << all.out;
  Outcome newest = Moteplass({"audit", "--limit", "1"});
  EXPECT_EQ(newest.out, all.out.substr(0, all.out.find('\n') + 1));
  EXPECT_EQ(Moteplass({"audit", "--limit", "0"}).status, 2);
}

TEST_F(CommandsTest, RegionsListShowsTheDefaultRegions) {
  Outcome o = Moteplass({"regions", "list"});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("vest\tIMDi Vest\t11,46\n"), std::string::npos) << o.out;
}

TEST_F(CommandsTest, ImportOfAMissingFileNamesItAndIsExitStatusOne) {
  Outcome o = Moteplass({"import", (dir_ / "missing.json").string()});
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.err,
            "moteplass import: cannot read " + (dir_ / "missing.json").string() + ": No such file or directory\n");
}

TEST_F(CommandsTest, DemoLoadThenExportThenRemove) {
  Outcome loaded = Moteplass({"demo", "load"});
  ASSERT_EQ(loaded.status, 0) << loaded.err;
  EXPECT_TRUE(std::regex_match(loaded.err, std::regex("loaded \\d+ example meeting places\n"))) << loaded.err;
  Outcome exported = Moteplass({"export"});
  EXPECT_EQ(exported.status, 0);
  EXPECT_EQ(exported.out.front(), '[');
  Outcome removed = Moteplass({"demo", "remove"});
  EXPECT_EQ(removed.status, 0) << removed.err;
  EXPECT_TRUE(
      std::regex_match(removed.err, std::regex("removed \\d+ example meeting places and disabled demo-admin\n")))
      << removed.err;
  EXPECT_EQ(Moteplass({"export"}).out, "[]\n");
}

TEST_F(CommandsTest, BackupRefusesToOverwrite) {
  const std::string copy = (dir_ / "copy.sqlite").string();
  Outcome first = Moteplass({"backup", copy});
  EXPECT_EQ(first.status, 0) << first.err;
  EXPECT_EQ(first.err, "backup written to " + copy + "\n");
  EXPECT_EQ(Moteplass({"backup", copy}).status, 2);
}

}  // namespace
}  // namespace moteplass::cli
