#include "app/handbook/handbook.h"

#include <algorithm>

#include "core/status_macros.h"

namespace moteplass::app {
namespace {

const search::PlaceNames& Names(const Places& places) {
  static const search::PlaceNames names(places);  // the municipalities and counties never change
  return names;
}

Result<HandbookPage> Load(Services& s, const std::string& slug, bool editor) {
  ASSIGN_OR_RETURN(std::vector<HandbookVersion> versions, s.store.handbook().Versions(slug));
  HandbookPage page{slug, std::nullopt, {}};
  for (auto& v : versions) {
    if (v.status == "published" && !page.published) page.published = v;
    if (editor || v.status == "published") page.versions.push_back(std::move(v));
  }
  return page;
}

}  // namespace

bool MayEditHandbook(Services& s, const Principal& who) {
  (void)s;
  return Decide(who, Action::kHandbookEdit, RecordLocation{}).allowed;
}

Result<std::vector<HandbookPage>> HandbookPages(Services& s, const Principal& who) {
  const bool editor = MayEditHandbook(s, who);
  ASSIGN_OR_RETURN(std::vector<std::string> slugs, s.store.handbook().Slugs());
  std::vector<HandbookPage> out;
  for (const auto& slug : slugs) {
    ASSIGN_OR_RETURN(HandbookPage page, Load(s, slug, editor));
    if (page.published || editor) out.push_back(std::move(page));
  }
  return out;
}

Result<HandbookPage> GetHandbookPage(Services& s, const Principal& who, const std::string& slug) {
  if (!handbook::ValidSlug(slug)) return Error::NotFound("no handbook page \"" + slug + "\"");
  const bool editor = MayEditHandbook(s, who);
  ASSIGN_OR_RETURN(HandbookPage page, Load(s, slug, editor));
  if (!page.published && !editor) return Error::NotFound("no handbook page \"" + slug + "\"");
  return page;
}

Result<std::vector<HandbookPage>> SearchHandbook(Services& s, const std::string& text) {
  const search::Query query = search::ParseQuery(text, Names(s.places));
  ASSIGN_OR_RETURN(std::vector<HandbookPage> pages, HandbookPages(s, Principal{}));
  std::vector<std::pair<double, HandbookPage>> scored;
  for (auto& p : pages) {
    if (!p.published) continue;
    const double score = handbook::Score(handbook::DocumentOf(p.published->content), query);
    if (score > 0) scored.emplace_back(score, std::move(p));
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<HandbookPage> out;
  for (auto& [score, page] : scored) out.push_back(std::move(page));
  return out;
}

Result<HandbookVersion> SaveHandbookDraft(Services& s, const Principal& who, const std::string& slug,
                                          const nlohmann::json& content) {
  RETURN_IF_ERROR(Authorize(s, who, Action::kHandbookEdit, RecordLocation{}, "handbook_page", slug));
  auto parsed = handbook::ParseContent(content);
  if (!parsed.ok()) {
    RETURN_IF_ERROR(Outcome(s, who, Action::kHandbookEdit, "handbook_page", slug, parsed.error(), false));
  }
  auto saved = s.store.handbook().AddDraft(slug, *parsed, WriteContext{AuthorOf(who), 0});
  if (!saved.ok()) {
    RETURN_IF_ERROR(Outcome(s, who, Action::kHandbookEdit, "handbook_page", slug, saved.error(), false));
  }
  s.changed({kHandbookTag});
  return saved;
}

Result<HandbookVersion> MoveHandbookVersion(Services& s, const Principal& who, const std::string& slug,
                                            std::int64_t version, const std::string& to) {
  const Action action = to == "published" ? Action::kHandbookPublish : Action::kHandbookEdit;
  RETURN_IF_ERROR(Authorize(s, who, action, RecordLocation{}, "handbook_page", slug));
  if (to != "review" && to != "draft" && to != "published") {
    const Error e = Error::Invalid("/status: expected review, draft or published", "/status");
    RETURN_IF_ERROR(Outcome(s, who, action, "handbook_page", slug, e, false));
  }
  auto moved = s.store.handbook().Move(slug, version, to, WriteContext{AuthorOf(who), 0});
  if (!moved.ok()) RETURN_IF_ERROR(Outcome(s, who, action, "handbook_page", slug, moved.error(), false));
  s.changed({kHandbookTag});
  return moved;
}

}  // namespace moteplass::app
