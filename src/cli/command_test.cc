// Tests of what the commands share (command.h): how failures are printed and mapped to exit
// statuses, reading files, opening the register, and the Services helper.
#include "cli/command.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <gtest/gtest.h>

namespace moteplass::cli {
namespace {

TEST(FailureLine, NamesTheCommandAndTheMessage) {
  EXPECT_EQ(FailureLine("backup", Error::Conflict("backup.sqlite exists already")),
            "moteplass backup: backup.sqlite exists already");
}

TEST(FailureLine, PutsThePointerBeforeTheMessage) {
  EXPECT_EQ(FailureLine("user add", Error::Invalid("the role regional needs a region id as scope", "/scope")),
            "moteplass user add: /scope: the role regional needs a region id as scope");
}

TEST(FailureLine, LeavesOutAPointerTheMessageNamesAlready) {
  EXPECT_EQ(
      FailureLine("import", Error::Invalid("record 2 (Tredje): /profile/name: expected a string", "/profile/name")),
      "moteplass import: record 2 (Tredje): /profile/name: expected a string");
}

TEST(ExitStatusFor, IsTwoForInvalidInputAndConflictsAndOneOtherwise) {
  EXPECT_EQ(ExitStatusFor(Error::Invalid("no", "/x")), 2);
  EXPECT_EQ(ExitStatusFor(Error::Conflict("taken")), 2);
  EXPECT_EQ(ExitStatusFor(Error::NotFound("nobody")), 1);
  EXPECT_EQ(ExitStatusFor(Error::Forbidden("no")), 1);
  EXPECT_EQ(ExitStatusFor(Error::Internal("broken")), 1);
}

TEST(CommandContext, FailWritesOneLineToTheErrorStreamAndReturnsTheExitStatus) {
  std::istringstream in;
  std::ostringstream out, err;
  CommandContext ctx(in, out, err);
  EXPECT_EQ(ctx.Fail("user add", Error::Invalid("too short", "/password")), 2);
  EXPECT_EQ(err.str(), "moteplass user add: /password: too short\n");
  EXPECT_TRUE(out.str().empty());
}

TEST(CommandContext, FinishIsZeroForSuccessWithoutAWord) {
  std::istringstream in;
  std::ostringstream out, err;
  CommandContext ctx(in, out, err);
  EXPECT_EQ(ctx.Finish("migrate", Status()), 0);
  EXPECT_EQ(ctx.Finish("token create", Error::NotFound("no user is called nobody")), 1);
  EXPECT_EQ(err.str(), "moteplass token create: no user is called nobody\n");
}

TEST(CommandContext, DbIsTheDefaultUnlessGiven) {
  CommandContext ctx;
  EXPECT_EQ(ctx.db(), kDefaultDb);
  CLI::App app;
  ctx.AddDbOption(app);
  app.parse("--db other.sqlite");
  EXPECT_EQ(ctx.db(), "other.sqlite");
}

TEST(CommandContext, ARegisterThatCannotBeOpenedIsAnInternalError) {
  CommandContext ctx;
  CLI::App app;
  ctx.AddDbOption(app);
  app.parse("--db /dev/null/register.sqlite");
  Result<std::unique_ptr<Store>> store = ctx.OpenStore();
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kInternal);
  EXPECT_FALSE(store.error().message.empty());
}

TEST(CommandContext, OpensTheRegisterCreatingItsFolderAndServicesOverIt) {
  std::string dir = (std::filesystem::temp_directory_path() / "moteplass-cli-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  {
    CommandContext ctx;
    CLI::App app;
    ctx.AddDbOption(app);
    app.parse("--db " + dir + "/new/register.sqlite");
    Result<std::unique_ptr<Store>> store = ctx.OpenStore();
    ASSERT_TRUE(store.ok()) << store.error().message;
    EXPECT_TRUE(std::filesystem::exists(dir + "/new/register.sqlite"));

    Result<Services> loaded = Services::Load(**store);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    Services services = std::move(loaded).value();  // still refers to the places after the move
    EXPECT_EQ(&services->store, store->get());
    EXPECT_NE(FindRegion(services->places, "vest"), nullptr);
  }
  std::filesystem::remove_all(dir);
}

TEST(ReadFile, ReadsTheWholeFile) {
  const std::string path = (std::filesystem::temp_directory_path() / "moteplass-cli-read-file.json").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << "[1,\n2]\n";
  }
  Result<std::string> text = ReadFile(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "[1,\n2]\n");
}

TEST(ReadFile, NamesTheFileAndTheReasonWhenItCannotRead) {
  Result<std::string> text = ReadFile("/nonexistent/regions.json");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().code, ErrorCode::kInternal);
  EXPECT_EQ(text.error().message, "cannot read /nonexistent/regions.json: No such file or directory");
}

}  // namespace
}  // namespace moteplass::cli
