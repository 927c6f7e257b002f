#include "cli/classify_command.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace moteplass::cli {
namespace {

const std::string kCases = std::string(MOTEPLASS_SOURCE_DIR) + "/tests/typology/shared-cases.json";

std::string CasesAsProfiles() {
  std::ifstream in(kCases);
  auto cases = nlohmann::json::parse(in);
  nlohmann::json profiles = nlohmann::json::array();
  for (auto& c : cases) profiles.push_back(c["case"]);
  return profiles.dump();
}

TEST(ClassifyCommand, ReadsStandardInputAndWritesAJsonArray) {
  std::istringstream in(CasesAsProfiles());
  std::ostringstream out, err;
  ASSERT_EQ(RunClassifyCommand("-", "json", in, out, err), 0) << err.str();
  auto results = nlohmann::json::parse(out.str());
  ASSERT_EQ(results.size(), 6u);
  EXPECT_EQ(results[3]["subtype"], "police_forum");
  EXPECT_TRUE(err.str().empty());
}

TEST(ClassifyCommand, InvalidInputExitsTwoWithNothingOnStandardOutput) {
  auto profiles = nlohmann::json::parse(CasesAsProfiles());
  profiles[2]["seats"]["politicians"] = -2;
  std::istringstream in(profiles.dump());
  std::ostringstream out, err;
  EXPECT_EQ(RunClassifyCommand("-", "json", in, out, err), 2);
  EXPECT_TRUE(out.str().empty());
  EXPECT_EQ(err.str(),
            "moteplass classify: profile 2 (id \"ex-dialogue\"): /seats/politicians: expected a whole number >= 0, "
            "got -2\n");

  std::istringstream garbage("{not json");
  std::ostringstream out2, err2;
  EXPECT_EQ(RunClassifyCommand("-", "json", garbage, out2, err2), 2);
  EXPECT_TRUE(out2.str().empty());
  EXPECT_NE(err2.str().find("not valid JSON"), std::string::npos);

  std::istringstream empty;
  std::ostringstream out3, err3;
  EXPECT_EQ(RunClassifyCommand("-", "yaml", empty, out3, err3), 2);
  EXPECT_NE(err3.str().find("--format"), std::string::npos);
}

TEST(ClassifyCommand, ReadsAFileAndSaysWhenItCannot) {
  std::istringstream in;
  std::ostringstream out, err;
  // The shared cases file is an array of {case, expect}: not profiles, so invalid.
  EXPECT_EQ(RunClassifyCommand(kCases, "json", in, out, err), 2);
  EXPECT_NE(err.str().find("profile 0"), std::string::npos) << err.str();
  std::ostringstream out2, err2;
  EXPECT_EQ(RunClassifyCommand("/nonexistent/file.json", "json", in, out2, err2), 1);
  EXPECT_NE(err2.str().find("cannot read"), std::string::npos);
}

TEST(ClassifyCommand, TextFormatInNynorsk) {
  std::istringstream in(CasesAsProfiles());
  std::ostringstream out, err;
  ASSERT_EQ(RunClassifyCommand("-", "text", in, out, err, "nn"), 0);
  EXPECT_NE(out.str().find("Innvandrarråd (rådsmodellen)"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace moteplass::cli
