// The pages of the analyses: /analyse lists them, /analyse/{name} shows one as a table with its
// filters in the address (region, county, from, to) and downloads as CSV and JSON-stat (the
// API's addresses with the same filters). Small cells are hidden for visitors, as in the API,
// and the page says so. Above the table, the same numbers drawn as an accessible SVG chart
// (http/analysis/chart.h). `study` (a study's id) is for those the study names
// (app/analysis/analysis.h); perceived_vs_real asks for it.
#include "app/analysis/analysis.h"
#include "core/status_macros.h"
#include "http/analysis/chart.h"
#include "http/analysis/module.h"
#include "http/api_kit.h"

namespace moteplass::http::analysis {
namespace {

using nlohmann::json;
namespace an = moteplass::analysis;

constexpr std::string_view kPageParams[] = {"region", "county", "from", "to", "study", "lang"};

std::string Query(const Request& req, bool csv) {
  std::string out;
  for (const char* name : {"region", "county", "from", "to", "study"}) {
    const std::string v = req.Query(name).value_or("");
    if (!v.empty()) out += (out.empty() ? "?" : "&") + std::string(name) + "=" + PercentEncode(v);
  }
  if (csv) out += out.empty() ? "?format=csv" : "&format=csv";
  return out;
}

Response ListPage(Pages& pages, PageContext& c) {
  json items = json::array();
  for (std::string_view name : an::Names()) {
    const std::string n(name);
    items.push_back({{"href", "/analyse/" + n}, {"title", Msg("analysis.title." + n, c.lang)}});
  }
  return pages.Render(c, 200, "analysis/list", {{"analyses", items}}, Msg("analysis.page.title", c.lang));
}

Result<std::optional<int>> YearField(const Request& req, const char* name) {
  const std::string v = req.Query(name).value_or("");
  if (v.empty()) return std::optional<int>();
  if (v.size() != 4 || v.find_first_not_of("0123456789") != std::string::npos || v < "1900") {
    return Error::Invalid("expected a year such as 2026", std::string("/") + name);
  }
  return std::optional<int>(std::stoi(v));
}

// The table: rows by the first dimension, columns by the last (one column for a single one).
json TableView(const an::Dataset& d, Lang lang) {
  json v;
  const an::Dimension& rows = d.dimensions.front();
  const bool two = d.dimensions.size() == 2;
  json columns = json::array();
  if (two) {
    for (const an::Category& c : d.dimensions[1].categories) {
      columns.push_back({{"label", an::CategoryLabel(d.dimensions[1], c, lang)}});
    }
  } else {
    columns.push_back({{"label", Msg("analysis.page.value", lang)}});
  }
  const json stat = an::ToJsonStat(d, lang);
  v["chart"] = ChartSvg(d, lang, "chart-" + d.name);
  json body = json::array();
  const std::size_t width = two ? d.dimensions[1].categories.size() : 1;
  for (std::size_t r = 0; r < rows.categories.size(); ++r) {
    json cells = json::array();
    for (std::size_t k = 0; k < width; ++k) {
      const std::size_t i = r * width + k;
      cells.push_back({{"text", CellText(d, i)}, {"hidden", d.suppressed[i]}, {"cell", i}});
    }
    body.push_back({{"label", an::CategoryLabel(rows, rows.categories[r], lang)}, {"cells", cells}});
  }
  v["row_heading"] = Msg("analysis.dim." + rows.id, lang);
  v["columns"] = columns;
  v["rows"] = body;
  json notes = json::array();
  for (const auto& n : stat.value("note", json::array())) notes.push_back({{"text", n}});
  v["notes"] = notes;
  v["suppressed"] = d.AnySuppressed();
  return v;
}

Response AnalysisPage(AppContext& app, Pages& pages, PageContext& c) {
  Request& req = c.request;
  const std::string name = req.params.at("name");
  if (!an::IsAnalysis(name)) return pages.ErrorPage(c, 404, "error.not_found");
  app::AnalysisQuery q;
  auto dataset = [&]() -> Result<an::Dataset> {
    RETURN_IF_ERROR(RefuseUnknownParams(req, kPageParams));
    q.region = req.Query("region").value_or("");
    q.county = req.Query("county").value_or("");
    q.study = req.Query("study").value_or("");
    ASSIGN_OR_RETURN(q.from, YearField(req, "from"));
    ASSIGN_OR_RETURN(q.to, YearField(req, "to"));
    return app::RunAnalysis(app.services, req.principal, name, q);
  }();
  json v = json::object();
  int status = 200;
  if (!dataset.ok()) {
    const ErrorCode code = dataset.error().code;
    const std::string& field = dataset.error().pointer;
    if (code == ErrorCode::kUnauthenticated || code == ErrorCode::kForbidden || code == ErrorCode::kNotFound) {
      // The study is one the caller may not see, or perceived_vs_real without one.
      status = code == ErrorCode::kUnauthenticated ? 401 : code == ErrorCode::kForbidden ? 403 : 404;
      v["error"] = Msg("analysis.page.error.study", c.lang);
    } else if (code != ErrorCode::kInvalid) {
      return pages.ErrorPage(c, 500, "error.internal");
    } else {
      status = 400;
      const bool years = field == "/from" || field == "/to";
      const char* key = years && name == "fiery_souls" && !req.principal.user ? "analysis.page.error.years_public"
                        : field == "/region"                                  ? "analysis.page.error.region"
                        : field == "/county"                                  ? "analysis.page.error.county"
                        : field == "/from" || field == "/to"                  ? "analysis.page.error.years"
                        : field == "/study"                                   ? "analysis.page.error.study"
                                                                              : "analysis.page.error.other";
      v["error"] = Msg(key, c.lang);
    }
  } else {
    v = TableView(*dataset, c.lang);
  }
  v["title"] = Msg("analysis.title." + name, c.lang);
  v["csv_href"] = "/api/v1/analysis/" + name + Query(req, true);
  v["json_href"] = "/api/v1/analysis/" + name + Query(req, false);
  json regions = json::array();
  for (const Region& r : app.places.regions) {
    regions.push_back({{"value", r.id}, {"label", r.name}, {"selected", r.id == q.region}});
  }
  json counties = json::array();
  for (const County& county : app.places.counties) {
    counties.push_back({{"value", county.number}, {"label", county.name}, {"selected", county.number == q.county}});
  }
  v["regions"] = regions;
  v["counties"] = counties;
  v["from"] = req.Query("from").value_or("");
  v["to"] = req.Query("to").value_or("");
  v["study"] = req.Query("study").value_or("");
  v["by_study"] = name == "perceived_vs_real" || !q.study.empty();
  v["action"] = "/analyse/" + name;
  return pages.Render(c, status, "analysis/analysis", v, Msg("analysis.title." + name, c.lang));
}

}  // namespace

void AddPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  AppContext& app = m.app;
  m.router.Add("GET", "/analyse", pages.Page([&pages](PageContext& c) { return ListPage(pages, c); }));
  m.router.Add("GET", "/analyse/{name}",
               pages.Page([&app, &pages](PageContext& c) { return AnalysisPage(app, pages, c); }));
}

}  // namespace moteplass::http::analysis
