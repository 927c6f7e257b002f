#include "core/local_time.h"

#include <gtest/gtest.h>

namespace moteplass {
namespace {

TEST(LocalTime, WinterIsOneHourAheadOfUtc) {
  EXPECT_EQ(ShowDateTime("2026-11-26T09:15:00Z", Lang::kNb), "26.11.2026 kl. 10.15");
  EXPECT_EQ(ShowDateTime("2026-11-26T09:15:00Z", Lang::kNn), "26.11.2026 kl. 10.15");
  EXPECT_EQ(ShowDateTime("2026-11-26T09:15:00Z", Lang::kEn), "26 Nov 2026, 10:15");
}

TEST(LocalTime, SummerTimeRunsFromTheLastSundayOfMarchToTheLastSundayOfOctober) {
  // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
  EXPECT_EQ(ShowDateTime("2026-03-29T00:59:00Z", Lang::kNb), "29.03.2026 kl. 01.59");
  EXPECT_EQ(ShowDateTime("2026-03-29T01:00:00Z", Lang::kNb), "29.03.2026 kl. 03.00");
  EXPECT_EQ(ShowDateTime("2026-07-01T12:00:00Z", Lang::kNb), "01.07.2026 kl. 14.00");
  EXPECT_EQ(ShowDateTime("2026-10-25T00:59:00Z", Lang::kNb), "25.10.2026 kl. 02.59");
  EXPECT_EQ(ShowDateTime("2026-10-25T01:00:00Z", Lang::kNb), "25.10.2026 kl. 02.00");
}

TEST(LocalTime, TheDayInNorwayCanBeTheNextDayInUtc) {
  EXPECT_EQ(ShowDate("2026-12-31T23:30:00Z", Lang::kNb), "01.01.2027");
  EXPECT_EQ(ShowDate("2026-06-30T22:30:00Z", Lang::kEn), "1 Jul 2026");
}

TEST(LocalTime, DatesAreShownAsPeopleWriteThem) {
  EXPECT_EQ(ShowDate("2007-05-03", Lang::kNb), "03.05.2007");
  EXPECT_EQ(ShowDate("2007-05-03", Lang::kEn), "3 May 2007");
  EXPECT_EQ(ShowDate("sometime", Lang::kNb), "sometime");
  EXPECT_EQ(ShowDateTime("2026-02-30T10:00:00Z", Lang::kNb), "2026-02-30T10:00:00Z");
}

TEST(LocalTime, TypedDatesAreReadInNorwegianAndIsoForm) {
  EXPECT_EQ(ParseTypedDate("26.11.2026"), "2026-11-26");
  EXPECT_EQ(ParseTypedDate(" 1.2.2026 "), "2026-02-01");
  EXPECT_EQ(ParseTypedDate("2026-11-26"), "2026-11-26");
  EXPECT_EQ(ParseTypedDate("29.02.2024"), "2024-02-29");
  EXPECT_FALSE(ParseTypedDate("29.02.2026"));
  EXPECT_FALSE(ParseTypedDate("26.11.26"));
  EXPECT_FALSE(ParseTypedDate("2026-13-01"));
  EXPECT_FALSE(ParseTypedDate("26/11/2026"));
  EXPECT_FALSE(ParseTypedDate(""));
  EXPECT_FALSE(ParseTypedDate("+1.2.2026"));
}

}  // namespace
}  // namespace moteplass
