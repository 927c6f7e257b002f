#include "core/operations/alerts.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "core/operations/fields.h"

namespace moteplass::ops {
namespace {

using nlohmann::json;

std::string Str(const json& doc, const char* key) {
  auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "26.11.2026": how the texts show a day in every language.
std::string Shown(const std::string& date) {
  if (date.size() < 10) return date;
  return date.substr(8, 2) + "." + date.substr(5, 2) + "." + date.substr(0, 4);
}

std::string Plus(const std::string& date, std::int64_t days) { return DateOfDay(DayNumber(date) + days); }

bool Current(const json& m, const std::string& today) {
  const std::string starts = Str(m, "starts");
  const std::string ends = Str(m, "ends");
  return !starts.empty() && starts <= today && (ends.empty() || ends >= today);
}

// The day a meeting starts, in Oslo.
std::string MeetingDay(const json& meeting) {
  const std::string at = Str(meeting, "starts_at");
  return at.empty() ? at : OsloLocal(at).substr(0, 10);
}

// When the register began to keep this meeting place's work.
std::string Began(const AlertSubject& s) {
  std::string began = s.registered.substr(0, std::min<std::size_t>(10, s.registered.size()));
  auto earlier = [&](const std::string& d) {
    if (IsDate(d) && (began.empty() || d < began)) began = d;
  };
  for (const Record& m : s.memberships) earlier(Str(m.data, "starts"));
  for (const Record& m : s.meetings) earlier(MeetingDay(m.data));
  for (const Record& c : s.cases) earlier(Str(c.data, "received"));
  return began;
}

Alert Make(const AlertSubject& s, std::string code, std::string since, std::string key, MessageArgs args = {}) {
  args["name"] = s.name;
  Alert a{std::move(code), s.meeting_place, std::move(since), std::move(key), std::move(args)};
  return a;
}

std::optional<Alert> NoHearing(const AlertSubject& s, const std::string& today, const std::string& began) {
  const json functions = s.profile.value("functions", json::object());
  if (!functions.is_object() || !functions.value("hearing_body", false)) return std::nullopt;
  std::string last;
  for (const Record& c : s.cases) {
    const std::string received = Str(c.data, "received");
    if (Str(c.data, "kind") == "hearing" && received <= today && received > last) last = received;
  }
  const std::string since = AddMonths(last.empty() ? began : last, 12);
  if (since > today) return std::nullopt;
  if (last.empty()) return Make(s, "no_hearing_12_months", since, "ops.alert.no_hearing_never");
  return Make(s, "no_hearing_12_months", since, "ops.alert.no_hearing_12_months", {{"date", Shown(last)}});
}

std::optional<Alert> DeadlineNear(const AlertSubject& s, const std::string& today) {
  const std::string last_day = Plus(today, 7);
  std::string first;
  int n = 0;
  for (const Record& c : s.cases) {
    const std::string deadline = Str(c.data, "deadline");
    if (deadline.empty() || deadline < today || deadline > last_day) continue;
    if (Str(c.data, "kind") == "information" || !Str(c.data, "sent").empty()) continue;
    ++n;
    if (first.empty() || deadline < first) first = deadline;
  }
  if (n == 0) return std::nullopt;
  return Make(s, "deadline_near", Plus(first, -7), "ops.alert.deadline_near",
              {{"n", std::to_string(n)}, {"date", Shown(first)}});
}

std::optional<Alert> TermEnding(const AlertSubject& s, const std::string& today) {
  const std::string last_day = Plus(today, 90);
  std::map<std::string, int> ending, successors;
  std::map<std::string, std::string> first_end;
  for (const Record& m : s.memberships) {
    const std::string seat = Str(m.data, "seat");
    const std::string ends = Str(m.data, "ends");
    if (Current(m.data, today) && !ends.empty() && ends <= last_day) {
      ++ending[seat];
      if (first_end[seat].empty() || ends < first_end[seat]) first_end[seat] = ends;
    }
    if (Str(m.data, "starts") > today) ++successors[seat];
  }
  std::string first;
  int n = 0;
  for (const auto& [seat, count] : ending) {
    if (count <= successors[seat]) continue;
    n += count - successors[seat];
    if (first.empty() || first_end[seat] < first) first = first_end[seat];
  }
  if (n == 0) return std::nullopt;
  return Make(s, "term_ending", Plus(first, -90), "ops.alert.term_ending",
              {{"n", std::to_string(n)}, {"date", Shown(first)}});
}

std::optional<Alert> GenderBalance(const AlertSubject& s, const std::string& today) {
  struct Count {
    int n = 0, women = 0, men = 0;
  };
  Count members, deputies;
  std::string composed;
  for (const Record& m : s.memberships) {
    const std::string role = Str(m.data, "role");
    if (role == "observer") continue;
    const std::string ends = Str(m.data, "ends");
    if (!ends.empty() && ends < today && Plus(ends, 1) > composed) composed = Plus(ends, 1);
    if (!Current(m.data, today)) continue;
    if (Str(m.data, "starts") > composed) composed = Str(m.data, "starts");
    Count& c = role == "deputy_member" ? deputies : members;
    ++c.n;
    auto g = s.genders.find(m.person);
    const std::string gender = g == s.genders.end() ? "" : g->second;
    if (gender == "woman") ++c.women;
    if (gender == "man") ++c.men;
  }
  auto breaks = [](const Count& c) {
    if (c.n >= 4) return c.women * 10 < c.n * 4 || c.men * 10 < c.n * 4;
    if (c.n >= 2) return c.women == 0 || c.men == 0;
    return false;
  };
  const bool m = breaks(members), d = breaks(deputies);
  if (!m && !d) return std::nullopt;
  const Count& c = m ? members : deputies;
  return Make(s, "gender_balance", composed.empty() ? today : composed,
              m ? "ops.alert.gender_balance" : "ops.alert.gender_balance_deputies",
              {{"n", std::to_string(c.n)}, {"women", std::to_string(c.women)}, {"men", std::to_string(c.men)}});
}

std::optional<Alert> NoMeeting(const AlertSubject& s, const std::string& today, const std::string& began) {
  std::string last;
  for (const Record& m : s.meetings) {
    if (m.data.value("cancelled", false)) continue;
    const std::string day = MeetingDay(m.data);
    if (day <= today && day > last) last = day;
  }
  const std::string since = AddMonths(last.empty() ? began : last, 6);
  if (since > today) return std::nullopt;
  if (last.empty()) return Make(s, "no_meeting_6_months", since, "ops.alert.no_meeting_never");
  return Make(s, "no_meeting_6_months", since, "ops.alert.no_meeting_6_months", {{"date", Shown(last)}});
}

std::optional<Alert> SingleChair(const AlertSubject& s, const std::string& today) {
  std::optional<std::string> longest;
  for (const Record& now : s.memberships) {
    if (Str(now.data, "role") != "chair" || !Current(now.data, today)) continue;
    // Walk back through the same person's chairmanships that join without a break.
    std::string start = Str(now.data, "starts");
    for (bool extended = true; extended;) {
      extended = false;
      for (const Record& m : s.memberships) {
        if (m.person != now.person || Str(m.data, "role") != "chair") continue;
        const std::string starts = Str(m.data, "starts");
        const std::string ends = Str(m.data, "ends");
        if (starts < start && (ends.empty() || Plus(ends, 1) >= start)) {
          start = starts;
          extended = true;
        }
      }
    }
    if (!longest || start < *longest) longest = start;
  }
  if (!longest) return std::nullopt;
  const std::string since = AddMonths(*longest, 96);
  if (since > today) return std::nullopt;
  return Make(s, "single_chair_8_years", since, "ops.alert.single_chair_8_years", {{"year", longest->substr(0, 4)}});
}

}  // namespace

std::string AddMonths(const std::string& date, int months) {
  if (!IsDate(date)) return date;
  int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)), d = std::stoi(date.substr(8, 2));
  int total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int last = m == 2 && leap ? 29 : kDays[m - 1];
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, std::min(d, last));
  return buf;
}

std::vector<Alert> ComputeAlerts(const AlertSubject& s, const std::string& today) {
  std::vector<Alert> out;
  if (s.memberships.empty() && s.meetings.empty() && s.cases.empty()) return out;
  const std::string began = Began(s);
  for (auto alert : {NoHearing(s, today, began), DeadlineNear(s, today), TermEnding(s, today), GenderBalance(s, today),
                     NoMeeting(s, today, began), SingleChair(s, today)}) {
    if (alert) out.push_back(std::move(*alert));
  }
  return out;
}

std::string AlertText(const Alert& alert, Lang lang) { return Msg(alert.key, lang, alert.args); }

bool ParseAlertId(std::string_view id, std::string* code, std::int64_t* meeting_place) {
  const std::size_t colon = id.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view c = id.substr(0, colon);
  const std::string_view n = id.substr(colon + 1);
  if (std::find(std::begin(kAlertCodes), std::end(kAlertCodes), c) == std::end(kAlertCodes)) return false;
  if (n.empty() || n.size() > 15 || n.find_first_not_of("0123456789") != std::string_view::npos || n[0] == '0') {
    return false;
  }
  *code = std::string(c);
  *meeting_place = std::stoll(std::string(n));
  return true;
}

}  // namespace moteplass::ops
