// Parsing JSON that comes from outside (request bodies, files given to the command line). The
// text must be valid JSON and nested at most kMaxJsonNesting levels: copying or destroying a
// value recurses once per level, so a body of a million '[' would exhaust a thread's stack.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace moteplass {

inline constexpr int kMaxJsonNesting = 64;

// The deepest nesting of arrays and objects in a JSON text (strings are skipped).
int JsonNestingDepth(std::string_view text);

// Parses `text`; errors have slug "invalid_json" and say what is wrong ("what" names the
// input in messages: "the request body", "the file").
Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view what);

// A value as error messages show it: null, true, 12, "text" (cut at 40 characters), an array,
// an object.
std::string DescribeJsonValue(const nlohmann::json& value);

// One reference token of a JSON Pointer, escaped ('~' as "~0", '/' as "~1").
std::string EscapePointerToken(const std::string& token);
// The last token of a JSON pointer as written ("/address/municipality" -> "municipality").
inline std::string LastPointerToken(const std::string& pointer) { return pointer.substr(pointer.rfind('/') + 1); }

// Members of a document already checked, read leniently: the member's text, "" when it is absent
// or not a text; its integer, 0 otherwise; true only when it is true.
inline std::string TextMember(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
inline std::int64_t IntMember(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}
inline bool TrueMember(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace moteplass
