#include "core/operations/case_csv.h"

#include <gtest/gtest.h>

namespace moteplass::ops {
namespace {

// A council's year as a secretary would keep it in a spreadsheet (saved by Excel in Norway: ';'
// between fields, dates as 01.02.2026, a byte-order mark), with a statement over two lines.
TEST(CaseCsv, ReadsAYearFromASpreadsheet) {
  const std::string csv =
      "\xEF\xBB\xBFtitle;kind;from_body;case_number;received;deadline;statement;sent;public;decision_outcome\r\n"
      "Plan for bosetting av flyktninger;hearing;Bystyret;2026/101;05.01.2026;05.02.2026;\"Rådet støtter planen;\n"
      "men ber om tolk.\";01.02.2026;ja;partly_followed\r\n"
      "Norskopplæring for eldre;own_initiative;;;2026-06-01;;;;;\r\n"
      ";;;;;;;;;\r\n"
      "Budsjett for introduksjonsprogrammet;advice_request;Rådmannen;;01.03.2026;;;;nei;\r\n";
  CaseCsv parsed = ParseCaseCsv(csv);
  ASSERT_TRUE(parsed.problems.empty()) << Describe(parsed.problems[0]);
  ASSERT_EQ(parsed.cases.size(), 3u);
  const auto& first = parsed.cases[0];
  EXPECT_EQ(first["title"], "Plan for bosetting av flyktninger");
  EXPECT_EQ(first["received"], "2026-01-05");
  EXPECT_EQ(first["deadline"], "2026-02-05");
  EXPECT_EQ(first["sent"], "2026-02-01");
  EXPECT_EQ(first["statement"], "Rådet støtter planen;\nmen ber om tolk.");
  EXPECT_EQ(first["public"], true);
  EXPECT_EQ(first["decision"]["outcome"], "partly_followed");
  EXPECT_TRUE(parsed.cases[1]["decision"].is_null());
  EXPECT_EQ(parsed.cases[1]["kind"], "own_initiative");
  EXPECT_EQ(parsed.cases[2]["public"], false);
}

TEST(CaseCsv, CommasAndColumnsInAnyOrder) {
  CaseCsv parsed = ParseCaseCsv("received,title,kind\n2026-02-01,\"Høring, tolketjenesten\",hearing\n");
  ASSERT_TRUE(parsed.problems.empty());
  EXPECT_EQ(parsed.cases[0]["title"], "Høring, tolketjenesten");
}

// Every bad row is named with its column, as a spreadsheet numbers rows (the header is row 1).
TEST(CaseCsv, NamesEachBadRowAndColumn) {
  const std::string csv =
      "title,kind,received,deadline,sent,decision_outcome\n"
      "Høring om bosetting,hearing,05.01.2026,05.02.2026,,followed\n"
      "Høring om tolker,høring,05.01.2026,,,\n"
      "Råd om språkopplæring,advice_request,31.02.2026,,,\n"
      "Høring om skole,hearing,05.03.2026,,01.03.2026,\n"
      "Eget initiativ,own_initiative,01.06.2026,,,kanskje\n"
      ",hearing,01.06.2026,,,\n";
  CaseCsv parsed = ParseCaseCsv(csv);
  ASSERT_EQ(parsed.problems.size(), 5u);
  EXPECT_EQ(parsed.problems[0].row, 3);
  EXPECT_EQ(parsed.problems[0].column, "kind");
  EXPECT_EQ(parsed.problems[1].row, 4);
  EXPECT_EQ(parsed.problems[1].column, "received");
  EXPECT_EQ(parsed.problems[2].row, 5);
  EXPECT_EQ(parsed.problems[2].column, "sent");
  EXPECT_EQ(parsed.problems[3].row, 6);
  EXPECT_EQ(parsed.problems[3].column, "decision_outcome");
  EXPECT_EQ(parsed.problems[4].row, 7);
  EXPECT_EQ(parsed.problems[4].column, "title");
  const Error e = CsvError(parsed.problems);
  EXPECT_EQ(e.code, ErrorCode::kInvalid);
  EXPECT_EQ(e.pointer, "/rows/3/kind");
  EXPECT_NE(e.message.find("5 rows are wrong"), std::string::npos);
  EXPECT_NE(e.message.find("\nrow 4, column received: expected a date"), std::string::npos);
}

TEST(CaseCsv, RefusesAFileItCannotRead) {
  EXPECT_EQ(ParseCaseCsv("").problems.at(0).message.substr(0, 17), "the file is empty");
  EXPECT_EQ(ParseCaseCsv("title,kind,colour\n").problems.at(0).column, "colour");
  EXPECT_EQ(ParseCaseCsv("title,kind\nx,hearing\n").problems.at(0).column, "received");
  EXPECT_EQ(ParseCaseCsv("title,title,kind,received\n").problems.at(0).message, "the column is named twice");
  EXPECT_EQ(ParseCaseCsv("title,kind,received\n\"x,hearing,2026-01-01\n").problems.at(0).message,
            "a quoted field is not closed");
  EXPECT_EQ(ParseCaseCsv("title,kind,received\n").problems.at(0).row, 2);
  EXPECT_EQ(ParseCaseCsv("title,kind,received\nx,hearing,2026-01-01,extra\n").problems.at(0).row, 2);
  std::string many = "title,kind,received\n";
  for (int i = 0; i < 4; ++i) many += "x,hearing,2026-01-01\n";
  EXPECT_EQ(ParseCaseCsv(many, 3).problems.at(0).row, 5);
}

}  // namespace
}  // namespace moteplass::ops
