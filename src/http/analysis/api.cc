// GET /api/v1/analysis (the list, titles in nb, nn and en) and GET /api/v1/analysis/{name}
// (?region, county, from, to, study, lang; format=json-stat, the default, or csv). Labels
// follow ?lang=, else bokmål. Anonymous callers get small cells hidden (app/analysis).
#include <array>
#include <string_view>

#include "app/analysis/analysis.h"
#include "core/status_macros.h"
#include "http/analysis/module.h"
#include "http/api_kit.h"

namespace moteplass::http::analysis {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 7> kParams = {"region", "county", "from", "to", "study", "lang", "format"};

Result<std::optional<int>> Year(const Request& req, const char* name) {
  auto v = req.Query(name);
  if (!v) return std::optional<int>();
  if (v->size() != 4 || v->find_first_not_of("0123456789") != std::string::npos || *v < "1900") {
    return Error::Invalid("expected a year such as 2026, got \"" + *v + "\"", std::string("/") + name);
  }
  return std::optional<int>(std::stoi(*v));
}

Result<Lang> LangParam(const Request& req) {
  Lang lang = Lang::kNb;
  auto v = req.Query("lang");
  if (v && !ParseLang(*v, &lang)) return Error::Invalid("expected nb, nn or en, got \"" + *v + "\"", "/lang");
  return lang;
}

json ListEntry(std::string_view name) {
  const std::string n(name);
  json titles = json::object();
  for (Lang l : {Lang::kNb, Lang::kNn, Lang::kEn}) titles[std::string(LangCode(l))] = Msg("analysis.title." + n, l);
  return {{"name", n},
          {"title", titles},
          {"public_in_full", moteplass::analysis::PublicInFull(name)},
          {"links", {{"self", std::string(kApiBase) + "/analysis/" + n}}}};
}

}  // namespace

void AddApiRoutes(ModuleContext& m) {
  AppContext& app = m.app;
  const std::string base = std::string(kApiBase) + "/analysis";

  m.router.Add("GET", base, [](Request& req) -> Response {
    static constexpr std::array<std::string_view, 0> kNone = {};
    if (Status s = RefuseUnknownParams(req, kNone); !s.ok()) return Response::FromError(s.error());
    json data = json::array();
    for (std::string_view name : moteplass::analysis::Names()) data.push_back(ListEntry(name));
    return Response::Json(200, {{"data", data}});
  });

  m.router.Add("GET", base + "/{name}", [&app](Request& req) -> Response {
    std::string format = "json-stat";
    Lang lang = Lang::kNb;
    auto dataset = [&]() -> Result<moteplass::analysis::Dataset> {
      RETURN_IF_ERROR(RefuseUnknownParams(req, kParams));
      ASSIGN_OR_RETURN(lang, LangParam(req));
      format = req.Query("format").value_or("json-stat");
      if (format != "json-stat" && format != "csv") {
        return Error::Invalid("expected json-stat or csv, got \"" + format + "\"", "/format");
      }
      app::AnalysisQuery q;
      q.region = req.Query("region").value_or("");
      q.county = req.Query("county").value_or("");
      ASSIGN_OR_RETURN(q.from, Year(req, "from"));
      ASSIGN_OR_RETURN(q.to, Year(req, "to"));
      q.study = req.Query("study").value_or("");
      if (req.Query("study") && !req.principal.user) {
        return Error::Unauthenticated("log in to filter the analyses by study");
      }
      return app::RunAnalysis(app.services, req.principal, req.params.at("name"), q);
    }();
    if (!dataset.ok()) return Response::FromError(dataset.error());
    if (format == "csv") {
      Response r;
      r.body = moteplass::analysis::ToCsv(*dataset, lang);
      r.Set("Content-Type", "text/csv; charset=utf-8; header=present");
      r.Set("Content-Disposition", "attachment; filename=\"" + dataset->name + ".csv\"");
      return r;
    }
    Response r = Response::Json(200, moteplass::analysis::ToJsonStat(*dataset, lang));
    r.Set("Vary", "Authorization, Cookie");
    return r;
  });
}

}  // namespace moteplass::http::analysis
