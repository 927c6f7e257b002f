#include "core/operations/influence.h"

#include <algorithm>

namespace moteplass::ops {
namespace {

using nlohmann::json;

json Empty() {
  return json{
      {"cases", {{"hearing", 0}, {"advice_request", 0}, {"own_initiative", 0}, {"information", 0}}},
      {"statements_before_deadline", 0},
      {"statements_after_deadline", 0},
      {"outcomes", {{"followed", 0}, {"partly_followed", 0}, {"not_followed", 0}, {"no_decision", 0}, {"unknown", 0}}},
      {"followed_share", nullptr},
      {"followed_or_partly_share", nullptr},
      {"months_since_last_hearing", nullptr}};
}

std::string Text(const json& doc, const char* key) {
  return doc.contains(key) && doc[key].is_string() ? doc[key].get<std::string>() : std::string();
}

void Count(json& s, const json& c) {
  const std::string kind = Text(c, "kind");
  if (s["cases"].contains(kind)) s["cases"][kind] = s["cases"][kind].get<int>() + 1;
  const std::string sent = Text(c, "sent"), deadline = Text(c, "deadline");
  if (!sent.empty() && !deadline.empty()) {
    // A statement sent on the deadline's day is in time: deadlines include their last day.
    const char* key = sent <= deadline ? "statements_before_deadline" : "statements_after_deadline";
    s[key] = s[key].get<int>() + 1;
  } else if (!sent.empty()) {
    s["statements_before_deadline"] = s["statements_before_deadline"].get<int>() + 1;
  }
  if (c.contains("decision") && c["decision"].is_object()) {
    const std::string outcome = Text(c["decision"], "outcome");
    if (s["outcomes"].contains(outcome)) s["outcomes"][outcome] = s["outcomes"][outcome].get<int>() + 1;
  }
}

void Shares(json& s) {
  const int f = s["outcomes"]["followed"], p = s["outcomes"]["partly_followed"], n = s["outcomes"]["not_followed"];
  const int denominator = f + p + n;
  if (denominator == 0) return;
  s["followed_share"] = static_cast<double>(f) / denominator;
  s["followed_or_partly_share"] = static_cast<double>(f + p) / denominator;
}

// Months from the last hearing received on or before `until` to `until`; null when none.
json MonthsSinceHearing(const std::vector<json>& cases, const std::string& until) {
  std::string last;
  for (const json& c : cases) {
    const std::string received = Text(c, "received");
    if (Text(c, "kind") == "hearing" && received <= until && received > last) last = received;
  }
  if (last.empty()) return nullptr;
  return WholeMonths(last, until);
}

}  // namespace

int WholeMonths(const std::string& from, const std::string& to) {
  const int fy = std::stoi(from.substr(0, 4)), fm = std::stoi(from.substr(5, 2)), fd = std::stoi(from.substr(8, 2));
  const int ty = std::stoi(to.substr(0, 4)), tm = std::stoi(to.substr(5, 2)), td = std::stoi(to.substr(8, 2));
  int months = (ty - fy) * 12 + (tm - fm);
  if (td < fd) --months;
  return std::max(months, 0);
}

json Influence(const std::vector<json>& cases, std::optional<int> from, std::optional<int> to,
               const std::string& today) {
  int first = 0, last = 0;
  for (const json& c : cases) {
    const std::string received = Text(c, "received");
    if (received.size() < 4) continue;
    const int year = std::stoi(received.substr(0, 4));
    if (first == 0 || year < first) first = year;
    if (year > last) last = year;
  }
  const int this_year = std::stoi(today.substr(0, 4));
  const int lo = from.value_or(first == 0 ? this_year : first);
  const int hi = to.value_or(first == 0 ? this_year : last);
  json years = json::array();
  json total = Empty();
  for (int year = lo; year <= hi && year - lo < 200; ++year) {
    json s = Empty();
    for (const json& c : cases) {
      const std::string received = Text(c, "received");
      if (received.size() >= 4 && std::stoi(received.substr(0, 4)) == year) {
        Count(s, c);
        Count(total, c);
      }
    }
    Shares(s);
    const std::string year_end = std::to_string(year) + "-12-31";
    s["months_since_last_hearing"] = MonthsSinceHearing(cases, std::min(year_end, today));
    json entry{{"year", year}};
    entry.update(s);
    years.push_back(std::move(entry));
  }
  Shares(total);
  total["months_since_last_hearing"] = MonthsSinceHearing(cases, today);
  return json{{"years", years}, {"total", total}};
}

}  // namespace moteplass::ops
