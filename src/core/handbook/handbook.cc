#include "core/handbook/handbook.h"

#include <algorithm>
#include <set>

#include "core/handbook/links.h"
#include "core/json_text.h"
#include "core/resources.h"
#include "core/status_macros.h"
#include "core/text.h"
#include "core/typology/typology.h"

namespace moteplass::handbook {
namespace {

using nlohmann::json;

constexpr const char* kSlug = "invalid_handbook_page";

Error Invalid(const std::string& pointer, const std::string& message) {
  return Error::Invalid(pointer + ": " + message, pointer, kSlug);
}

std::size_t Characters(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

Result<std::string> Field(const json& text, const std::string& at, const char* name, TextLines lines, std::size_t max) {
  const std::string pointer = at + "/" + name;
  if (!text.contains(name) || !text[name].is_string()) return Invalid(pointer, "expected a text");
  ASSIGN_OR_RETURN(std::string clean, CleanText(text[name].get<std::string>(), lines, pointer));
  if (clean.empty()) return Invalid(pointer, "must not be empty");
  if (Characters(clean) > max) return Invalid(pointer, "longer than " + std::to_string(max) + " characters");
  return clean;
}

}  // namespace

const Text& Content::In(Lang lang) const {
  static const Text kNone;
  auto it = text.find(std::string(LangCode(lang)));
  return it == text.end() ? kNone : it->second;
}

json ToJson(const Content& c) {
  json j = json::object();
  for (auto lang : kLangs) {
    auto it = c.text.find(std::string(lang));
    if (it != c.text.end()) j[std::string(lang)] = {{"title", it->second.title}, {"body", it->second.body}};
  }
  j["kinds"] = c.kinds;
  return j;
}

Result<Content> ParseContent(const json& doc) {
  if (!doc.is_object()) return Invalid("", "expected an object");
  for (const auto& [key, value] : doc.items()) {
    const bool known = key == "kinds" || std::find(kLangs.begin(), kLangs.end(), key) != kLangs.end();
    if (!known) return Invalid("/" + EscapePointerToken(key), "unknown field");
  }
  Content c;
  for (auto lang : kLangs) {
    const std::string at = "/" + std::string(lang);
    if (!doc.contains(std::string(lang)) || !doc[std::string(lang)].is_object()) {
      return Invalid(at, "expected the page in this language: {\"title\", \"body\"}");
    }
    const json& t = doc[std::string(lang)];
    for (const auto& [key, value] : t.items()) {
      if (key != "title" && key != "body") return Invalid(at + "/" + EscapePointerToken(key), "unknown field");
    }
    ASSIGN_OR_RETURN(std::string title, Field(t, at, "title", TextLines::kOne, kMaxTitle));
    ASSIGN_OR_RETURN(std::string body, Field(t, at, "body", TextLines::kMany, kMaxBody));
    c.text[std::string(lang)] = Text{std::move(title), std::move(body)};
  }
  if (doc.contains("kinds")) {
    const json& kinds = doc["kinds"];
    if (!kinds.is_array() || kinds.size() > kMaxKinds) return Invalid("/kinds", "expected a list of at most 6 kinds");
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      const std::string at = "/kinds/" + std::to_string(i);
      const bool known = kinds[i].is_string() &&
                         std::find(kKinds.begin(), kKinds.end(), kinds[i].get<std::string>()) != kKinds.end();
      if (!known) return Invalid(at, "expected a kind of meeting place, such as \"council\"");
      if (std::find(c.kinds.begin(), c.kinds.end(), kinds[i].get<std::string>()) != c.kinds.end()) {
        return Invalid(at, "named twice");
      }
      c.kinds.push_back(kinds[i].get<std::string>());
    }
  }
  return c;
}

bool CanMove(std::string_view from, std::string_view to) {
  return (from == "draft" && to == "review") || (from == "review" && to == "published") ||
         (from == "review" && to == "draft");
}

bool ValidSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > 60) return false;
  return std::all_of(slug.begin(), slug.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::vector<SeedPage> SeedPages() {
  std::vector<SeedPage> out;
  const json manifest = json::parse(resources::Get("data/handbook/pages.json"));
  for (const json& page : manifest) {
    json doc = {{"kinds", page["kinds"]}};
    const std::string slug = page["slug"].get<std::string>();
    for (auto lang : kLangs) {
      const std::string text(resources::Get("data/handbook/" + slug + "." + std::string(lang) + ".md"));
      const std::size_t eol = text.find('\n');
      std::string title = text.substr(0, eol);
      if (title.starts_with("# ")) title = title.substr(2);
      std::string body = eol == std::string::npos ? "" : text.substr(eol + 1);
      while (!body.empty() && (body.front() == '\n')) body.erase(body.begin());
      while (!body.empty() && (body.back() == '\n')) body.pop_back();
      doc[std::string(lang)] = {{"title", title}, {"body", body}};
    }
    auto content = ParseContent(doc);
    if (!content.ok()) continue;  // handbook_test checks every shipped page parses
    out.push_back({slug, std::move(*content)});
  }
  return out;
}

std::vector<std::string> AnalysesOf(std::string_view slug) {
  static const json manifest = json::parse(resources::Get("data/handbook/pages.json"));
  for (const json& page : manifest) {
    if (page.value("slug", std::string()) != slug) continue;
    return page.value("analyses", std::vector<std::string>());
  }
  return {};
}

search::Document DocumentOf(const Content& c) {
  search::Document d;
  for (const auto& [lang, text] : c.text) {
    for (auto& t : search::TextTerms(text.title)) d.name.push_back(std::move(t));
    for (auto& t : search::TextTerms(text.body)) d.body.push_back(std::move(t));
  }
  for (const auto& kind : c.kinds) d.tags.push_back(search::KindTag(kind));
  return d;
}

double Score(const search::Document& doc, const search::Query& query) {
  auto count = [](const std::vector<std::string>& terms, const search::Term& t) {
    double n = 0;
    for (const auto& term : terms) {
      if (term == t.text || (t.prefix && term.starts_with(t.text))) n += 1;
    }
    return n;
  };
  double total = 0;
  for (const search::Group& group : query) {
    double best = 0;
    for (const search::Conjunction& all : group) {
      double sum = 0;
      bool every = true;
      for (const search::Term& t : all) {
        const double w = t.name_only ? 10 * count(doc.name, t)
                                     : 10 * count(doc.name, t) + count(doc.body, t) + 4 * count(doc.tags, t);
        if (w == 0) {
          every = false;
          break;
        }
        sum += w;
      }
      if (every) best = std::max(best, sum);
    }
    if (best == 0) return 0;
    total += best;
  }
  return query.empty() ? 1 : total;
}

}  // namespace moteplass::handbook
