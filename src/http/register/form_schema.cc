// The choices a select or checklist of the meeting-place form takes from the profile schema: a
// walk along a JSON pointer through "properties", "items" and local "$ref"s to an "enum"
// (SchemaChoices in form.h).
#include <optional>
#include <string>
#include <vector>

#include "core/json_text.h"
#include "http/register/form.h"

namespace moteplass::http::registry {

using nlohmann::json;

namespace {

// The tokens of a JSON pointer, unescaped ("/a~1b/c" -> "a/b", "c"); nullopt when malformed.
std::optional<std::vector<std::string>> PointerTokens(const std::string& pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer.front() != '/') return std::nullopt;
  std::size_t start = 1;
  while (true) {
    const std::size_t slash = std::min(pointer.find('/', start), pointer.size());
    std::string token;
    for (std::size_t i = start; i < slash; ++i) {
      if (pointer[i] != '~') {
        token += pointer[i];
      } else if (i + 1 < slash && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        token += pointer[++i] == '0' ? '~' : '/';
      } else {
        return std::nullopt;
      }
    }
    tokens.push_back(std::move(token));
    if (slash == pointer.size()) return tokens;
    start = slash + 1;
  }
}

bool IsArrayIndex(const std::string& token) {
  return token == "-" ||
         (!token.empty() && std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

// The schema node `node` refers to when it is a local "$ref" ("#/$defs/level"); `node` itself
// when it is not a reference; nullptr when the reference leads nowhere.
const json* FollowRef(const json& schema, const json* node) {
  if (!node->is_object()) return node;
  const auto ref = node->find("$ref");
  if (ref == node->end()) return node;
  if (!ref->is_string() || !ref->get<std::string>().starts_with("#")) return nullptr;  // another document
  try {
    const json::json_pointer target(ref->get<std::string>().substr(1));
    return schema.contains(target) ? &schema.at(target) : nullptr;
  } catch (const json::exception&) {
    return nullptr;  // not a JSON pointer
  }
}

// A schema node's "enum" (looking through "$ref"s; a keyword beside a "$ref" counts too);
// nullptr when it has none. Circular references end after a few hops.
const json* EnumOf(const json& schema, const json* node) {
  for (int hop = 0; node != nullptr && hop < 32; ++hop) {
    if (!node->is_object()) return nullptr;
    if (const auto e = node->find("enum"); e != node->end()) return &*e;
    const json* next = FollowRef(schema, node);
    if (next == node) return nullptr;
    node = next;
  }
  return nullptr;
}

// `node` with its "$ref"s followed to the end; nullptr when one leads nowhere or round in circles.
const json* Resolve(const json& schema, const json* node) {
  for (int hop = 0; node != nullptr && hop < 32; ++hop) {
    const json* next = FollowRef(schema, node);
    if (next == node) return node;
    node = next;
  }
  return nullptr;
}

// A child schema (`key` of `node`), when it is an object.
const json* Child(const json& node, const char* key) {
  const auto it = node.find(key);
  return it != node.end() && it->is_object() ? &*it : nullptr;
}

std::string ChoicesError(const std::string& pointer, const std::string& why) {
  return "no choices in the schema for \"" + pointer + "\": " + why;
}

}  // namespace

Result<std::vector<std::string>> SchemaChoices(const json& schema, const std::string& pointer) {
  const auto tokens = PointerTokens(pointer);
  if (!tokens) return Error::Internal(ChoicesError(pointer, "not a JSON pointer"));
  const json* node = &schema;
  std::string at;  // the pointer walked so far, for messages
  for (const auto& token : *tokens) {
    node = Resolve(schema, node);
    if (node == nullptr) return Error::Internal(ChoicesError(pointer, "a \"$ref\" at \"" + at + "\" leads nowhere"));
    at += "/" + EscapePointerToken(token);
    const json* properties = node->is_object() ? Child(*node, "properties") : nullptr;
    const json* items = node->is_object() ? Child(*node, "items") : nullptr;
    if (properties != nullptr && properties->contains(token)) {
      node = &(*properties)[token];
    } else if (items != nullptr && IsArrayIndex(token)) {
      node = items;
    } else {
      return Error::Internal(ChoicesError(pointer, "the schema has no property \"" + at + "\""));
    }
  }
  const json* values = EnumOf(schema, node);
  if (values == nullptr) {
    // An array of choices: the enum of its items.
    const json* resolved = Resolve(schema, node);
    if (resolved == nullptr) return Error::Internal(ChoicesError(pointer, "its \"$ref\" leads nowhere"));
    const json* items = resolved->is_object() ? Child(*resolved, "items") : nullptr;
    if (items != nullptr) values = EnumOf(schema, items);
  }
  if (values == nullptr) return Error::Internal(ChoicesError(pointer, "its schema has no \"enum\""));
  if (!values->is_array() || values->empty()) {
    return Error::Internal(ChoicesError(pointer, "its \"enum\" is not a list of values"));
  }
  std::vector<std::string> choices;
  for (const auto& v : *values) {
    if (!v.is_string()) return Error::Internal(ChoicesError(pointer, "its \"enum\" has " + v.dump() + ", not text"));
    choices.push_back(v.get<std::string>());
  }
  return choices;
}

}  // namespace moteplass::http::registry
