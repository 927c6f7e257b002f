// Every {{t.key}} a template uses exists in the message catalogue, so that no page shows an
// empty label in any language (the catalogue test checks that each key has nb, nn and en), and
// comes from the catalogue file of the template's capability: a template in
// templates/<capability>/ uses keys of src/core/messages/<capability>.json and common.json, one
// at templates/ root (the layout and the shared error page) only those of common.json.
#include <algorithm>
#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/messages.h"
#include "core/resources.h"

namespace moteplass {
namespace {

const std::regex& MessageUse() {
  static const std::regex use(R"(\{\{\{?\s*t\.([a-z0-9_.]+)\s*\}?\}\})");
  return use;
}

// "register" for templates/register/form.mustache; "" for one at templates/ root.
std::string Capability(std::string_view name) {
  name.remove_prefix(std::string_view("templates/").size());
  const auto slash = name.find('/');
  return slash == std::string_view::npos ? "" : std::string(name.substr(0, slash));
}

TEST(Templates, EveryMessageTheyUseIsInTheCatalogue) {
  const auto keys = MessageKeys();
  const auto templates = resources::List("templates/");
  ASSERT_FALSE(templates.empty());
  int uses = 0;
  for (const auto& entry : templates) {
    const std::string text(entry.content);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), MessageUse()); it != std::sregex_iterator(); ++it) {
      ++uses;
      const std::string key = (*it)[1];
      EXPECT_TRUE(std::find(keys.begin(), keys.end(), key) != keys.end())
          << entry.name << " uses {{t." << key << "}}, which is not in the message catalogue";
    }
  }
  EXPECT_GT(uses, 20);
}

TEST(Templates, UseTheMessagesOfTheirCapability) {
  std::set<std::string> capabilities;
  int uses = 0;
  for (const auto& entry : resources::List("templates/")) {
    const std::string capability = Capability(entry.name);
    if (!capability.empty()) capabilities.insert(capability);
    const std::string text(entry.content);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), MessageUse()); it != std::sregex_iterator(); ++it) {
      const std::string key = (*it)[1];
      const std::string file = MessageFile(key);
      if (file.empty()) continue;  // EveryMessageTheyUseIsInTheCatalogue reports it
      ++uses;
      EXPECT_TRUE(file == "common" || (!capability.empty() && file == capability))
          << entry.name << " uses {{t." << key << "}} from src/core/messages/" << file << ".json; a template in "
          << (capability.empty() ? "templates/ root uses common.json only"
                                 : "templates/" + capability + "/ uses " + capability + ".json and common.json")
          << ": move the key to common.json when several capabilities use it";
    }
  }
  EXPECT_GT(uses, 20);
  // Each folder of templates is a capability with its own messages.
  for (const auto& capability : capabilities) {
    EXPECT_TRUE(resources::Find("src/core/messages/" + capability + ".json").has_value())
        << "templates/" << capability << "/ has no src/core/messages/" << capability << ".json";
  }
  // The layout and the shared error page are the only templates at the root.
  for (const auto& entry : resources::List("templates/")) {
    if (Capability(entry.name).empty()) {
      EXPECT_TRUE(entry.name == "templates/layout.mustache" || entry.name == "templates/error.mustache")
          << entry.name << " belongs in templates/<capability>/";
    }
  }
}

}  // namespace
}  // namespace moteplass
