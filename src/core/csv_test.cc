#include "core/csv.h"

#include <gtest/gtest.h>

namespace moteplass {
namespace {

TEST(CsvField, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(CsvField("Innvandrerrådet"), "Innvandrerrådet");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("Bergen, Vestland"), "\"Bergen, Vestland\"");
  EXPECT_EQ(CsvField("«Rådet» sa \"ja\""), "\"«Rådet» sa \"\"ja\"\"\"");
  EXPECT_EQ(CsvField("to\nlinjer"), "\"to\nlinjer\"");
  EXPECT_EQ(CsvField("cr\rhere"), "\"cr\rhere\"");
}

}  // namespace
}  // namespace moteplass
