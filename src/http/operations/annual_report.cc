// The annual report (årsmelding) of a meeting place for a year (contracts/operations.md): the
// page /moteplasser/{id}/arsmelding/{year} and the same text as a tagged PDF at
// /moteplasser/{id}/arsmelding/{year}.pdf, in the reader's language. Both are made from one
// document (Document below) built from app::GetAnnualReport: the page renders it with
// templates/operations/annual_report.mustache, the PDF with src/pdf (Cairo and Pango). A visitor
// gets what the public may see of a public meeting place; those who read its internal work get
// every member, meeting and case, researchers the same without names (a member as "Person 12"),
// and those who read its alerts the open ones. Not cached: what it shows depends on who reads it.
#include "app/operations/annual_report.h"

#include "core/local_time.h"
#include "core/operations/fields.h"
#include "http/api_kit.h"
#include "http/operations/module.h"
#include "http/operations/paths.h"
#include "http/page_kit.h"
#include "pdf/document_pdf.h"

namespace moteplass::http::operations {
namespace {

using nlohmann::json;

std::string Text(const json& data, const char* key) {
  return data.contains(key) && data[key].is_string() ? data[key].get<std::string>() : std::string();
}

json Table(const std::string& caption, json head, json rows) {
  return {{"type", "table"}, {"caption", caption}, {"head", std::move(head)}, {"rows", std::move(rows)}};
}

std::string Share(const json& share) {
  if (!share.is_number()) return "–";
  return std::to_string(static_cast<int>(share.get<double>() * 100 + 0.5)) + " %";
}

// The report as a document (pdf::Render's shape): what the page and the PDF both show.
json Document(AppContext& app, const app::AnnualReport& r, Lang lang) {
  const std::string year = std::to_string(r.year);
  const MeetingPlace& place = r.access.place;
  json blocks = json::array();
  auto h2 = [&](const std::string& key) { blocks.push_back({{"type", "h2"}, {"text", Msg(key, lang)}}); };
  auto p = [&](const std::string& text) { blocks.push_back({{"type", "p"}, {"text", text}}); };
  const std::string title = Msg("ops.report.title", lang, {{"year", year}, {"name", place.name}});
  blocks.push_back({{"type", "h1"}, {"text", title}});
  const Municipality* m = FindMunicipality(app.places, LocationOf(place).municipality);
  p(Msg("ops.report.intro", lang, {{"year", year}, {"place", m ? m->name : std::string()}}));
  if (!r.access.internal) p(Msg(r.access.without_names ? "ops.report.nameless_note" : "ops.report.public_note", lang));
  // Members and their seats.
  h2("ops.report.members");
  if (r.members.empty()) {
    p(Msg("ops.report.members_none", lang, {{"year", year}}));
  } else {
    json rows = json::array();
    for (const ops::Record& mb : r.members) {
      auto name = r.names.find(mb.person);
      const std::string seat = Text(mb.data, "seat");
      const std::string ends = Text(mb.data, "ends");
      // Without names, a member is the person's id: the same person has the same number in every term.
      const std::string who = r.access.without_names
                                  ? Msg("ops.nameless.person", lang, {{"id", std::to_string(mb.person)}})
                              : name == r.names.end() ? ""
                                                      : name->second;
      rows.push_back({who, Msg("ops.role." + Text(mb.data, "role"), lang),
                      seat.empty() ? "" : Msg("ops.seat." + seat, lang),
                      DateOnly(Text(mb.data, "starts"), lang) + " – " + (ends.empty() ? "" : DateOnly(ends, lang))});
    }
    blocks.push_back(Table(Msg("ops.report.members_caption", lang, {{"year", year}}),
                           {Msg("ops.report.col.name", lang), Msg("ops.report.col.role", lang),
                            Msg("ops.report.col.seat", lang), Msg("ops.report.col.period", lang)},
                           rows));
  }
  // Meetings held.
  h2("ops.report.meetings");
  p(Msg("ops.report.meetings_held", lang, {{"n", std::to_string(r.meetings.size())}, {"year", year}}));
  if (r.extra_meetings > 0) p(Msg("ops.report.extra_meetings", lang, {{"n", std::to_string(r.extra_meetings)}}));
  if (!r.meetings.empty()) {
    json items = json::array();
    for (const ops::Record& mt : r.meetings) {
      items.push_back(Msg("ops.time_oslo", lang, {{"time", ops::OsloLocal(Text(mt.data, "starts_at"))}}));
    }
    blocks.push_back({{"type", "list"}, {"items", items}});
  }
  // Cases by kind, statements and outcomes: the real influence.
  h2("ops.report.cases");
  const json& inf = r.influence;
  json kinds = json::array();
  for (std::string_view kind : ops::kCaseKinds) {
    kinds.push_back({Msg("ops.col." + std::string(kind), lang), std::to_string(inf["cases"].value(kind, 0))});
  }
  blocks.push_back(Table(Msg("ops.report.cases_caption", lang, {{"year", year}}),
                         {Msg("ops.report.col.kind", lang), Msg("ops.report.col.count", lang)}, kinds));
  p(Msg("ops.report.statements", lang,
        {{"before", std::to_string(inf.value("statements_before_deadline", 0))},
         {"after", std::to_string(inf.value("statements_after_deadline", 0))}}));
  json outcomes = json::array();
  for (std::string_view o : ops::kOutcomes) {
    outcomes.push_back(
        {Msg("ops.case_form.outcome." + std::string(o), lang), std::to_string(inf["outcomes"].value(o, 0))});
  }
  blocks.push_back(Table(Msg("ops.report.outcomes_caption", lang),
                         {Msg("ops.report.col.outcome", lang), Msg("ops.report.col.count", lang)}, outcomes));
  p(Msg("ops.report.followed", lang,
        {{"followed", Share(inf["followed_share"])}, {"partly", Share(inf["followed_or_partly_share"])}}));
  // Own initiatives: the report's "room to raise issues on your own initiative".
  h2("ops.report.own");
  json own = json::array();
  for (const ops::Record& c : r.cases) {
    if (Text(c.data, "kind") != "own_initiative") continue;
    // Without names, a case that is not public has no title (ops::WithoutNames).
    const std::string title = Text(c.data, "title");
    own.push_back(title.empty() ? Msg("ops.nameless.title_hidden", lang) : title);
  }
  if (own.empty()) {
    p(Msg("ops.report.own_none", lang, {{"year", year}}));
  } else {
    blocks.push_back({{"type", "list"}, {"items", own}});
  }
  if (r.sees_alerts) {
    h2("ops.report.alerts");
    json alerts = json::array();
    for (const app::AlertView& a : r.alerts) alerts.push_back(a.Text(lang));
    if (alerts.empty()) {
      p(Msg("ops.report.alerts_none", lang));
    } else {
      blocks.push_back({{"type", "list"}, {"items", alerts}});
    }
  }
  p(Msg("ops.report.made", lang, {{"date", DateOnly(app::TodayInOslo(), lang)}}));
  return {{"title", title}, {"lang", std::string(LangCode(lang))}, {"author", place.name}, {"blocks", blocks}};
}

// The document's blocks as the template's view: one flag per type.
json BlocksView(const json& doc) {
  json out = json::array();
  for (const json& b : doc["blocks"]) {
    json v = b;
    v["is_" + b["type"].get<std::string>()] = true;
    if (b.contains("rows")) {
      json rows = json::array();
      for (const json& row : b["rows"]) {
        json cells = json::array();
        for (std::size_t i = 1; i < row.size(); ++i) cells.push_back(row[i]);
        rows.push_back({{"first", row[0]}, {"cells", cells}});
      }
      v["rows"] = rows;
    }
    out.push_back(std::move(v));
  }
  return out;
}

Response ReportPage(Pages& pages, PageContext& c) {
  AppContext& app = pages.app();
  auto place_id = RouteId(c.request);
  if (!place_id.ok()) return pages.PlaceError(c, place_id.error());
  std::string year_text = c.request.params.at("year");
  const bool pdf = year_text.ends_with(".pdf");
  if (pdf) year_text.resize(year_text.size() - 4);
  if (year_text.size() != 4 || year_text.find_first_not_of("0123456789") != std::string::npos) {
    return pages.NotFound(c.request);
  }
  auto report = app::GetAnnualReport(app.services, c.request.principal, *place_id, std::stoi(year_text));
  if (!report.ok()) return pages.PlaceError(c, report.error());
  const json doc = Document(app, *report, c.lang);
  if (pdf) {
    Response r;
    r.body = pdf::Render(doc);
    if (r.body.empty()) return pages.ErrorPage(c, 500, "error.internal");
    r.Set("Content-Type", "application/pdf");
    r.Set("Content-Language", std::string(LangCode(c.lang)));
    r.Set("Content-Disposition", "inline; filename=\"arsmelding-" + std::to_string(*place_id) + "-" + year_text + "-" +
                                     std::string(LangCode(c.lang)) + ".pdf\"");
    r.Set("Cache-Control", "no-store");
    return r;
  }
  json view = {{"blocks", BlocksView(doc)},
               {"pdf_href", AnnualReportPath(*place_id, report->year) + ".pdf?lang=" + std::string(LangCode(c.lang))},
               {"place_href", "/moteplasser/" + std::to_string(*place_id)},
               {"back", Msg("ops.meeting.back", c.lang, {{"name", report->access.place.name}})}};
  Response r = pages.Render(c, 200, "operations/annual_report", view, doc["title"].get<std::string>());
  r.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace

void AddAnnualReportRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo personal;  // not cached: it depends on who reads it
  m.router.Add("GET", AnnualReportPath("{id}", "{year}"),
               pages.Page([&pages](PageContext& c) { return ReportPage(pages, c); }), personal);
}

}  // namespace moteplass::http::operations
