#include "core/studies/answers_import.h"

#include <gtest/gtest.h>

#include "core/studies/guide.h"

namespace moteplass::studies {
namespace {

using nlohmann::json;

const json& Participant() {
  static const json guide = *BuiltInGuide("participant-2007");
  return guide;
}

const json* GuideOfV1(const std::string& id, std::int64_t version) {
  return id == "participant-2007" && version == 1 ? &Participant() : nullptr;
}

TEST(AnswersImport, ReadsKoboToolboxCsvWithSemicolonsAndQuotedLines) {
  const std::string csv =
      "\xEF\xBB\xBF"
      "start;end;moteplass_guide;moteplass_version;informant;meeting_place;mode;"
      "section_meeting_place/hearing_body;section_reflections/works_well;section_recruitment/participants;"
      "section_recruitment/participants/youth;_uuid;_submission_time;_submitted_by\r\n"
      "2026-02-03T10:00:00.000+01:00;2026-02-03T10:40:00.000+01:00;participant-2007;1;I-01;12;phone;yes;"
      "\"Vi blir litt hørt;\nmen få \"\"høringer\"\".\";youth women;1;uuid:abc;2026-02-03T09:41:00;kari\r\n";
  auto table = ReadAnswerCsv(csv);
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 1u);
  auto rows = ReadSubmissions(*table, GuideOfV1);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  const Submission& s = (*rows)[0];
  EXPECT_EQ(s.row, 2u);
  EXPECT_EQ(s.id, "abc");
  EXPECT_EQ(s.informant, "I-01");
  EXPECT_EQ(s.interview["meeting_place"], 12);
  EXPECT_EQ(s.interview["started_at"], "2026-02-03T09:00:00Z");
  EXPECT_EQ(s.interview["guide"], "participant-2007");
  ASSERT_EQ(s.interview["answers"].size(), 3u);
  EXPECT_EQ(s.interview["answers"][0]["question"], "participants");
  EXPECT_EQ(s.interview["answers"][0]["value"], json({"youth", "women"}));
  EXPECT_EQ(s.interview["answers"][1]["value"], "yes");
  EXPECT_EQ(s.interview["answers"][2]["text"], "Vi blir litt hørt;\nmen få \"høringer\".");
  // The submitter is dropped: nothing of it in the interview.
  EXPECT_EQ(s.interview.dump().find("kari"), std::string::npos);
}

TEST(AnswersImport, ReadsOdkCentralCsvWithDashedPathsAndEdits) {
  const std::string csv =
      "SubmissionDate,moteplass_guide,moteplass_version,informant,section_meeting_place-hearing_body,"
      "meta-instanceID,KEY,SubmitterName,DeviceID,Edits\n"
      "2026-02-10T17:36:00.000Z,participant-2007,1,I-04,no,uuid:new,uuid:root,Kari,collect:x,2\n";
  auto rows = ReadSubmissions(*ReadAnswerCsv(csv), GuideOfV1);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_EQ((*rows)[0].id, "root");
  EXPECT_EQ((*rows)[0].marker, "0000000002");
  EXPECT_EQ((*rows)[0].interview["answers"][0]["value"], "no");
}

TEST(AnswersImport, RefusesLabelsLatin1AndBadRowsNamingThePlace) {
  auto labels = ReadSubmissions(
      *ReadAnswerCsv("moteplass_guide;moteplass_version;informant;Er møteplassen høringsinstans?;_uuid\n"), GuideOfV1);
  ASSERT_FALSE(labels.ok());
  EXPECT_EQ(labels.error().message,
            "row 1, column D: the header \"Er møteplassen høringsinstans?\" is a label, not a field's name: export the "
            "answers with \"XML values and headers\"");

  auto latin1 = ReadAnswerCsv(
      "informant;text\nI-01;ok\nI-02;r\xE5"
      "det\n");
  ASSERT_FALSE(latin1.ok());
  EXPECT_EQ(latin1.error().message.substr(0, 31), "line 3: the file is not UTF-8 (");

  const std::string bad =
      "moteplass_guide,moteplass_version,informant,section_meeting_place-hearing_body,"
      "section_recruitment-meeting_frequency,section_recruitment-training_useful,KEY\n"
      "participant-2007,1,I-01,Ja,,,a\n"
      "participant-2007,1,I-02,,seks,,b\n"
      "participant-2007,1,I-03,,,yes,c\n"
      "participant-2007,7,I-04,,,,d\n"
      "participant-2007,1,I-05,,,,a\n";
  auto rows = ReadSubmissions(*ReadAnswerCsv(bad), GuideOfV1);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().code, ErrorCode::kInvalid);
  const std::string& m = rows.error().message;
  EXPECT_NE(m.find("row 2, column D (section_meeting_place-hearing_body): \"Ja\" is a choice's label, not its name"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("row 3, column E (section_recruitment-meeting_frequency): expected a whole number"),
            std::string::npos)
      << m;
  // A follow-up answered when its question was not: the follow-up's column is named.
  EXPECT_NE(m.find("row 4, column F (section_recruitment-training_useful): asked only when"), std::string::npos) << m;
  EXPECT_NE(m.find("row 5, column B (moteplass_version): the guide participant-2007 has no version 7"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("row 6, column G (KEY): the submission a is also on row 2"), std::string::npos) << m;
}

}  // namespace
}  // namespace moteplass::studies
