#include "core/operations/fields.h"

#include <algorithm>
#include <cstdio>

#include "core/status_macros.h"

namespace moteplass::ops {
namespace {

using nlohmann::json;

std::string OneOf(const std::vector<std::string_view>& values) {
  std::string out;
  for (std::string_view v : values) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

bool Digits(std::string_view s, std::size_t from, std::size_t n) {
  if (s.size() < from + n) return false;
  for (std::size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

int Num(std::string_view s, std::size_t from, std::size_t n) { return std::stoi(std::string(s.substr(from, n))); }

// Howard Hinnant's days_from_civil.
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

bool IsDate(std::string_view s) {
  if (s.size() != 10 || !Digits(s, 0, 4) || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' || !Digits(s, 8, 2)) {
    return false;
  }
  const int y = Num(s, 0, 4), m = Num(s, 5, 2), d = Num(s, 8, 2);
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::int64_t DayNumber(std::string_view s) { return DaysFromCivil(Num(s, 0, 4), Num(s, 5, 2), Num(s, 8, 2)); }

std::string DateOfDay(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y0 = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = y0 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(y), m, d);
  return buf;
}

int OsloOffsetHours(std::int64_t t) {
  const std::int64_t day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const std::int64_t seconds = t - day * 86400;
  const int year = std::stoi(DateOfDay(day).substr(0, 4));
  auto last_sunday = [year](const char* first_of_next_month) {
    const std::int64_t last = DayNumber(std::to_string(year) + first_of_next_month) - 1;
    return last - ((last % 7) + 11) % 7;  // 1970-01-01 (day 0) was a Thursday
  };
  const std::int64_t start = last_sunday("-04-01"), end = last_sunday("-11-01");
  const bool after_start = day > start || (day == start && seconds >= 3600);
  const bool before_end = day < end || (day == end && seconds < 3600);
  return after_start && before_end ? 2 : 1;
}

std::string OsloDate(std::int64_t t) {
  const std::int64_t local = t + OsloOffsetHours(t) * 3600;
  return DateOfDay(local >= 0 ? local / 86400 : (local - 86399) / 86400);
}

std::string OsloLocal(const std::string& s) {
  if (s.size() < 16 || !IsDate(s.substr(0, 10))) return s;
  const std::int64_t t = DayNumber(s.substr(0, 10)) * 86400 + Num(s, 11, 2) * 3600 + Num(s, 14, 2) * 60;
  const std::int64_t local = t + OsloOffsetHours(t) * 3600;
  const std::int64_t day = local / 86400, rest = local % 86400;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d", DateOfDay(day).c_str(), static_cast<int>(rest / 3600),
                static_cast<int>(rest % 3600 / 60));
  return buf;
}

Status CheckObject(const json& body, const std::string& prefix, const std::vector<std::string_view>& known) {
  if (!body.is_object()) return Error::Invalid("expected a JSON object", prefix);
  for (auto& [key, value] : body.items()) {
    (void)value;
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return Error::Invalid("unknown field; expected one of " + OneOf(known), prefix + "/" + key);
    }
  }
  return {};
}

Result<json> TextField(const json& body, const std::string& key, const std::string& prefix, bool required,
                       TextLines lines, std::size_t max) {
  const std::string ptr = prefix + "/" + key;
  if (!body.contains(key) || body[key].is_null()) {
    if (required) return Error::Invalid("required", ptr);
    return json();
  }
  if (!body[key].is_string()) return Error::Invalid("expected text", ptr);
  ASSIGN_OR_RETURN(std::string text, CleanText(body[key].get<std::string>(), lines, ptr));
  const bool blank = text.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank) {
    return Error::Invalid(required ? "required: it must not be empty" : "empty text: send null for none", ptr);
  }
  if (text.size() > max) return Error::Invalid("too long: at most " + std::to_string(max) + " bytes", ptr);
  return json(text);
}

Result<json> EnumField(const json& body, const std::string& key, const std::string& prefix,
                       const std::vector<std::string_view>& values, const json& fallback) {
  const std::string ptr = prefix + "/" + key;
  if (!body.contains(key) || body[key].is_null()) {
    if (fallback.is_string() && fallback.get<std::string>().empty()) {
      return Error::Invalid("required: one of " + OneOf(values), ptr);
    }
    return fallback;
  }
  if (body[key].is_string()) {
    const std::string v = body[key].get<std::string>();
    if (std::find(values.begin(), values.end(), v) != values.end()) return json(v);
  }
  return Error::Invalid("expected one of " + OneOf(values), ptr);
}

Result<json> BoolField(const json& body, const std::string& key, const std::string& prefix, bool fallback) {
  if (!body.contains(key) || body[key].is_null()) return json(fallback);
  if (!body[key].is_boolean()) return Error::Invalid("expected true or false", prefix + "/" + key);
  return body[key];
}

Result<json> DateField(const json& body, const std::string& key, const std::string& prefix, bool required) {
  const std::string ptr = prefix + "/" + key;
  if (!body.contains(key) || body[key].is_null()) {
    if (required) return Error::Invalid("required: a date such as 2026-02-01", ptr);
    return json();
  }
  if (!body[key].is_string() || !IsDate(body[key].get<std::string>())) {
    return Error::Invalid("expected a date that exists, written YYYY-MM-DD", ptr);
  }
  return body[key];
}

Result<json> InstantField(const json& body, const std::string& key, const std::string& prefix, bool required) {
  const std::string ptr = prefix + "/" + key;
  if (!body.contains(key) || body[key].is_null()) {
    if (required) return Error::Invalid("required: a time such as 2026-02-01T18:00:00+01:00", ptr);
    return json();
  }
  const Error bad = Error::Invalid("expected an RFC 3339 time with its offset, such as 2026-02-01T18:00:00+01:00", ptr);
  if (!body[key].is_string()) return bad;
  const std::string s = body[key].get<std::string>();
  // YYYY-MM-DDTHH:MM[:SS][.fff](Z|+HH:MM|-HH:MM)
  if (s.size() < 17 || !IsDate(s.substr(0, 10)) || (s[10] != 'T' && s[10] != 't') || !Digits(s, 11, 2) ||
      s[13] != ':' || !Digits(s, 14, 2)) {
    return bad;
  }
  int hh = Num(s, 11, 2), mm = Num(s, 14, 2), ss = 0;
  std::size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!Digits(s, i + 1, 2)) return bad;
    ss = Num(s, i + 1, 2);
    i += 3;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
  }
  if (hh > 23 || mm > 59 || ss > 59 || i >= s.size()) return bad;
  int offset = 0;
  if (s[i] == 'Z' || s[i] == 'z') {
    if (i + 1 != s.size()) return bad;
  } else if (s[i] == '+' || s[i] == '-') {
    if (s.size() != i + 6 || !Digits(s, i + 1, 2) || s[i + 3] != ':' || !Digits(s, i + 4, 2)) return bad;
    offset = (Num(s, i + 1, 2) * 60 + Num(s, i + 4, 2)) * (s[i] == '-' ? -1 : 1);
    if (offset <= -24 * 60 || offset >= 24 * 60) return bad;
  } else {
    return bad;
  }
  std::int64_t minutes = DayNumber(s.substr(0, 10)) * 1440 + hh * 60 + mm - offset;
  const std::int64_t day = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
  const std::int64_t rest = minutes - day * 1440;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", DateOfDay(day).c_str(), static_cast<int>(rest / 60),
                static_cast<int>(rest % 60), ss);
  return json(std::string(buf));
}

Result<json> IntField(const json& body, const std::string& key, const std::string& prefix, std::int64_t lo,
                      std::int64_t hi, bool required) {
  const std::string ptr = prefix + "/" + key;
  if (!body.contains(key) || body[key].is_null()) {
    if (required) return Error::Invalid("required", ptr);
    return json();
  }
  const json& v = body[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi) {
    return Error::Invalid("expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi), ptr);
  }
  return json(v.get<std::int64_t>());
}

}  // namespace moteplass::ops
