// Every {{t.key}} a template uses exists in the message catalogue, so that no page shows an
// empty label in any language (the catalogue test checks that each key has nb, nn and en).
#include <algorithm>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "core/messages.h"
#include "core/resources.h"

namespace moteplass {
namespace {

TEST(Templates, EveryMessageTheyUseIsInTheCatalogue) {
  const auto keys = MessageKeys();
  const auto templates = resources::List("templates/");
  ASSERT_FALSE(templates.empty());
  const std::regex use(R"(\{\{\{?\s*t\.([a-z0-9_.]+)\s*\}?\}\})");
  int uses = 0;
  for (const auto& entry : templates) {
    const std::string text(entry.content);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), use); it != std::sregex_iterator(); ++it) {
      ++uses;
      const std::string key = (*it)[1];
      EXPECT_TRUE(std::find(keys.begin(), keys.end(), key) != keys.end())
          << entry.name << " uses {{t." << key << "}}, which is not in the message catalogue";
    }
  }
  EXPECT_GT(uses, 20);
}

}  // namespace
}  // namespace moteplass
