// Reading the JSON bodies of the operations resources (people, memberships, meetings, cases):
// one helper per kind of field, each returning the field's canonical JSON value or kInvalid with
// the field's pointer. Missing and null are the same ("unknown"); "" is refused where null is
// meant, as the contract's conventions say.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/text.h"

namespace moteplass::ops {

// kInvalid unless `body` is an object whose keys are all in `known` (pointer `prefix` + "/key").
Status CheckObject(const nlohmann::json& body, const std::string& prefix, const std::vector<std::string_view>& known);

// A text of 1..max characters, cleaned (core/text.h); null when missing or null unless required.
Result<nlohmann::json> TextField(const nlohmann::json& body, const std::string& key, const std::string& prefix,
                                 bool required, TextLines lines, std::size_t max);
// The values of a list of names (an array of string_view) as EnumField takes them.
std::vector<std::string_view> ValuesOf(const auto& list) { return {std::begin(list), std::end(list)}; }
// One of `values`; `fallback` when missing or null (a null fallback: nullable; a "" fallback:
// required).
Result<nlohmann::json> EnumField(const nlohmann::json& body, const std::string& key, const std::string& prefix,
                                 const std::vector<std::string_view>& values, const nlohmann::json& fallback);
// true or false; `fallback` when missing.
Result<nlohmann::json> BoolField(const nlohmann::json& body, const std::string& key, const std::string& prefix,
                                 bool fallback);
// A civil date "YYYY-MM-DD" that exists; null when missing or null unless required.
Result<nlohmann::json> DateField(const nlohmann::json& body, const std::string& key, const std::string& prefix,
                                 bool required);
// An RFC 3339 instant, returned in UTC as "YYYY-MM-DDTHH:MM:SSZ"; null when missing unless required.
Result<nlohmann::json> InstantField(const nlohmann::json& body, const std::string& key, const std::string& prefix,
                                    bool required);
// A whole number in [lo, hi]; null when missing or null unless required.
Result<nlohmann::json> IntField(const nlohmann::json& body, const std::string& key, const std::string& prefix,
                                std::int64_t lo, std::int64_t hi, bool required);

// Whether `text` is a civil date that exists.
bool IsDate(std::string_view text);
// Days since 1970-01-01 of a valid "YYYY-MM-DD".
std::int64_t DayNumber(std::string_view date);
// "YYYY-MM-DD" of a day number.
std::string DateOfDay(std::int64_t day);

// Oslo's offset from UTC in hours at a moment (seconds since 1970 UTC): 2 from the last Sunday of
// March 01:00 UTC to the last Sunday of October 01:00 UTC, else 1.
int OsloOffsetHours(std::int64_t unix_seconds);
// The date in Oslo at a moment ("YYYY-MM-DD").
std::string OsloDate(std::int64_t unix_seconds);
// A register instant ("2026-02-03T17:00:00Z") as Oslo's wall-clock time ("2026-02-03 18:00").
std::string OsloLocal(const std::string& utc_instant);

}  // namespace moteplass::ops
