#include "core/json_text.h"

#include <algorithm>
#include <string>

namespace moteplass {

int JsonNestingDepth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view what) {
  const std::string name(what);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Error::Invalid(name + " is empty; expected JSON", "", "invalid_json");
  }
  if (JsonNestingDepth(text) > kMaxJsonNesting) {
    return Error::Invalid(name + " is nested more than " + std::to_string(kMaxJsonNesting) + " levels deep", "",
                          "invalid_json");
  }
  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Error::Invalid(name + " is not valid JSON", "", "invalid_json");
  return json;
}

std::string DescribeJsonValue(const nlohmann::json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return value.dump();
  if (value.is_string()) {
    std::string s = value.get<std::string>();
    if (s.size() > 40) s = s.substr(0, 40) + "...";
    return nlohmann::json(s).dump();
  }
  if (value.is_array()) return "an array";
  return "an object";
}

std::string EscapePointerToken(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace moteplass
