#include "core/messages.h"

#include <gtest/gtest.h>

namespace moteplass {
namespace {

TEST(Messages, EveryKeyHasEveryLanguage) {
  auto problems = MissingTranslations();
  for (const auto& p : problems) ADD_FAILURE() << p;
  EXPECT_FALSE(MessageKeys().empty());
}

TEST(Messages, FillsPlaceholdersAndPicksLanguage) {
  EXPECT_EQ(Msg("app.name", Lang::kNn), "Møteplassar");
  EXPECT_EQ(Msg("app.name", Lang::kEn), "Meeting places");
  EXPECT_EQ(Msg("no.such.key", Lang::kNb), "[no.such.key]");
}

TEST(Messages, ParsesLanguageCodes) {
  Lang lang;
  ASSERT_TRUE(ParseLang("nn", &lang));
  EXPECT_EQ(lang, Lang::kNn);
  EXPECT_FALSE(ParseLang("de", &lang));
}

}  // namespace
}  // namespace moteplass
