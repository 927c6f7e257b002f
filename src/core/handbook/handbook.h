// The handbook (contracts/advisor.md, `/handbok`): pages in bokmål, nynorsk and English written
// from the report's chapter 5, its common traits, its youth chapter and the Danish model, edited
// by national users in Markdown with draft, review and publish, and a history of versions. This
// is the page's content and its rules; the store keeps the versions (store/handbook_store.h).
//
// The pages shipped with the program are data/handbook/pages.json (slugs in order, and the kinds
// of meeting place each links examples of) and data/handbook/<slug>.<lang>.md, each starting with
// "# Title"; they are loaded as version 1, published, at first start.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/messages.h"
#include "core/search/search.h"

namespace moteplass::handbook {

inline constexpr std::array<std::string_view, 3> kLangs = {"nb", "nn", "en"};
// A version moves draft -> review -> published; a reviewer may send it back (review -> draft).
inline constexpr std::array<std::string_view, 3> kStatuses = {"draft", "review", "published"};
inline constexpr std::size_t kMaxTitle = 120;
inline constexpr std::size_t kMaxBody = 40000;
inline constexpr std::size_t kMaxKinds = 6;

// A page's text in one language: its title and its body in Markdown.
struct Text {
  std::string title;
  std::string body;
  bool operator==(const Text&) const = default;
};

// What one version of a page holds.
struct Content {
  std::map<std::string, Text> text;  // by language code, all three present
  std::vector<std::string> kinds;    // the typology's kinds it links examples of, in order
  const Text& In(Lang lang) const;
  bool operator==(const Content&) const = default;
};

// {"nb": {"title", "body"}, "nn": {...}, "en": {...}, "kinds": [...]}.
nlohmann::json ToJson(const Content& content);
// The same, checked: every language with a title (1-120 characters, one line) and a body (1-40,000
// characters), clean text (core/text.h), kinds the typology knows, no other fields. kInvalid,
// slug "invalid_handbook_page", with the pointer of the field ("/nn/title").
Result<Content> ParseContent(const nlohmann::json& doc);

// Whether a version in status `from` may be moved to `to`.
bool CanMove(std::string_view from, std::string_view to);

struct SeedPage {
  std::string slug;
  Content content;
};
// The pages shipped in data/handbook/, in their order (see the file comment).
std::vector<SeedPage> SeedPages();
// Whether `slug` is a page address: lower-case letters, digits and hyphens, 1-60 characters.
bool ValidSlug(std::string_view slug);

// What a version is found by with the register's Norwegian search (core/search): its titles as
// the name, its bodies as the text, its kinds as tags, in all three languages.
search::Document DocumentOf(const Content& content);
// How well `doc` matches `query` (0 when it does not): a term in a title weighs ten times one in a
// body, a kind four times, as the register ranks its meeting places.
double Score(const search::Document& doc, const search::Query& query);

}  // namespace moteplass::handbook
