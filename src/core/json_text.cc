#include "core/json_text.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

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
  // Where the parser is (one frame per open object or array), to name a key that appears twice
  // in one object: with "last one wins", a body could say one thing to a reader and another to
  // us, and a cross-site form could smuggle a field in.
  struct Frame {
    bool object = false;
    std::set<std::string> keys;
    std::string key;  // of the member being read, in an object
    long index = -1;  // of the element being read, in an array
  };
  std::vector<Frame> frames;
  std::optional<std::string> duplicate;  // the pointer of the first key seen twice
  auto element = [&frames] {
    if (!frames.empty() && !frames.back().object) ++frames.back().index;
  };
  const nlohmann::json::parser_callback_t callback = [&](int, nlohmann::json::parse_event_t event,
                                                         nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        element();
        frames.push_back(Frame{event == Event::object_start, {}, "", -1});
        break;
      case Event::object_end:
      case Event::array_end:
        if (!frames.empty()) frames.pop_back();
        break;
      case Event::key:
        if (!frames.empty() && parsed.is_string()) {
          Frame& top = frames.back();
          top.key = parsed.get<std::string>();
          if (!top.keys.insert(top.key).second && !duplicate) {
            std::string pointer;
            for (const Frame& f : frames) {
              pointer += "/" + (f.object ? EscapePointerToken(f.key) : std::to_string(f.index));
            }
            duplicate = pointer;
          }
        }
        break;
      case Event::value: element(); break;
    }
    return true;
  };
  auto json = nlohmann::json::parse(text, callback, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Error::Invalid(name + " is not valid JSON", "", "invalid_json");
  if (duplicate) {
    return Error::Invalid(name + " names the member " + *duplicate + " twice; each key may appear once in an object",
                          *duplicate, "duplicate_key");
  }
  return json;
}

std::string DescribeJsonValue(const nlohmann::json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return value.dump();
  if (value.is_string()) {
    std::string s = value.get<std::string>();
    if (s.size() > 40) {
      // Cut before a character, not inside one: half a character made dump() throw (a 500).
      std::size_t cut = 40;
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
      s = s.substr(0, cut) + "...";
    }
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
