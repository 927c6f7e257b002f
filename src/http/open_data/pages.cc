// Open data: /moteplasser.csv and /moteplasser.xlsx (every public record the reader may see,
// with the directory's filters, all at once), the data page /apne-data (what is there, the
// licence, the data dictionary) and its machine-readable form, a Frictionless Data Package.
#include "app/register/meeting_places.h"
#include "core/register/open_data.h"
#include "core/status_macros.h"
#include "http/api_kit.h"
#include "http/open_data/module.h"
#include "http/open_data/paths.h"
#include "http/open_data/xlsx.h"
#include "http/register/paths.h"
#include "http/register/query.h"
#include "http/register/views.h"

namespace moteplass::http::open_data {

using nlohmann::json;
namespace od = moteplass::open_data;

namespace {

// The parameters a download takes: the directory's filters and order, and the language.
constexpr std::string_view kDownloadParams[] = {"county", "municipality", "region", "kind",
                                                "q",      "sort",         "lang",   "changed_since"};

// Every record the filters match that the reader may see, as rows of the open-data table.
Result<std::vector<std::vector<od::Cell>>> MatchingRows(AppContext& app, Request& req) {
  RETURN_IF_ERROR(RefuseUnknownParams(req, kDownloadParams));
  ASSIGN_OR_RETURN(MeetingPlaceQuery query, registry::ParseMeetingPlaceQuery(req, app.places));
  if (!query.text.empty() && req.Query("sort").value_or("").empty()) query.sort = MeetingPlaceQuery::Sort::kRelevance;
  query.per_page = 1000;
  std::vector<std::vector<od::Cell>> rows;
  for (query.page = 1;; ++query.page) {
    ASSIGN_OR_RETURN(MeetingPlacePage page, app::ListMeetingPlaces(app.services, req.principal, query));
    for (const MeetingPlace& p : page.items) rows.push_back(od::Row(p, app.places, app.public_url));
    if (page.items.empty() || static_cast<std::int64_t>(query.page) * query.per_page >= page.total) break;
  }
  return rows;
}

Response Download(std::string body, const char* type, const char* file) {
  Response r;
  r.body = std::move(body);
  r.Set("Content-Type", type);
  r.Set("Content-Disposition", std::string("attachment; filename=\"") + file + "\"");
  r.Set("Link", "<" + DataPackagePath() + ">; rel=\"describedby\"; type=\"application/json\"");
  return r;
}

// The parameters of the feed: the filters, the search and the language; always newest first.
constexpr std::string_view kFeedParams[] = {"county", "municipality", "region", "kind", "q", "lang", "changed_since"};

// Text for XML: the five characters XML gives meaning escaped.
std::string Xml(std::string_view text) {
  std::string out;
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += ch;
    }
  }
  return out;
}

// The query string of the request's own parameters (without lang), for the feed's addresses.
std::string OwnQuery(const Request& req) {
  std::string out;
  for (const auto& [name, value] : req.query) {
    if (name == "lang" || value.empty()) continue;
    out += (out.empty() ? "?" : "&") + PercentEncode(name) + "=" + PercentEncode(value);
  }
  return out;
}

// An Atom feed (RFC 4287) of the latest changes to the meeting places the filters match, newest
// first: one entry per change (its id carries the version), so that a feed reader shows each.
Response Feed(AppContext& app, PageContext& c) {
  Request& req = c.request;
  auto page = [&]() -> Result<MeetingPlacePage> {
    RETURN_IF_ERROR(RefuseUnknownParams(req, kFeedParams));
    ASSIGN_OR_RETURN(MeetingPlaceQuery query, registry::ParseMeetingPlaceQuery(req, app.places));
    query.sort = MeetingPlaceQuery::Sort::kUpdatedDesc;
    query.per_page = 50;
    return app::ListMeetingPlaces(app.services, req.principal, query);
  }();
  if (!page.ok()) return Response::FromError(page.error());
  const std::string base = app.public_url;
  const std::string own = OwnQuery(req);
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" +
      std::string(LangCode(c.lang)) + "\">\n";
  xml += "<title>" + Xml(Msg("data.feed.title", c.lang)) + "</title>\n";
  xml += "<id>" + Xml(base + FeedPath() + own) + "</id>\n";
  xml += "<link rel=\"self\" href=\"" + Xml(base + FeedPath() + own) + "\"/>\n";
  xml += "<link rel=\"alternate\" type=\"text/html\" href=\"" +
         Xml(base + registry::DirectoryPath() + own + (own.empty() ? "?" : "&") + "sort=-updated") + "\"/>\n";
  xml += "<updated>" + Xml(page->items.empty() ? std::string("2000-01-01T00:00:00Z") : page->items[0].updated_at) +
         "</updated>\n";
  xml += "<author><name>" + Xml(Msg("data.package.title", c.lang)) + "</name></author>\n";
  xml += "<rights>" + Xml(Msg("data.licence.name", c.lang)) + "</rights>\n";
  for (const MeetingPlace& p : page->items) {
    const std::string href = base + registry::MeetingPlacePath(p.id);
    const std::string what = Msg(p.created_at == p.updated_at ? "data.feed.new" : "data.feed.changed", c.lang);
    xml += "<entry>\n<title>" + Xml(p.name) + "</title>\n";
    xml += "<id>" + Xml(href + "#v" + std::to_string(p.version)) + "</id>\n";
    xml += "<link href=\"" + Xml(href) + "\"/>\n";
    xml += "<published>" + Xml(p.created_at) + "</published>\n<updated>" + Xml(p.updated_at) + "</updated>\n";
    xml += "<summary>" +
           Xml(what + ": " + registry::KindText(ToJson(p), c.lang) + " · " + registry::PlaceName(app.places, p)) +
           "</summary>\n</entry>\n";
  }
  xml += "</feed>\n";
  Response r;
  r.body = std::move(xml);
  r.Set("Content-Type", "application/atom+xml; charset=utf-8");
  return r;
}

Response DataPage(Pages& pages, PageContext& c) {
  const Lang lang = c.lang;
  json columns = json::array();
  for (const od::Column& col : od::Columns()) {
    const std::string key = "data.col." + std::string(col.name);
    const std::string meaning = "data.meaning." + std::string(col.name);
    columns.push_back({{"name", col.name},
                       {"type", Msg("data.type." + std::string(col.type), lang)},
                       {"title", Msg(key, lang)},
                       {"meaning", Msg(meaning, lang)}});
  }
  json view = {{"columns", columns},
               {"csv_href", CsvPath()},
               {"xlsx_href", XlsxPath()},
               {"package_href", DataPackagePath()},
               {"feed_href", FeedPath()},
               {"directory_href", registry::DirectoryPath()},
               {"licence_href", od::kLicenceUrl},
               {"schema_version", Msg("data.schema_version", lang, {{"version", std::string(od::kSchemaVersion)}})}};
  return pages.Render(c, 200, "open_data/data", view, Msg("data.title", lang));
}

}  // namespace

void AddApiRoutes(ModuleContext&) {}

void AddPageRoutes(ModuleContext& m) {
  Router& router = m.router;
  Pages& pages = m.pages;
  AppContext& app = m.app;
  RouteInfo text_page;
  text_page.cacheable = true;
  text_page.indexable = true;
  text_page.cache_tag = "site";
  router.Add("GET", DataPagePath(), pages.Page([&pages](PageContext& c) { return DataPage(pages, c); }), text_page);

  router.Add("GET", DataPackagePath(), pages.Page([&app](PageContext& c) {
    Response r = Response::Json(200, od::DataPackage(c.lang, app.public_url));
    r.Set("Cache-Control", "public, max-age=3600");
    return r;
  }));
  router.Add("GET", FeedPath(), pages.Page([&app](PageContext& c) { return Feed(app, c); }));
  router.Add("GET", CsvPath(), pages.Page([&app](PageContext& c) {
    auto rows = MatchingRows(app, c.request);
    if (!rows.ok()) return Response::FromError(rows.error());
    return Download(od::Csv(*rows), "text/csv; charset=utf-8; header=present", "moteplasser.csv");
  }));
  router.Add("GET", XlsxPath(), pages.Page([&app](PageContext& c) {
    auto rows = MatchingRows(app, c.request);
    if (!rows.ok()) return Response::FromError(rows.error());
    auto workbook = Xlsx(*rows, c.lang);
    if (!workbook.ok()) return Response::FromError(workbook.error());
    return Download(std::move(workbook).value(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "moteplasser.xlsx");
  }));
}

}  // namespace moteplass::http::open_data
