#include "core/text.h"

#include <gtest/gtest.h>

namespace moteplass {
namespace {

TEST(CleanText, NormalisesToNfc) {
  // "Möte på Årnes" with ö, å and Å decomposed (a letter and a combining mark each).
  const std::string decomposed = "Mo\xcc\x88te p\x61\xcc\x8a \x41\xcc\x8arnes";
  auto clean = CleanText(decomposed, TextLines::kOne, "/profile/name");
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(*clean, "M\xc3\xb6te p\xc3\xa5 \xc3\x85rnes");
  EXPECT_EQ(*CleanText("Innvandrerrådet", TextLines::kOne, "/x"), "Innvandrerrådet");
  EXPECT_EQ(*CleanText("", TextLines::kOne, "/x"), "");
  EXPECT_EQ(*CleanText("Linje 1\nLinje 2\tmed tab", TextLines::kMany, "/x"), "Linje 1\nLinje 2\tmed tab");
}

TEST(CleanText, RefusesWhatHidesOrForgesTextNamingTheField) {
  struct Case {
    std::string text;
    TextLines lines;
  };
  const Case refused[] = {
      {std::string("Rådet\0skjult", 12), TextLines::kOne},  // NUL
      {"Rådet\x1b[31m", TextLines::kMany},                  // a terminal escape
      {"Rådet\x7f", TextLines::kMany},                      // DEL
      {"Rådet\xc2\x85", TextLines::kMany},                  // U+0085, a C1 control
      {"To\nlinjer", TextLines::kOne},                      // a line break in a name
      {"R\xe2\x80\xaeådet", TextLines::kOne},               // U+202E RIGHT-TO-LEFT OVERRIDE
      {"R\xe2\x80\xaaådet", TextLines::kMany},              // U+202A
      {"R\xe2\x81\xa6ådet\xe2\x81\xa9", TextLines::kOne},   // U+2066 ... U+2069 isolates
      {"   ", TextLines::kOne},                             // blank
      {"\xe2\x80\x8b\xe2\x80\x8b", TextLines::kOne},        // zero-width spaces only
      {"\xe3\x85\xa4", TextLines::kOne},                    // U+3164 HANGUL FILLER, invisible
      {" \n\t ", TextLines::kMany},                         // only white space, over lines
      {"\xc3\x28", TextLines::kOne},                        // not UTF-8
  };
  for (const Case& c : refused) {
    auto clean = CleanText(c.text, c.lines, "/profile/name");
    ASSERT_FALSE(clean.ok()) << c.text;
    EXPECT_EQ(clean.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(clean.error().pointer, "/profile/name");
  }
}

}  // namespace
}  // namespace moteplass
