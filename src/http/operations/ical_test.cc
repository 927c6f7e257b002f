#include "http/operations/ical.h"

#include <gtest/gtest.h>

namespace moteplass::http::operations {
namespace {

TEST(Ical, EscapesTextValues) {
  EXPECT_EQ(IcalEscape("Rådhuset; sal 2, Bergen\\Vest\nInngang bak"),
            "Rådhuset\\; sal 2\\, Bergen\\\\Vest\\nInngang bak");
  EXPECT_EQ(IcalEscape("a\r\nb"), "a\\nb");
}

TEST(Ical, FoldsAfter75OctetsNeverInsideACharacter) {
  const std::string line = "SUMMARY:" + std::string(66, 'x') + "ææææ";  // 'æ' is two octets
  const std::string folded = IcalLine(line);
  ASSERT_EQ(folded.substr(folded.size() - 2), "\r\n");
  const std::size_t first = folded.find("\r\n");
  EXPECT_LE(first, 75u);
  EXPECT_EQ(folded.substr(first, 3), "\r\n ");
  // Unfolding gives the line back, whole characters on each side of the fold.
  std::string unfolded = folded.substr(0, folded.size() - 2);
  for (std::size_t at; (at = unfolded.find("\r\n ")) != std::string::npos;) unfolded.erase(at, 3);
  EXPECT_EQ(unfolded, line);
  EXPECT_EQ(folded.substr(0, first), "SUMMARY:" + std::string(66, 'x'));  // 74 octets: the next 'æ' would pass 75
  EXPECT_EQ(IcalLine("BEGIN:VEVENT"), "BEGIN:VEVENT\r\n");
}

TEST(Ical, WritesTimesInTheBasicFormat) { EXPECT_EQ(IcalTime("2026-02-03T17:00:00Z"), "20260203T170000Z"); }

}  // namespace
}  // namespace moteplass::http::operations
