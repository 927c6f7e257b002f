#include "core/json_text.h"

#include <gtest/gtest.h>

namespace moteplass {
namespace {

TEST(JsonText, DepthSkipsStrings) {
  EXPECT_EQ(JsonNestingDepth("{}"), 1);
  EXPECT_EQ(JsonNestingDepth(R"({"a": [[1], {"b": "[[[["}]})"), 3);
  EXPECT_EQ(JsonNestingDepth(R"(["\"[[[", 1])"), 1);
  EXPECT_EQ(JsonNestingDepth("42"), 0);
}

TEST(JsonText, RefusesEmptyBrokenAndTooDeep) {
  EXPECT_TRUE(ParseJsonText(R"({"a": 1})", "the body").ok());
  auto empty = ParseJsonText("  \n", "the body");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().slug, "invalid_json");
  EXPECT_EQ(empty.error().message, "the body is empty; expected JSON");
  EXPECT_EQ(ParseJsonText("{nope", "the file").error().message, "the file is not valid JSON");
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto too_deep = ParseJsonText(deep, "the body");
  ASSERT_FALSE(too_deep.ok());
  EXPECT_EQ(too_deep.error().code, ErrorCode::kInvalid);
  std::string ok_depth = std::string(64, '[') + std::string(64, ']');
  EXPECT_TRUE(ParseJsonText(ok_depth, "the body").ok());
}

TEST(JsonText, RefusesAKeyTwiceInOneObjectNamingIt) {
  struct Case {
    const char* text;
    const char* pointer;
  };
  for (const Case& c : {Case{R"({"username": "a", "password": "b", "username": "c"})", "/username"},
                        Case{R"({"profile": {"name": "x", "name": "y"}})", "/profile/name"},
                        Case{R"({"a": [{"b": 1}, {"c": 1, "c": 2}]})", "/a/1/c"},
                        Case{R"([[1, 2], {"x~y/z": 1, "x~y/z": 2}])", "/1/x~0y~1z"}}) {
    auto parsed = ParseJsonText(c.text, "the request body");
    ASSERT_FALSE(parsed.ok()) << c.text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(parsed.error().slug, "duplicate_key");
    EXPECT_EQ(parsed.error().pointer, c.pointer) << c.text;
  }
  // The same key in different objects is no duplicate.
  EXPECT_TRUE(ParseJsonText(R"({"a": {"name": 1}, "b": {"name": 2}, "c": [{"name": 3}, {"name": 4}]})", "x").ok());
}

}  // namespace
}  // namespace moteplass

// A long text is cut for the error message at a character, never inside one (found by
// fuzz/json_body: "å" across the 40th byte made the message itself fail, and the API answer 500).
TEST(JsonText, DescribesALongTextCutBetweenCharacters) {
  const std::string text = std::string(39, 'a') + "åååå";
  const std::string described = moteplass::DescribeJsonValue(nlohmann::json(text));
  EXPECT_EQ(described, "\"" + std::string(39, 'a') + "...\"");
  EXPECT_EQ(moteplass::DescribeJsonValue(nlohmann::json(std::string(38, 'a') + "åå")),
            "\"" + std::string(38, 'a') + "å...\"");
  EXPECT_EQ(moteplass::DescribeJsonValue(nlohmann::json("kort")), "\"kort\"");
}
