// The public pages of a meeting place in operation: its meetings as an iCalendar feed
// (contracts/operations.md, moter.ics), a page per meeting, and the section of the meeting
// place's own page with its members who agreed to be shown, filled against the profile's seats,
// its meetings and its real influence (SectionHtml, called by the register's page); for a
// researcher, below them, every membership, meeting and case without names.
#include <set>

#include "app/operations/operations.h"
#include "core/operations/fields.h"
#include "http/api_kit.h"
#include "http/operations/ical.h"
#include "http/operations/module.h"
#include "http/operations/paths.h"
#include "http/page_kit.h"

namespace moteplass::http::operations {
namespace {

using nlohmann::json;
using ops::Kind;

// The host of the public address, for the feed's UIDs ("moteplass.example.no").
std::string HostOf(const std::string& url) {
  std::string host = url;
  if (auto at = host.find("://"); at != std::string::npos) host = host.substr(at + 3);
  if (auto at = host.find('/'); at != std::string::npos) host = host.substr(0, at);
  if (auto at = host.rfind(':'); at != std::string::npos && host.find(']') == std::string::npos) {
    host = host.substr(0, at);
  }
  return host;
}

// What the public sees of a meeting place's work, whoever asks: the feed and the cached pages
// are the same for everyone.
const Principal& Public() {
  static const Principal anonymous;
  return anonymous;
}

Response Calendar(AppContext& app, PageContext& c) {
  auto place_id = RouteId(c.request);
  if (!place_id.ok()) return Response::FromError(place_id.error());
  auto meetings = app::ListOperations(app.services, Public(), Kind::kMeeting, *place_id);
  if (!meetings.ok()) return Response::FromError(meetings.error());
  const MeetingPlace& place = meetings->access.place;
  const std::string host = HostOf(app.public_url);
  std::string out;
  out += IcalLine("BEGIN:VCALENDAR");
  out += IcalLine("VERSION:2.0");
  out += IcalLine("PRODID:-//moteplass//Moteplasser//NO");
  out += IcalLine("CALSCALE:GREGORIAN");
  out += IcalLine("METHOD:PUBLISH");
  out += IcalLine("X-WR-CALNAME:" + IcalEscape(Msg("ops.ics.calendar_name", c.lang, {{"name", place.name}})));
  for (const ops::Record& m : meetings->records) {
    const json& d = m.data;
    const bool extra = d.value("kind", "") == "extra";
    out += IcalLine("BEGIN:VEVENT");
    out += IcalLine("UID:meeting-" + std::to_string(m.id) + "@" + host);
    out += IcalLine("DTSTAMP:" + IcalTime(m.updated_at));
    out += IcalLine("DTSTART:" + IcalTime(d["starts_at"].get<std::string>()));
    if (d["ends_at"].is_string()) out += IcalLine("DTEND:" + IcalTime(d["ends_at"].get<std::string>()));
    out += IcalLine("SEQUENCE:" + std::to_string(m.version));
    out += IcalLine("SUMMARY:" + IcalEscape(Msg(extra ? "ops.ics.summary_extra" : "ops.ics.summary", c.lang,
                                                {{"name", place.name}})));
    if (d["location"].is_string()) out += IcalLine("LOCATION:" + IcalEscape(d["location"].get<std::string>()));
    out += IcalLine("URL:" + app.public_url + MeetingPath(place.id, m.id));
    out += IcalLine(d.value("cancelled", false) ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
    out += IcalLine("END:VEVENT");
  }
  out += IcalLine("END:VCALENDAR");
  Response r;
  r.status = 200;
  r.body = std::move(out);
  r.Set("Content-Type", "text/calendar; charset=utf-8");
  r.Set("Content-Language", std::string(LangCode(c.lang)));
  r.Set("Cache-Control", "no-cache");
  return r;
}

std::string SeatLabel(const json& seat, Lang lang) {
  return seat.is_string() ? Msg("ops.seat." + seat.get<std::string>(), lang) : "";
}

Response MeetingPage(Pages& pages, PageContext& c) {
  AppContext& app = pages.app();
  auto place_id = RouteId(c.request);
  if (!place_id.ok()) return pages.PlaceError(c, place_id.error());
  auto meeting_id = ParseId(c.request.params.at("meeting"));
  if (!meeting_id) return pages.NotFound(c.request);
  app::OperationsAccess access;
  auto meeting = app::GetOperation(app.services, Public(), Kind::kMeeting, *place_id, *meeting_id, &access);
  if (!meeting.ok()) return pages.PlaceError(c, meeting.error());
  const json& d = meeting->data;
  const Lang lang = c.lang;
  const std::string starts = ops::OsloLocal(d["starts_at"].get<std::string>());
  json view = {{"place_name", access.place.name},
               {"place_href", "/moteplasser/" + std::to_string(access.place.id)},
               {"back", Msg("ops.meeting.back", lang, {{"name", access.place.name}})},
               {"cancelled", d.value("cancelled", false)},
               {"calendar_href", CalendarPath(access.place.id)}};
  std::string when = starts;
  if (d["ends_at"].is_string()) when += "–" + ops::OsloLocal(d["ends_at"].get<std::string>()).substr(11);
  view["when"] = Msg("ops.time_oslo", lang, {{"time", when}});
  if (d["location"].is_string()) view["location"] = d["location"];
  if (d.value("kind", "") == "extra") {
    view["extra_text"] = d["called_by"].is_string()
                             ? Msg("ops.meeting.extra", lang,
                                   {{"who", Msg("ops.by." + d["called_by"].get<std::string>(), lang)}})
                             : Msg("ops.meeting.extra_plain", lang);
  }
  json agenda = json::array();
  for (const json& item : d["agenda"]) {
    if (!item.value("public", true)) continue;
    json row = {{"title", item["title"]}};
    if (item["number"].is_string()) row["number"] = item["number"];
    if (item["proposed_by"].is_string()) {
      row["proposed"] = Msg("ops.meeting.proposed_by", lang,
                            {{"who", Msg("ops.by." + item["proposed_by"].get<std::string>(), lang)}});
    }
    agenda.push_back(row);
  }
  view["agenda"] = agenda;
  view["has_agenda"] = !agenda.empty();
  if (d["minutes"].is_string()) view["minutes_html"] = MarkdownToHtml(d["minutes"].get<std::string>());
  const std::string title = Msg("ops.meeting.title", lang, {{"date", starts.substr(0, 10)}}) + " – " +
                            access.place.name;
  view["heading"] = Msg("ops.meeting.title", lang, {{"date", starts.substr(0, 10)}});
  return pages.Render(c, 200, "operations/meeting", view, title);
}

// What those who manage the meeting place see in its section: every membership and meeting (also
// those not shown to the public), each with its form, and the forms for a new one.
void AddManageLinks(AppContext& app, PageContext& c, const MeetingPlace& place, json& view) {
  const Lang lang = c.lang;
  view["member_form_href"] = MembershipFormPath(place.id);
  view["meeting_form_href"] = MeetingFormPath(place.id);
  json members = json::array();
  if (auto all = app::ListOperations(app.services, c.request.principal, Kind::kMembership, place.id); all.ok()) {
    const auto names = app::NamesOf(app.services, all->records);
    for (const ops::Record& m : all->records) {
      auto name = names.find(m.person);
      const std::string who = name == names.end() ? "" : name->second;
      json row = {{"href", MembershipEditPath(place.id, m.id)},
                  {"label", Msg("ops.manage.edit_member", lang, {{"name", who}})},
                  {"role", Msg("ops.role." + m.data.value("role", "member"), lang)}};
      if (m.data["ends"].is_string()) {
        row["ended"] = Msg("ops.manage.ended", lang, {{"date", DateOnly(m.data["ends"].get<std::string>(), lang)}});
      }
      members.push_back(row);
    }
  }
  view["manage_members"] = members;
  view["has_manage_members"] = !members.empty();
  json meetings = json::array();
  if (auto all = app::ListOperations(app.services, c.request.principal, Kind::kMeeting, place.id); all.ok()) {
    for (auto it = all->records.rbegin(); it != all->records.rend() && meetings.size() < 20; ++it) {
      const std::string date = ops::OsloLocal(it->data["starts_at"].get<std::string>()).substr(0, 10);
      meetings.push_back({{"href", MeetingEditPath(place.id, it->id)},
                          {"label", Msg("ops.manage.edit_meeting", lang, {{"date", date}})}});
    }
  }
  view["manage_meetings"] = meetings;
  view["has_manage_meetings"] = !meetings.empty();
}

// What a researcher sees in the section (operations.read_without_names, app::OperationsOf):
// every membership, meeting and case, also those the public does not see, with people as numbers
// and no minutes, statements or titles of cases that are not public. Each list read is audited by
// the use case. Not on a cached page: only logged-in users read without names.
void AddResearchView(AppContext& app, PageContext& c, const MeetingPlace& place, json& view) {
  const Lang lang = c.lang;
  const Principal& who = c.request.principal;
  auto yes_no = [lang](bool yes) { return Msg(yes ? "form.yes" : "form.no", lang); };
  json members = json::array();
  if (auto all = app::ListOperations(app.services, who, Kind::kMembership, place.id); all.ok()) {
    for (const ops::Record& m : all->records) {
      const std::string ends = m.data["ends"].is_string() ? DateOnly(m.data["ends"].get<std::string>(), lang) : "";
      members.push_back({{"person", Msg("ops.nameless.person", lang, {{"id", std::to_string(m.person)}})},
                         {"role", Msg("ops.role." + m.data.value("role", "member"), lang)},
                         {"seat", SeatLabel(m.data["seat"], lang)},
                         {"period", DateOnly(m.data.value("starts", ""), lang) + " – " + ends}});
    }
  }
  json meetings = json::array();
  if (auto all = app::ListOperations(app.services, who, Kind::kMeeting, place.id); all.ok()) {
    for (auto it = all->records.rbegin(); it != all->records.rend(); ++it) {
      const json& d = it->data;
      meetings.push_back({{"date", DateOnly(ops::OsloLocal(d["starts_at"].get<std::string>()).substr(0, 10), lang)},
                          {"kind", Msg("ops.meeting_form.kind." + d.value("kind", "ordinary"), lang)},
                          {"cancelled", d.value("cancelled", false)},
                          {"public", yes_no(d.value("public", true))},
                          {"present", std::to_string(d["attendance"].size())}});
    }
  }
  json cases = json::array();
  if (auto all = app::ListOperations(app.services, who, Kind::kCase, place.id); all.ok()) {
    for (auto it = all->records.rbegin(); it != all->records.rend(); ++it) {
      const json& d = it->data;
      const json& decision = d["decision"];
      const std::string outcome = decision.is_object() ? decision.value("outcome", "unknown") : "none";
      cases.push_back(
          {{"received", DateOnly(d.value("received", ""), lang)},
           {"kind", Msg("ops.case_form.kind." + d.value("kind", "information"), lang)},
           {"title", d["title"].is_string() ? d["title"].get<std::string>() : Msg("ops.nameless.title_hidden", lang)},
           {"public", yes_no(d.value("public", true))},
           {"outcome", Msg("ops.case_form.outcome." + outcome, lang)}});
    }
  }
  view["research"] = true;
  view["research_members"] = members;
  view["has_research_members"] = !members.empty();
  view["research_meetings"] = meetings;
  view["has_research_meetings"] = !meetings.empty();
  view["research_cases"] = cases;
  view["has_research_cases"] = !cases.empty();
}

}  // namespace

std::string SectionHtml(AppContext& app, PageContext& c, const MeetingPlace& place) {
  const Lang lang = c.lang;
  json view = c.view;
  view["id"] = std::to_string(place.id);
  // Members who agreed to be shown (what the public sees, whoever reads: the page is cached).
  auto members = app::ListOperations(app.services, Public(), Kind::kMembership, place.id);
  auto all = app.store.operations().List(Kind::kMembership, place.id);
  const std::string today = app::TodayInOslo();
  auto current = [&today](const ops::Record& m) {
    return m.data.value("starts", "") <= today &&
           (!m.data["ends"].is_string() || m.data["ends"].get<std::string>() >= today);
  };
  json shown = json::array();
  int hidden = 0;
  if (members.ok()) {
    const auto names = app::NamesOf(app.services, members->records);
    std::set<std::int64_t> shown_ids;
    for (const ops::Record& m : members->records) {
      if (!current(m)) continue;
      shown_ids.insert(m.id);
      auto name = names.find(m.person);
      shown.push_back({{"name", name == names.end() ? "" : name->second},
                       {"role", Msg("ops.role." + m.data.value("role", "member"), lang)},
                       {"seat", SeatLabel(m.data["seat"], lang)}});
    }
    if (all.ok()) {
      for (const ops::Record& m : *all) {
        if (current(m) && !shown_ids.count(m.id)) ++hidden;
      }
    }
  }
  view["members"] = shown;
  view["has_members"] = !shown.empty();
  if (hidden > 0) view["members_hidden"] = Msg("ops.members_hidden", lang, {{"n", std::to_string(hidden)}});
  // Filled seats (current memberships, observers and deputies not counted) against the profile.
  json seats = json::array();
  const json profile_seats = place.input.profile.value("seats", json::object());
  for (std::string_view seat : ops::kSeats) {
    int filled = 0;
    if (all.ok()) {
      for (const ops::Record& m : *all) {
        const std::string role = m.data.value("role", "member");
        if (current(m) && m.data.value("seat", "") == seat && role != "observer" && role != "deputy_member") ++filled;
      }
    }
    const int profile = profile_seats.value(std::string(seat), 0);
    if (filled == 0 && profile == 0) continue;
    seats.push_back({{"seat", Msg("ops.seat." + std::string(seat), lang)}, {"filled", filled}, {"profile", profile}});
  }
  view["seats"] = seats;
  view["has_seats"] = !seats.empty();
  // Meetings: the public ones, newest first.
  auto meetings = app::ListOperations(app.services, Public(), Kind::kMeeting, place.id);
  json meeting_rows = json::array();
  if (meetings.ok()) {
    for (auto it = meetings->records.rbegin(); it != meetings->records.rend() && meeting_rows.size() < 10; ++it) {
      const json& d = it->data;
      meeting_rows.push_back(
          {{"href", MeetingPath(place.id, it->id)},
           {"label", Msg("ops.meeting.title", lang,
                         {{"date", ops::OsloLocal(d["starts_at"].get<std::string>()).substr(0, 10)}})},
           {"cancelled", d.value("cancelled", false)}});
    }
  }
  view["meetings"] = meeting_rows;
  view["has_meetings"] = !meeting_rows.empty();
  view["calendar_href"] = CalendarPath(place.id);
  // The annual reports of the last three years and this one so far.
  json reports = json::array();
  const int year = std::stoi(today.substr(0, 4));
  for (int y = year; y >= year - 3; --y) {
    reports.push_back({{"href", AnnualReportPath(place.id, y)}, {"year", std::to_string(y)}, {"last", y == year - 3}});
  }
  view["reports"] = reports;
  // Real influence over the public cases.
  auto influence = app::GetInfluence(app.services, Public(), place.id, std::nullopt, std::nullopt);
  json years = json::array();
  if (influence.ok()) {
    auto row = [lang](const json& s, const std::string& label) {
      json r = {{"label", label}};
      for (const char* k : {"hearing", "advice_request", "own_initiative", "information"}) r[k] = s["cases"][k];
      for (const char* k : {"followed", "partly_followed", "not_followed"}) r[k] = s["outcomes"][k];
      r["share"] = s["followed_or_partly_share"].is_number()
                       ? std::to_string(static_cast<int>(s["followed_or_partly_share"].get<double>() * 100 + 0.5)) +
                             " %"
                       : "–";
      (void)lang;
      return r;
    };
    bool any = false;
    for (const json& y : (*influence)["years"]) {
      int n = 0;
      for (auto& [k, v] : y["cases"].items()) n += v.get<int>();
      if (n == 0) continue;
      any = true;
      years.push_back(row(y, std::to_string(y["year"].get<int>())));
    }
    if (any) years.push_back(row((*influence)["total"], Msg("ops.col.total", lang)));
    const json& months = (*influence)["total"]["months_since_last_hearing"];
    view["hearing_text"] = months.is_number() ? Msg("ops.months_since_hearing", lang, {{"n", months.dump()}})
                                              : Msg("ops.no_hearing", lang);
  }
  view["years"] = years;
  view["has_years"] = !years.empty();
  // The secretary's way to record cases (never on a cached page: only logged-in users manage).
  if (Decide(c.request.principal, Action::kOperationsManage, LocationOf(place)).allowed) {
    view["case_form_href"] = CaseFormPath(place.id);
    AddManageLinks(app, c, place, view);
  }
  // A researcher: everything, without names (only logged-in users, so never a cached page).
  if (c.request.principal.user) {
    if (auto access = app::OperationsOf(app.services, c.request.principal, place.id);
        access.ok() && access->without_names) {
      AddResearchView(app, c, place, view);
    }
  }
  return RenderTemplate("operations/section", view);
}

void AddPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  AppContext& app = m.app;
  RouteInfo info;
  info.cacheable = true;
  info.cache_tag = app::MeetingPlaceTag("{id}");
  // Before the meeting's page: "/moter/ny" is the form, not a meeting.
  AddMembershipFormRoutes(m);
  AddMeetingFormRoutes(m);
  m.router.Add("GET", CalendarPath("{id}"), pages.Page([&app](PageContext& c) { return Calendar(app, c); }), info);
  m.router.Add("GET", MeetingPath("{id}", "{meeting}"),
               pages.Page([&pages](PageContext& c) { return MeetingPage(pages, c); }), info);
  AddCaseFormRoutes(m);
  AddAnnualReportRoutes(m);
}

}  // namespace moteplass::http::operations
