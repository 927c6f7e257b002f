#include "core/oparl/oparl.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>

#include "core/register/open_data.h"

namespace moteplass::oparl {
namespace {

using nlohmann::json;
using open_data::kLicenceUrl;

std::string Num(std::int64_t n) { return std::to_string(n); }

// Sets `key` to a string value unless it is missing, null or empty (a field without a value is
// left out).
void Put(json& out, const char* key, const json& value) {
  if (value.is_null()) return;
  if (value.is_string() && value.get<std::string>().empty()) return;
  out[key] = value;
}

std::string Text(const json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }

// The date part of a register time or date.
std::string DateOf(const std::string& time) { return time.size() >= 10 ? time.substr(0, 10) : time; }

// "2026-03-01T17:00:00Z" as Norwegian readers read a date: "01.03.2026".
std::string NorwegianDate(const std::string& time) {
  if (time.size() < 10) return time;
  return time.substr(8, 2) + "." + time.substr(5, 2) + "." + time.substr(0, 4);
}

void Times(json& out, const std::string& created, const std::string& modified) {
  Put(out, "created", created);
  Put(out, "modified", modified);
}

const ops::Record* CaseById(const std::vector<ops::Record>& cases, const json& id) {
  if (!id.is_number_integer()) return nullptr;
  for (const ops::Record& c : cases) {
    if (c.id == id.get<std::int64_t>()) return &c;
  }
  return nullptr;
}

// The public meeting whose public agenda names the case, and the item's position; the case's
// handled_at_meeting when no agenda item names it.
struct Handled {
  const ops::Record* meeting = nullptr;
  std::size_t position = 0;  // 0: no agenda item
};
Handled WhereHandled(const ops::Record& c, const std::vector<ops::Record>& meetings) {
  Handled h;
  for (const ops::Record& m : meetings) {
    const json& agenda = m.data["agenda"];
    if (!agenda.is_array()) continue;
    for (std::size_t i = 0; i < agenda.size(); ++i) {
      const json& item = agenda[i];
      if (item.value("public", true) && item["case"].is_number_integer() && item["case"].get<std::int64_t>() == c.id) {
        return Handled{&m, i + 1};
      }
    }
  }
  const json& at = c.data["handled_at_meeting"];
  if (at.is_number_integer()) {
    for (const ops::Record& m : meetings) {
      if (m.id == at.get<std::int64_t>()) h.meeting = &m;
    }
  }
  return h;
}

bool Digits(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; }

}  // namespace

std::string TypeUrl(std::string_view name) { return std::string(kVersion) + std::string(name); }

std::string Links::System() const { return base + "/system"; }
std::string Links::Bodies() const { return base + "/bodies"; }
std::string Links::Body(const std::string& code) const { return base + "/body/" + code; }
std::string Links::BodyList(const std::string& code, std::string_view list) const {
  return Body(code) + "/" + std::string(list);
}
std::string Links::Organization(std::int64_t id) const { return base + "/organization/" + Num(id); }
std::string Links::OrganizationMeetings(std::int64_t id) const { return Organization(id) + "/meetings"; }
std::string Links::Person(const std::string& body, std::int64_t id) const { return Body(body) + "/person/" + Num(id); }
std::string Links::Membership(std::int64_t id) const { return base + "/membership/" + Num(id); }
std::string Links::Meeting(std::int64_t id) const { return base + "/meeting/" + Num(id); }
std::string Links::AgendaItem(std::int64_t meeting, std::size_t position) const {
  return Meeting(meeting) + "/agenda-item/" + std::to_string(position);
}
std::string Links::Paper(std::int64_t id) const { return base + "/paper/" + Num(id); }
std::string Links::Consultation(std::int64_t id) const { return base + "/consultation/" + Num(id); }
std::string Links::File(std::int64_t meeting) const { return base + "/file/" + Num(meeting); }
std::string Links::FileDownload(std::int64_t meeting) const { return File(meeting) + "/minutes.md"; }
std::string Links::Location(std::int64_t meeting) const { return base + "/location/" + Num(meeting); }
std::string Links::LegislativeTerm(const std::string& body, int year) const {
  return Body(body) + "/legislative-term/" + std::to_string(year);
}

std::string BodyCodeOf(const MeetingPlace& place) {
  if (!place.municipality.empty()) return place.municipality;
  if (!place.county.empty() && place.level != "national") return place.county;
  return "";
}

std::string BodyName(const Places& places, const std::string& code) {
  if (code.size() == 4) {
    const Municipality* m = FindMunicipality(places, code);
    return m ? m->name + " kommune" : "";
  }
  if (code.size() == 2) {
    const County* c = FindCounty(places, code);
    return c ? c->name + " fylkeskommune" : "";
  }
  return "";
}

json Deleted(std::string_view type, const std::string& id, const std::string& created, const std::string& modified) {
  json out{{"id", id}, {"type", TypeUrl(type)}};
  Times(out, created, modified);
  out["deleted"] = true;
  return out;
}

json System(const Links& l, const std::string& name) {
  json out{{"id", l.System()},
           {"type", TypeUrl("System")},
           {"oparlVersion", std::string(kVersion)},
           {"license", std::string(kLicenceUrl)},
           {"body", l.Bodies()}};
  Put(out, "name", name);
  Put(out, "website", l.site + "/");
  Put(out, "web", l.site + "/");
  return out;
}

json LegislativeTerm(const Links& l, const std::string& body, int year) {
  const std::string from = std::to_string(year) + "-11-01";
  const std::string to = std::to_string(year + 4) + "-10-31";
  return json{{"id", l.LegislativeTerm(body, year)},
              {"type", TypeUrl("LegislativeTerm")},
              {"body", l.Body(body)},
              {"name", std::to_string(year) + "–" + std::to_string(year + 4)},
              {"startDate", from},
              {"endDate", to}};
}

json Body(const Links& l, const Places& places, const std::string& code, const std::string& created,
          const std::string& modified, int first_term, std::string_view today) {
  json out{{"id", l.Body(code)}, {"type", TypeUrl("Body")}, {"system", l.System()}};
  Put(out, "name", BodyName(places, code));
  out["shortName"] = out.value("name", code);
  out["license"] = std::string(kLicenceUrl);
  out["classification"] = code.size() == 4 ? "kommune" : "fylkeskommune";
  for (const char* list : {"organization", "person", "meeting", "paper", "agendaItem", "consultation", "file",
                           "membership", "locationList", "legislativeTermList"}) {
    static const std::map<std::string_view, std::string_view> kPaths = {{"organization", "organizations"},
                                                                        {"person", "people"},
                                                                        {"meeting", "meetings"},
                                                                        {"paper", "papers"},
                                                                        {"agendaItem", "agenda-items"},
                                                                        {"consultation", "consultations"},
                                                                        {"file", "files"},
                                                                        {"membership", "memberships"},
                                                                        {"locationList", "locations"},
                                                                        {"legislativeTermList", "legislative-terms"}};
    out[list] = l.BodyList(code, kPaths.at(list));
  }
  json terms = json::array();
  const std::string now_term = ops::TermOf(today).first.substr(0, 4);
  for (int year = first_term; year <= std::stoi(now_term); year += 4) terms.push_back(LegislativeTerm(l, code, year));
  out["legislativeTerm"] = terms;
  Put(out, "web", l.site + (code.size() == 4 ? "/kommuner/" : "/fylker/") + code);
  Times(out, created, modified);
  return out;
}

json Organization(const Links& l, const MeetingPlace& place, const std::vector<std::int64_t>& memberships) {
  json out{{"id", l.Organization(place.id)}, {"type", TypeUrl("Organization")}};
  const std::string body = BodyCodeOf(place);
  if (!body.empty()) out["body"] = l.Body(body);
  Put(out, "name", place.name);
  if (!memberships.empty()) {
    json list = json::array();
    for (std::int64_t id : memberships) list.push_back(l.Membership(id));
    out["membership"] = list;
  }
  out["meeting"] = l.OrganizationMeetings(place.id);
  out["organizationType"] = "Gremium";
  Put(out, "classification", place.kind);
  Put(out, "startDate", place.input.established);
  Put(out, "endDate", place.input.ceased);
  Put(out, "website", place.input.website);
  out["web"] = l.site + "/moteplasser/" + Num(place.id);
  Times(out, place.created_at, place.updated_at);
  return out;
}

json Membership(const Links& l, const std::string& body, const ops::Record& m, Lang lang) {
  json out{{"id", l.Membership(m.id)},
           {"type", TypeUrl("Membership")},
           {"person", l.Person(body, m.person)},
           {"organization", l.Organization(m.meeting_place)}};
  // All the public sees of a member is the name and the role (contracts/operations.md).
  const std::string role = Text(m.data["role"]);
  if (!role.empty()) out["role"] = Msg("ops.role." + role, lang);
  Times(out, m.created_at, m.updated_at);
  return out;
}

json Person(const Links& l, const std::string& body, std::int64_t id, const std::string& name,
            const std::string& created, const std::string& modified, const json& memberships, Lang) {
  json out{{"id", l.Person(body, id)}, {"type", TypeUrl("Person")}, {"body", l.Body(body)}};
  Put(out, "name", name);
  if (memberships.is_array() && !memberships.empty()) out["membership"] = memberships;
  Times(out, created, modified);
  return out;
}

std::vector<json> AgendaItems(const Links& l, const ops::Record& meeting, const std::vector<ops::Record>& cases,
                              Lang lang) {
  std::vector<json> items;
  const json& agenda = meeting.data["agenda"];
  if (!agenda.is_array()) return items;
  for (std::size_t i = 0; i < agenda.size(); ++i) {
    const json& item = agenda[i];
    if (!item.value("public", true)) continue;
    json out{{"id", l.AgendaItem(meeting.id, i + 1)},
             {"type", TypeUrl("AgendaItem")},
             {"meeting", l.Meeting(meeting.id)},
             {"order", item.value("order", static_cast<int>(i + 1))}};
    Put(out, "number", item["number"]);
    Put(out, "name", item["title"]);
    out["public"] = true;
    if (const ops::Record* c = CaseById(cases, item["case"])) {
      out["consultation"] = l.Consultation(c->id);
      Put(out, "resolutionText", c->data["statement"]);
      const json& decision = c->data["decision"];
      if (decision.is_object() && decision["outcome"].is_string()) {
        out["result"] = Msg("ops.case_form.outcome." + decision["outcome"].get<std::string>(), lang);
      }
    }
    Put(out, "start", meeting.data["starts_at"]);
    Times(out, meeting.created_at, meeting.updated_at);
    items.push_back(std::move(out));
  }
  return items;
}

json MinutesFile(const Links& l, const MeetingPlace& place, const ops::Record& meeting, Lang lang) {
  const std::string minutes = Text(meeting.data["minutes"]);
  if (minutes.empty()) return nullptr;
  const std::string day = DateOf(Text(meeting.data["starts_at"]));
  json out{{"id", l.File(meeting.id)},
           {"type", TypeUrl("File")},
           {"name", Msg("ops.meeting.minutes", lang) + " " + place.name + " " + NorwegianDate(day)},
           {"fileName", "protokoll-" + Num(meeting.id) + ".md"},
           {"mimeType", "text/markdown"},
           {"size", static_cast<std::int64_t>(minutes.size())},
           {"text", minutes},
           {"accessUrl", l.FileDownload(meeting.id)},
           {"downloadUrl", l.FileDownload(meeting.id)},
           {"fileLicense", std::string(kLicenceUrl)},
           {"meeting", json::array({l.Meeting(meeting.id)})}};
  Put(out, "date", day);
  Times(out, meeting.created_at, meeting.updated_at);
  return out;
}

json Location(const Links& l, const ops::Record& meeting) {
  const std::string where = Text(meeting.data["location"]);
  if (where.empty()) return nullptr;
  json out{{"id", l.Location(meeting.id)},
           {"type", TypeUrl("Location")},
           {"description", where},
           {"meetings", json::array({l.Meeting(meeting.id)})}};
  Times(out, meeting.created_at, meeting.updated_at);
  return out;
}

json Meeting(const Links& l, const MeetingPlace& place, const ops::Record& meeting,
             const std::vector<ops::Record>& cases, Lang lang) {
  const std::string starts = Text(meeting.data["starts_at"]);
  json out{{"id", l.Meeting(meeting.id)}, {"type", TypeUrl("Meeting")}};
  out["name"] = place.name + ", " + Msg("ops.meeting.title", lang, {{"date", NorwegianDate(starts)}});
  if (meeting.data.value("cancelled", false)) out["cancelled"] = true;
  Put(out, "start", starts);
  Put(out, "end", meeting.data["ends_at"]);
  json location = Location(l, meeting);
  if (!location.is_null()) out["location"] = location;
  out["organization"] = json::array({l.Organization(place.id)});
  json minutes = MinutesFile(l, place, meeting, lang);
  if (!minutes.is_null()) out["resultsProtocol"] = minutes;
  std::vector<json> items = AgendaItems(l, meeting, cases, lang);
  if (!items.empty()) out["agendaItem"] = items;
  out["web"] = l.site + "/moteplasser/" + Num(place.id) + "/moter/" + Num(meeting.id);
  Times(out, meeting.created_at, meeting.updated_at);
  return out;
}

json Consultation(const Links& l, const MeetingPlace& place, const ops::Record& c,
                  const std::vector<ops::Record>& meetings, Lang lang) {
  json out{{"id", l.Consultation(c.id)},
           {"type", TypeUrl("Consultation")},
           {"paper", l.Paper(c.id)},
           {"organization", json::array({l.Organization(place.id)})},
           // A meeting place gives advice; the decision is the municipality's.
           {"authoritative", false}};
  const Handled h = WhereHandled(c, meetings);
  if (h.meeting != nullptr) out["meeting"] = l.Meeting(h.meeting->id);
  if (h.position > 0) out["agendaItem"] = l.AgendaItem(h.meeting->id, h.position);
  const std::string kind = Text(c.data["kind"]);
  if (!kind.empty()) out["role"] = Msg("ops.case_form.kind." + kind, lang);
  Times(out, c.created_at, c.updated_at);
  return out;
}

json Paper(const Links& l, const std::string& body, const MeetingPlace& place, const ops::Record& c,
           const std::vector<ops::Record>& meetings, Lang lang) {
  json out{{"id", l.Paper(c.id)}, {"type", TypeUrl("Paper")}, {"body", l.Body(body)}};
  Put(out, "name", c.data["title"]);
  Put(out, "reference", c.data["case_number"]);
  Put(out, "date", c.data["received"]);
  const std::string kind = Text(c.data["kind"]);
  if (!kind.empty()) out["paperType"] = Msg("ops.case_form.kind." + kind, lang);
  out["underDirectionOf"] = json::array({l.Organization(place.id)});
  out["consultation"] = json::array({Consultation(l, place, c, meetings, lang)});
  Times(out, c.created_at, c.updated_at);
  return out;
}

Result<std::string> ParseFilterTime(std::string_view v, const std::string& param) {
  const Error bad = Error::Invalid(
      "expected a date or a time such as 2026-02-01 or 2026-02-01T10:00:00+01:00, got " + json(std::string(v)).dump(),
      "/" + param);
  auto number = [&](std::size_t at, std::size_t len, int* out) {
    if (v.size() < at + len || !Digits(v.substr(at, len))) return false;
    std::from_chars(v.data() + at, v.data() + at + len, *out);
    return true;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!number(0, 4, &y) || v.size() < 10 || v[4] != '-' || !number(5, 2, &mo) || v[7] != '-' || !number(8, 2, &d)) {
    return bad;
  }
  const std::chrono::year_month_day day{std::chrono::year(y), std::chrono::month(mo), std::chrono::day(d)};
  if (!day.ok()) return bad;
  int offset_minutes = 0;
  if (v.size() > 10) {
    if ((v[10] != 'T' && v[10] != ' ') || !number(11, 2, &h) || v.size() < 19 || v[13] != ':' || !number(14, 2, &mi) ||
        v[16] != ':' || !number(17, 2, &s) || h > 23 || mi > 59 || s > 60) {
      return bad;
    }
    std::size_t i = 19;
    if (i < v.size() && v[i] == '.') {
      ++i;
      const std::size_t digits = i;
      while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
      if (i == digits) return bad;
    }
    std::string_view zone = v.substr(i);
    if (zone == "Z" || zone.empty()) {
      // UTC (a time without a zone is read as UTC too)
    } else if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 6 && zone[3] == ':') {
      int zh = 0, zm = 0;
      if (!number(i + 1, 2, &zh) || !number(i + 4, 2, &zm) || zh > 23 || zm > 59) return bad;
      offset_minutes = (zh * 60 + zm) * (zone[0] == '+' ? 1 : -1);
    } else {
      return bad;
    }
  }
  using namespace std::chrono;
  const sys_seconds t = sys_days(day) + hours(h) + minutes(mi) + seconds(s) - minutes(offset_minutes);
  const auto dp = floor<days>(t);
  const year_month_day ymd(dp);
  const hh_mm_ss hms(t - dp);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return std::string(buf);
}

}  // namespace moteplass::oparl
