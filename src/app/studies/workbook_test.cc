#include "app/studies/workbook.h"

#include <zip.h>

#include <cstdlib>
#include <cstring>

#include <gtest/gtest.h>

#include "core/studies/guide.h"

namespace moteplass::app {
namespace {

// A zip archive holding `entries` (name, content), deflated.
std::string Zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  for (const auto& [name, content] : entries) {
    char* copy = static_cast<char*>(malloc(content.size()));
    std::memcpy(copy, content.data(), content.size());
    zip_source_t* s = zip_source_buffer(z, copy, content.size(), 1);
    zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8);
  }
  zip_close(z);
  zip_source_open(out);
  zip_source_seek(out, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(out);
  zip_source_seek(out, 0, SEEK_SET);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  zip_source_read(out, bytes.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(out);
  zip_source_free(out);
  zip_error_fini(&error);
  return bytes;
}

TEST(Workbook, WhatIsWrittenIsReadBack) {
  const std::vector<studies::Sheet> sheets = {
      {"survey",
       {{"type", "name", "label::nynorsk (nn)"}, {"text", "q1", "Kva meiner du? «Æ ø å»"}, {}, {"note", "", "x"}}},
      {"choices", {{"list_name", "name"}}}};
  auto bytes = WriteWorkbook(sheets);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  auto back = ReadWorkbook(*bytes);
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].name, "survey");
  EXPECT_EQ((*back)[0].rows[0], sheets[0].rows[0]);
  EXPECT_EQ((*back)[0].rows[1], sheets[0].rows[1]);
  EXPECT_EQ((*back)[0].rows[3], sheets[0].rows[3]);
  EXPECT_EQ((*back)[1].rows.size(), 1u);
}

TEST(Workbook, ABuiltInGuideSurvivesTheFile) {
  auto guide = studies::BuiltInGuide("participant-2007");
  ASSERT_TRUE(guide.ok());
  auto bytes = WriteWorkbook(studies::ToXlsForm(*guide, 1));
  ASSERT_TRUE(bytes.ok());
  auto sheets = ReadWorkbook(*bytes);
  ASSERT_TRUE(sheets.ok()) << sheets.error().message;
  auto back = studies::FromXlsForm(*sheets);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, *guide);
}

TEST(Workbook, WhatIsNotAWorkbookIsRefusedNotCrashedOn) {
  for (const std::string& bytes :
       {std::string(), std::string("type,name\ntext,q\n"), std::string("PK\x03\x04garbage")}) {
    auto r = ReadWorkbook(bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().slug, "xlsx");
  }
  auto no_workbook = ReadWorkbook(Zip({{"hello.txt", "hi"}}));
  ASSERT_FALSE(no_workbook.ok());
  EXPECT_NE(no_workbook.error().message.find("xl/workbook.xml"), std::string::npos);
  auto bad_xml = ReadWorkbook(Zip({{"xl/workbook.xml", "<workbook><sheets>"}}));
  ASSERT_FALSE(bad_xml.ok());
  EXPECT_NE(bad_xml.error().message.find("not well-formed"), std::string::npos);
}

TEST(Workbook, AZipBombIsRefused) {
  // 40 MiB of one byte packs into a few tens of KiB.
  const std::string bomb = Zip({{"xl/workbook.xml", std::string(40u << 20, ' ')}});
  EXPECT_LT(bomb.size(), 1u << 20);
  auto r = ReadWorkbook(bomb);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("more than 16 MiB"), std::string::npos) << r.error().message;

  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 300; ++i) many.emplace_back("f" + std::to_string(i), "x");
  auto crowded = ReadWorkbook(Zip(many));
  ASSERT_FALSE(crowded.ok());
  EXPECT_NE(crowded.error().message.find("more than 200 files"), std::string::npos);
}

}  // namespace
}  // namespace moteplass::app
