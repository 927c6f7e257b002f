// The matrix of a meeting place in a study (/studier/{id}/moteplasser/{mid}): what each of its
// informants answered, side by side and never merged (app::GetMatrix, the API's matrix). One
// column per informant (pseudonym and side), one row per question with its label in the reader's
// language; a row whose informants disagree says so in words in its first cell (not only by
// colour), and the page counts them at the top with a link to each. The codes a cell carries are
// shown when there are any. The table scrolls sideways in its own focusable box, so it reads at
// 320 px.
#include <map>

#include "app/studies/guides.h"
#include "app/studies/interviews.h"
#include "core/local_time.h"
#include "core/studies/guide.h"
#include "http/api_kit.h"
#include "http/studies/module.h"
#include "http/studies/page_common.h"
#include "http/studies/paths.h"

namespace moteplass::http::studies {
namespace {

using nlohmann::json;

std::string CellValue(const json& value, const json* list, Lang lang) {
  auto label = [&](const json& v) -> std::string {
    if (list) {
      for (const json& c : *list) {
        if (c["name"] == v) return InLang(c["label"], lang);
      }
    }
    if (v.is_string()) {
      const std::string s = v;
      return s.size() == 10 && s[4] == '-' ? DateOnly(s, lang) : s;
    }
    return v.dump();
  };
  if (value.is_null()) return "";
  if (!value.is_array()) return label(value);
  std::string out;
  for (const json& v : value) out += (out.empty() ? "" : ", ") + label(v);
  return out;
}

Response MatrixPage(Pages& pages, PageContext& c) {
  std::optional<Response> refused;
  auto access = LoadStudy(pages, c, refused);
  if (!access.ok()) return RefusedPage(pages, c, refused, access.error());
  auto mid = ParseId(c.request.params.at("mid"));
  if (!mid) return pages.ErrorPage(c, 404, "study_pages.error.not_found");
  app::Services& s = pages.app().services;
  auto matrix = app::GetMatrix(s, c.request.principal, access->study.id, *mid);
  if (!matrix.ok()) {
    if (matrix.error().code == ErrorCode::kInvalid) return pages.ErrorPage(c, 404, "study_pages.error.not_found");
    return RefusedPage(pages, c, std::nullopt, matrix.error());
  }
  const Lang lang = c.lang;
  json columns = json::array();
  for (const json& i : (*matrix)["informants"]) {
    columns.push_back({{"pseudonym", i["pseudonym"]}, {"side", Label("side", i.value("side", ""), lang)}});
  }
  std::map<std::string, GuideVersion> guides;
  json rows = json::array();
  json disagreements = json::array();
  for (const json& row : (*matrix)["rows"]) {
    const std::string gid = row["guide"];
    if (!guides.count(gid)) {
      auto g = app::GetGuide(s, gid, 0);
      if (g.ok()) guides[gid] = *g;
    }
    const json* question = guides.count(gid) ? moteplass::studies::FindQuestion(guides[gid].document,
                                                                                row["question"].get<std::string>())
                                             : nullptr;
    const json* list = question && (*question)["list"].is_string()
                           ? moteplass::studies::FindList(guides[gid].document, (*question)["list"].get<std::string>())
                           : nullptr;
    json cells = json::array();
    std::size_t n = 0;
    for (const json& cell : row["cells"]) {
      const std::string pseudonym = n < columns.size() ? columns[n]["pseudonym"].get<std::string>()
                                                       : std::to_string(n + 1);
      ++n;
      json codes = json::array();
      for (const json& code : cell.value("codes", json::array()))
        codes.push_back(code.is_string() ? code : json(code.dump()));
      const std::string value = CellValue(cell["value"], list, lang);
      cells.push_back({{"value", value},
                       {"has_value", !value.empty()},
                       {"text", cell["text"].is_string() ? cell["text"] : json()},
                       {"status", cell["status"].is_string() && cell["status"] != "answered"
                                      ? json(Label("status", cell["status"], lang))
                                      : json()},
                       {"none", cell["status"].is_null()},
                       {"codes", codes},
                       {"has_codes", !codes.empty()},
                       {"pseudonym", pseudonym}});
    }
    const std::string id = "r-" + row["question"].get<std::string>();
    const bool disagree = row.value("disagreement", false);
    rows.push_back({{"id", id},
                    {"label", InLang(row["label"], lang)},
                    {"follow_up", !row["follows"].is_null()},
                    {"cells", cells},
                    {"disagreement", disagree}});
    if (disagree) disagreements.push_back({{"href", "#" + id}, {"label", InLang(row["label"], lang)}});
  }
  const std::string place = PlaceName(pages, *mid);
  json view = {{"study_name", access->study.data["name"]},
               {"study_href", StudyPath(access->study.id)},
               {"proposal_href", ProposalPath(access->study.id, *mid)},
               {"place", place},
               {"columns", columns},
               {"rows", rows},
               {"has_rows", !rows.empty()},
               {"disagreements", disagreements},
               {"has_disagreements", !disagreements.empty()},
               {"disagreement_count",
                Msg("study_pages.matrix.disagreement_count", lang, {{"n", std::to_string(disagreements.size())}})}};
  Response r = pages.Render(c, 200, "studies/matrix", view, Msg("study_pages.matrix.title", lang, {{"place", place}}));
  r.Set("Cache-Control", "private, no-store");
  return r;
}

}  // namespace

void AddMatrixPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo page;  // not cached, not indexed
  m.router.Add("GET", StudyMatrixPath("{id}", "{mid}"),
               pages.Page([&pages](PageContext& c) { return MatrixPage(pages, c); }), page);
}

}  // namespace moteplass::http::studies
