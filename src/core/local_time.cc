#include "core/local_time.h"

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace moteplass {

namespace {

using namespace std::chrono;

bool ReadInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

std::optional<year_month_day> ValidDate(int y, int m, int d) {
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (y < 1000 || y > 9999 || !ymd.ok()) return std::nullopt;
  return ymd;
}

// 01:00 UTC on the last Sunday of `m` in `y`.
sys_seconds ChangeOver(int y, std::chrono::month m) { return sys_days{year{y} / m / Sunday[last]} + hours{1}; }

constexpr std::array<const char*, 12> kEnglishMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string DateText(int y, int m, int d, Lang lang) {
  char buffer[32];
  if (lang == Lang::kEn) {
    std::snprintf(buffer, sizeof buffer, "%d %s %04d", d, kEnglishMonths[m - 1], y);
  } else {
    std::snprintf(buffer, sizeof buffer, "%02d.%02d.%04d", d, m, y);
  }
  return buffer;
}

}  // namespace

std::optional<CivilTime> OsloTime(std::string_view iso) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (iso.size() != 20 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T' || iso[13] != ':' || iso[16] != ':' ||
      iso[19] != 'Z') {
    return std::nullopt;
  }
  int y, mo, d, h, mi, s;
  if (!ReadInt(iso.substr(0, 4), &y) || !ReadInt(iso.substr(5, 2), &mo) || !ReadInt(iso.substr(8, 2), &d) ||
      !ReadInt(iso.substr(11, 2), &h) || !ReadInt(iso.substr(14, 2), &mi) || !ReadInt(iso.substr(17, 2), &s)) {
    return std::nullopt;
  }
  auto ymd = ValidDate(y, mo, d);
  if (!ymd || h > 23 || mi > 59 || s > 60) return std::nullopt;
  const sys_seconds utc = sys_days{*ymd} + hours{h} + minutes{mi} + seconds{s};
  const bool summer = utc >= ChangeOver(y, March) && utc < ChangeOver(y, October);
  const sys_seconds local = utc + hours{summer ? 2 : 1};
  const sys_days local_day = floor<days>(local);
  const year_month_day lymd{local_day};
  const auto in_day = duration_cast<minutes>(local - local_day);
  return CivilTime{static_cast<int>(lymd.year()), static_cast<int>(static_cast<unsigned>(lymd.month())),
                   static_cast<int>(static_cast<unsigned>(lymd.day())), static_cast<int>(in_day.count() / 60),
                   static_cast<int>(in_day.count() % 60)};
}

std::string ShowDateTime(std::string_view iso, Lang lang) {
  auto t = OsloTime(iso);
  if (!t) return std::string(iso);
  char clock[16];
  if (lang == Lang::kEn) {
    std::snprintf(clock, sizeof clock, ", %02d:%02d", t->hour, t->minute);
  } else {
    std::snprintf(clock, sizeof clock, " kl. %02d.%02d", t->hour, t->minute);
  }
  return DateText(t->year, t->month, t->day, lang) + clock;
}

std::string ShowDate(std::string_view iso_or_date, Lang lang) {
  if (auto t = OsloTime(iso_or_date)) return DateText(t->year, t->month, t->day, lang);
  if (auto typed = ParseTypedDate(iso_or_date); typed && iso_or_date.size() == 10 && iso_or_date[4] == '-') {
    int y, m, d;
    ReadInt(iso_or_date.substr(0, 4), &y);
    ReadInt(iso_or_date.substr(5, 2), &m);
    ReadInt(iso_or_date.substr(8, 2), &d);
    return DateText(y, m, d, lang);
  }
  return std::string(iso_or_date);
}

std::optional<std::string> ParseTypedDate(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  int y, m, d;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    if (!ReadInt(text.substr(0, 4), &y) || !ReadInt(text.substr(5, 2), &m) || !ReadInt(text.substr(8, 2), &d)) {
      return std::nullopt;
    }
  } else {
    const auto first = text.find('.');
    const auto second = first == std::string_view::npos ? first : text.find('.', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    const std::string_view ds = text.substr(0, first);
    const std::string_view ms = text.substr(first + 1, second - first - 1);
    const std::string_view ys = text.substr(second + 1);
    if (ds.size() > 2 || ms.size() > 2 || ys.size() != 4 || !ReadInt(ds, &d) || !ReadInt(ms, &m) || !ReadInt(ys, &y)) {
      return std::nullopt;
    }
  }
  if (!ValidDate(y, m, d)) return std::nullopt;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  return std::string(buffer);
}

}  // namespace moteplass
