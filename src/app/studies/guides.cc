#include "app/studies/guides.h"

#include <algorithm>
#include <map>

#include "app/studies/workbook.h"
#include "core/status_macros.h"
#include "core/studies/guide.h"
#include "core/studies/xlsform.h"

namespace moteplass::app {
namespace {

using nlohmann::json;

bool IsBuiltIn(const std::string& id) {
  return std::find(std::begin(studies::kBuiltInGuides), std::end(studies::kBuiltInGuides), id) !=
         std::end(studies::kBuiltInGuides);
}

// Version 1 of a built-in guide, as shipped, when no version is stored.
Result<GuideVersion> Shipped(const std::string& id) {
  ASSIGN_OR_RETURN(json doc, studies::BuiltInGuide(id));
  return GuideVersion{id, 1, std::move(doc), "", "system"};
}

}  // namespace

Result<std::vector<GuideVersion>> ListGuides(Services& s) {
  ASSIGN_OR_RETURN(std::vector<GuideVersion> stored, s.store.studies().LatestGuides());
  std::map<std::string, GuideVersion> all;
  for (std::string_view id : studies::kBuiltInGuides) {
    ASSIGN_OR_RETURN(GuideVersion g, Shipped(std::string(id)));
    all[g.guide] = std::move(g);
  }
  for (GuideVersion& g : stored) all[g.guide] = std::move(g);
  std::vector<GuideVersion> out;
  // The built-in guides first, in the report's order; then the others by id.
  for (std::string_view id : studies::kBuiltInGuides) {
    out.push_back(std::move(all[std::string(id)]));
    all.erase(std::string(id));
  }
  for (auto& [id, g] : all) out.push_back(std::move(g));
  return out;
}

Result<GuideVersion> GetGuide(Services& s, const std::string& id, std::int64_t version) {
  Result<GuideVersion> stored = s.store.studies().GetGuide(id, version);
  if (stored.ok() || stored.error().code != ErrorCode::kNotFound || !IsBuiltIn(id)) return stored;
  if (version > 1) return stored;
  // A built-in guide with nothing stored: version 1 as shipped.
  ASSIGN_OR_RETURN(std::vector<GuideVersion> versions, s.store.studies().GuideVersions(id));
  if (!versions.empty()) return stored;
  return Shipped(id);
}

const nlohmann::json* GuideDocuments::operator()(const std::string& id, std::int64_t version) {
  auto [at, added] = read_.try_emplace({id, version});
  if (added) {
    auto g = GetGuide(s_, id, version);
    if (g.ok()) at->second = std::move(g->document);
  }
  return at->second.is_null() ? nullptr : &at->second;
}

json GuideSummary(const GuideVersion& g) {
  return json{{"id", g.guide},
              {"title", g.document["title"]},
              {"version", g.version},
              {"question_count", g.document["questions"].size()}};
}

json GuideView(const GuideVersion& g) {
  json out = g.document;
  out["version"] = g.version;
  out["question_count"] = g.document["questions"].size();
  out["created_at"] = g.created_at.empty() ? json() : json(g.created_at);
  out["links"] = {{"self", "/api/v1/guides/" + g.guide + "/versions/" + std::to_string(g.version)},
                  {"latest", "/api/v1/guides/" + g.guide},
                  {"xlsform", "/api/v1/guides/" + g.guide + "/xlsform"}};
  return out;
}

Result<std::string> ExportGuideXlsForm(Services& s, const std::string& id, std::int64_t version) {
  ASSIGN_OR_RETURN(GuideVersion g, GetGuide(s, id, version));
  return WriteWorkbook(studies::ToXlsForm(g.document, g.version));
}

Result<ImportedGuide> ImportGuideXlsForm(Services& s, const Principal& who, std::string_view bytes) {
  ASSIGN_OR_RETURN(std::vector<studies::Sheet> sheets, ReadWorkbook(bytes));
  ASSIGN_OR_RETURN(json guide, studies::FromXlsForm(sheets));
  const std::string id = guide["id"].get<std::string>();
  const WriteContext ctx{AuthorOf(who), 0};
  if (IsBuiltIn(id)) {
    // The shipped version 1 is stored first, so that the new one is version 2.
    ASSIGN_OR_RETURN(std::vector<GuideVersion> versions, s.store.studies().GuideVersions(id));
    if (versions.empty()) {
      ASSIGN_OR_RETURN(GuideVersion shipped, Shipped(id));
      if (shipped.document == guide) return ImportedGuide{shipped, false};
      RETURN_IF_ERROR(s.store.studies().AddGuideVersion(shipped.document, WriteContext{"system", 0}));
    }
  }
  bool created = false;
  ASSIGN_OR_RETURN(GuideVersion stored, s.store.studies().AddGuideVersion(guide, ctx, &created));
  if (created) s.changed({"guides"});
  return ImportedGuide{std::move(stored), created};
}

}  // namespace moteplass::app
