// `moteplass advise` through Run(): JSON and text, examples from the register it is given, and
// exit status 2 with the field's pointer for invalid input.
#include <stdlib.h>

#include <filesystem>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/commands.h"

namespace moteplass::cli {
namespace {

struct AdvisorRun {
  int status = -1;
  std::string out;
  std::string err;
};

class AdviseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir = (std::filesystem::temp_directory_path() / "moteplass-advise-XXXXXX").string();
    ASSERT_NE(mkdtemp(dir.data()), nullptr);
    dir_ = dir;
    db_ = (dir_ / "register.sqlite").string();
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  AdvisorRun Moteplass(std::initializer_list<std::string> args, const std::string& input = "") {
    std::vector<std::string> words = {"moteplass"};
    words.insert(words.end(), args);
    words.insert(words.end(), {"--db", db_});
    std::vector<char*> argv;
    for (std::string& w : words) argv.push_back(w.data());
    std::istringstream in(input);
    std::ostringstream out, err;
    CommandContext ctx(in, out, err);
    AdvisorRun o;
    o.status = cli::Run(static_cast<int>(argv.size()), argv.data(), ctx);
    o.out = out.str();
    o.err = err.str();
    return o;
  }

  std::filesystem::path dir_;
  std::string db_;
};

constexpr const char* kSmall =
    R"({"municipality": "1812", "immigrant_organisations": 1, "political_will": "some", "need": "both"})";

TEST_F(AdviseTest, GivesTheContactCommitteeFirstWithExamplesFromTheRegister) {
  ASSERT_EQ(Moteplass({"demo", "load"}).status, 0);
  AdvisorRun o = Moteplass({"advise", "-"}, kSmall);
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.err, "");
  const auto advice = nlohmann::json::parse(o.out);
  EXPECT_EQ(advice["ranking"][0]["kind"], "contact_committee");
  EXPECT_FALSE(advice["ranking"][0]["examples"].empty()) << "the demo data has contact committees";
  EXPECT_LE(advice["ranking"][0]["examples"].size(), 3u);
  EXPECT_EQ(advice["checklist"][0]["step"], "needs_analysis");
}

TEST_F(AdviseTest, TextInTheLanguageAsked) {
  AdvisorRun o = Moteplass({"advise", "--format", "text", "--lang", "en", "-"}, kSmall);
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("1. Contact committee (contact-committee model) (85 of 100)"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("[ ] Analyse the municipality's own needs"), std::string::npos) << o.out;
}

TEST_F(AdviseTest, InvalidInputIsExitStatusTwoWithThePointer) {
  AdvisorRun o = Moteplass({"advise", "-"}, R"({"municipality": "1812", "need": "money"})");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(o.err.rfind("moteplass advise: /need: expected ", 0), 0u) << o.err;
  AdvisorRun unknown = Moteplass({"advise", "-"}, R"({"municipality": "1812", "existing": [424242]})");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_EQ(unknown.err, "moteplass advise: /existing/0: no published meeting place has the id 424242\n");
  EXPECT_EQ(Moteplass({"advise", "--format", "xml", "-"}, kSmall).status, 2);
}

}  // namespace
}  // namespace moteplass::cli
