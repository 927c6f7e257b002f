#include "app/operations/demo.h"

#include <array>
#include <vector>

#include "app/operations/operations.h"
#include "core/operations/alerts.h"
#include "core/operations/fields.h"
#include "core/status_macros.h"

namespace moteplass::app {
namespace {

using nlohmann::json;
using ops::Kind;

constexpr std::array<const char*, 20> kFirst = {"Amina",  "Ola",   "Fatima", "Kari",  "Ahmed",  "Ingrid", "Mehmet",
                                                "Lars",   "Zahra", "Per",    "Leila", "Nina",   "Hassan", "Silje",
                                                "Tomasz", "Marte", "Abdi",   "Jon",   "Samira", "Eirik"};
constexpr std::array<const char*, 20> kLast = {
    "Hassan",   "Nordmann", "Ali",    "Berg", "Yilmaz",   "Hansen", "Nowak",   "Johansen", "Rahimi", "Larsen",
    "Mohammed", "Olsen",    "Haddad", "Dahl", "Kowalski", "Lie",    "Warsame", "Bakke",    "Osman",  "Strand"};
constexpr std::array<const char*, 8> kCountries = {"SO", "PK", "IQ", "PL", "ER", "SY", "VN", "TR"};
constexpr std::array<const char*, 4> kOutcomes = {"followed", "partly_followed", "not_followed", "followed"};
constexpr std::array<const char*, 6> kHearings = {"Plan for bosetting av flyktninger",    "Boligsosial handlingsplan",
                                                  "Budsjett for introduksjonsprogrammet", "Tolketjenesten i kommunen",
                                                  "Plan for kvalifisering og arbeid",     "Frivillighetsmelding"};
constexpr std::array<const char*, 3> kInitiatives = {"Norskopplæring for eldre innvandrere",
                                                     "Informasjon om valg på flere språk",
                                                     "Møteplass for foreldre i barnehagen"};

std::string Day(int year, int month, int day) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Plus(const std::string& date, int days) { return ops::DateOfDay(ops::DayNumber(date) + days); }

Status Add(Services& s, const Principal& who, Kind kind, std::int64_t place, const json& body, std::int64_t* count,
           std::int64_t* id = nullptr) {
  ASSIGN_OR_RETURN(ops::Record r, CreateOperation(s, who, kind, place, body));
  ++*count;
  if (id) *id = r.id;
  return {};
}

// What one example meeting place is given so that the alerts have something to show: the
// first places get one condition each (core/operations/alerts.h), the rest none.
enum class Show { kNothing, kNoHearing, kDeadlineNear, kTermEnding, kGenderBalance, kNoMeeting, kSingleChair };

Show NextShow(std::vector<Show>& left, bool hearing_body) {
  for (auto it = left.begin(); it != left.end(); ++it) {
    if (*it == Show::kNoHearing && !hearing_body) continue;
    const Show s = *it;
    left.erase(it);
    return s;
  }
  return Show::kNothing;
}

}  // namespace

Result<std::int64_t> LoadExampleOperations(Services& s, const Principal& who, const std::string& today) {
  ASSIGN_OR_RETURN(std::vector<MeetingPlace> places, s.store.meeting_places().All());
  std::int64_t count = 0;
  const int this_year = std::stoi(today.substr(0, 4));
  std::vector<Show> left = {Show::kNoHearing,     Show::kDeadlineNear, Show::kTermEnding,
                            Show::kGenderBalance, Show::kNoMeeting,    Show::kSingleChair};
  for (const MeetingPlace& place : places) {
    if (!place.example) continue;
    ASSIGN_OR_RETURN(auto existing, s.store.operations().List(Kind::kMembership, place.id));
    if (!existing.empty()) continue;
    const std::size_t k = static_cast<std::size_t>(place.id);
    const json& profile = place.input.profile;
    const Show show = NextShow(left, profile.value("functions", json::object()).value("hearing_body", false));
    // Members: up to three a seat (four for the immigrant population).
    std::vector<std::int64_t> people;
    std::size_t n = 0;
    for (std::string_view seat : ops::kSeats) {
      const int seats = profile.value("seats", json::object()).value(std::string(seat), 0);
      const int members = std::min(seats, seat == "immigrant_population" ? 4 : 3);
      for (int i = 0; i < members; ++i, ++n) {
        const bool immigrant = seat == "immigrant_population";
        json body = {
            {"name", std::string(kFirst[(k * 7 + n) % kFirst.size()]) + " " + kLast[(k * 3 + n * 5) % kLast.size()]},
            {"gender", (k + n) % 2 == 0 && show != Show::kGenderBalance ? "woman" : "man"},
            {"birth_year", 1955 + static_cast<int>((k * 11 + n * 7) % 45)},
            {"show_publicly", n % 3 != 2}};
        if (immigrant) {
          body["immigrant_background"] = true;
          body["country_of_background"] = kCountries[(k + n) % kCountries.size()];
          body["special_category_basis"] = "consent";
        }
        ASSIGN_OR_RETURN(ops::Record person, CreatePerson(s, who, body));
        ++count;
        people.push_back(person.id);
        const char* role = n == 0 ? "chair" : (i == 0 && seat == "politicians") ? "deputy_chair" : "member";
        json membership = {{"person", person.id},           {"role", role},           {"seat", seat},
                           {"paid", seat == "politicians"}, {"starts", "2023-11-01"}, {"ends", "2027-10-31"}};
        if (seat == "politicians") membership["on_behalf_of"] = "Kommunestyret";
        if (n == 0 && show == Show::kSingleChair) membership["starts"] = "2015-11-01";
        if (n == 0 && show == Show::kTermEnding) membership["ends"] = Plus(today, 60);
        RETURN_IF_ERROR(Add(s, who, Kind::kMembership, place.id, membership, &count));
      }
    }
    if (people.empty()) continue;
    // Meetings: February, May, September and November at 18:00 in Oslo, until today; an extra one
    // in 2025 called by the immigrant population's representatives.
    std::vector<std::pair<std::string, std::int64_t>> held;  // date, meeting id
    for (int year = 2024; year <= this_year; ++year) {
      for (int month : {2, 5, 9, 11}) {
        const std::string date = Day(year, month, 10 + static_cast<int>(k % 8));
        if (date > today) continue;
        if (show == Show::kNoMeeting && date > ops::AddMonths(today, -7)) continue;
        const bool summer = month == 5 || month == 9;
        json meeting = {{"starts_at", date + (summer ? "T18:00:00+02:00" : "T18:00:00+01:00")},
                        {"ends_at", date + (summer ? "T20:00:00+02:00" : "T20:00:00+01:00")},
                        {"location", "Rådhuset, møterom 2"},
                        {"attendance", people},
                        {"agenda",
                         {{{"number", std::to_string(month) + "/" + std::to_string(year % 100)},
                           {"title", "Orientering fra administrasjonen"},
                           {"proposed_by", "administration"}},
                          {{"title", "Saker medlemmene har meldt inn"}, {"proposed_by", "immigrant_population"}}}},
                        {"minutes",
                         "Møtet ble ledet av lederen.\n\n**Vedtak:** Rådet tok orienteringen til "
                         "etterretning og ba administrasjonen komme tilbake til sakene."}};
        std::int64_t id = 0;
        RETURN_IF_ERROR(Add(s, who, Kind::kMeeting, place.id, meeting, &count, &id));
        held.emplace_back(date, id);
      }
      if (year == 2025 && Day(2025, 3, 20) <= today) {
        json extra = {
            {"starts_at", "2025-03-20T17:00:00+01:00"},
            {"kind", "extra"},
            {"called_by", "immigrant_population"},
            {"agenda", {{{"title", "Tolketjenesten på legevakten"}, {"proposed_by", "immigrant_population"}}}}};
        RETURN_IF_ERROR(Add(s, who, Kind::kMeeting, place.id, extra, &count));
      }
    }
    // Cases, a year at a time.
    const json functions = profile.value("functions", json::object());
    for (int year = 2024; year <= this_year; ++year) {
      std::vector<json> cases;
      if (functions.value("hearing_body", false)) {
        for (int i = 0; i < 3; ++i) {
          cases.push_back({{"title", std::string("Høring: ") +
                                         kHearings[(k + static_cast<std::size_t>(year) + i) % kHearings.size()]},
                           {"kind", "hearing"},
                           {"from_body", "Kommunestyret"},
                           {"case_number", std::to_string(year) + "/" + std::to_string(100 + k * 10 + i)},
                           {"received", Day(year, 1 + i * 4, 5)}});
        }
      }
      if (functions.value("advisory_body", false)) {
        cases.push_back({{"title", "Råd om informasjon til nyankomne"},
                         {"kind", "advice_request"},
                         {"from_body", "Rådmannen"},
                         {"received", Day(year, 3, 1)}});
      }
      cases.push_back({{"title", std::string("Eget initiativ: ") + kInitiatives[(k + year) % kInitiatives.size()]},
                       {"kind", "own_initiative"},
                       {"received", Day(year, 6, 1)}});
      for (std::size_t i = 0; i < cases.size(); ++i) {
        json& c = cases[i];
        const std::string received = c["received"];
        if (received > today) continue;
        if (show == Show::kNoHearing && c["kind"] == "hearing" && received > ops::AddMonths(today, -14)) continue;
        if (c["kind"] != "own_initiative") c["deadline"] = Plus(received, 30);
        // Most statements in time, one a year late; the decision two months later.
        const std::string sent = Plus(received, i == 1 ? 35 : 20);
        if (sent <= today) {
          c["sent"] = sent;
          c["statement"] = "Møteplassen støtter hovedlinjene, men ber om at tiltakene blir gjort kjent på flere språk.";
          for (const auto& [date, id] : held) {
            if (date >= received && date <= sent) c["handled_at_meeting"] = id;
          }
        }
        const std::string decided = Plus(received, 60);
        if (decided <= today) {
          c["decision"] = {{"body", "Kommunestyret"},
                           {"date", decided},
                           {"outcome", kOutcomes[(k + static_cast<std::size_t>(year) + i) % kOutcomes.size()]}};
        }
        RETURN_IF_ERROR(Add(s, who, Kind::kCase, place.id, c, &count));
      }
    }
    if (show == Show::kDeadlineNear) {
      json pending = {{"title", "Høring: Plan for språkopplæring"},
                      {"kind", "hearing"},
                      {"from_body", "Kommunestyret"},
                      {"received", Plus(today, -10)},
                      {"deadline", Plus(today, 5)}};
      RETURN_IF_ERROR(Add(s, who, Kind::kCase, place.id, pending, &count));
    }
  }
  return count;
}

}  // namespace moteplass::app
