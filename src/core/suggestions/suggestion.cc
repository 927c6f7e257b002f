#include "core/suggestions/suggestion.h"

#include "core/status_macros.h"
#include "core/text.h"

namespace moteplass::suggestions {

using nlohmann::json;

namespace {

// Code points, not bytes: the limits are what a person counts.
std::size_t Length(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char ch : text) n += (ch & 0xC0) != 0x80;
  return n;
}

Result<std::string> TextField(const json& body, const char* name, TextLines lines, std::size_t max, bool required) {
  const std::string pointer = std::string("/") + name;
  if (!body.contains(name) || body[name].is_null()) {
    if (required) return Error::Invalid(std::string(name) + " is required", pointer, "required");
    return std::string();
  }
  if (!body[name].is_string()) return Error::Invalid(std::string(name) + " must be a string", pointer);
  ASSIGN_OR_RETURN(std::string text, CleanText(body[name].get<std::string>(), lines, pointer));
  if (required && text.empty()) return Error::Invalid(std::string(name) + " is required", pointer, "required");
  if (Length(text) > max) {
    return Error::Invalid(std::string(name) + " is longer than " + std::to_string(max) + " characters", pointer,
                          "too_long");
  }
  return text;
}

}  // namespace

bool PlausibleEmail(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) return false;
  const auto dot = email.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 == email.size()) return false;
  for (unsigned char ch : email) {
    if (ch <= ' ' || ch == '<' || ch == '>' || ch == ',' || ch == ';') return false;
  }
  return true;
}

Result<SuggestionInput> ParseSuggestion(const json& body, const Places& places) {
  if (!body.is_object()) return Error::Invalid("send the suggestion as a JSON object", "");
  for (const auto& [key, value] : body.items()) {
    static const char* const kKnown[] = {"kind", "meeting_place", "name", "municipality", "message", "email", "lang"};
    bool known = false;
    for (const char* k : kKnown) known = known || key == k;
    if (!known) return Error::Invalid("unknown field " + key, "/" + key, "unknown_field");
  }
  SuggestionInput in;
  if (!body.contains("kind") || !body["kind"].is_string()) {
    return Error::Invalid("kind is required: missing or outdated", "/kind", "required");
  }
  in.kind = body["kind"].get<std::string>();
  if (in.kind != "missing" && in.kind != "outdated") {
    return Error::Invalid("kind must be missing or outdated", "/kind");
  }
  in.lang = body.value("lang", json("nb")).is_string() ? body.value("lang", std::string("nb")) : "";
  if (in.lang != "nb" && in.lang != "nn" && in.lang != "en")
    return Error::Invalid("lang must be nb, nn or en", "/lang");
  if (in.kind == "outdated") {
    if (!body.contains("meeting_place") || !body["meeting_place"].is_number_integer() ||
        body["meeting_place"].get<std::int64_t>() <= 0) {
      return Error::Invalid("meeting_place is required: the id of the meeting place that is out of date",
                            "/meeting_place", "required");
    }
    in.meeting_place_id = body["meeting_place"].get<std::int64_t>();
    if (body.contains("name") && !body["name"].is_null()) {
      return Error::Invalid("name is only for a missing meeting place", "/name");
    }
    if (body.contains("municipality") && !body["municipality"].is_null()) {
      return Error::Invalid("municipality is only for a missing meeting place", "/municipality");
    }
  } else {
    if (body.contains("meeting_place") && !body["meeting_place"].is_null()) {
      return Error::Invalid("meeting_place is only for facts that are out of date", "/meeting_place");
    }
    ASSIGN_OR_RETURN(in.name, TextField(body, "name", TextLines::kOne, kMaxName, true));
    if (!body.contains("municipality") || !body["municipality"].is_string() ||
        body["municipality"].get<std::string>().empty()) {
      return Error::Invalid("municipality is required: where the meeting place is", "/municipality", "required");
    }
    const Municipality* m = FindMunicipality(places, body["municipality"].get<std::string>());
    if (!m) return Error::Invalid("municipality is not a municipality of 2024", "/municipality", "unknown_place");
    in.municipality = m->number;
    in.county = m->county;
  }
  ASSIGN_OR_RETURN(in.message, TextField(body, "message", TextLines::kMany, kMaxMessage, true));
  ASSIGN_OR_RETURN(in.email, TextField(body, "email", TextLines::kOne, kMaxEmail, false));
  if (!in.email.empty() && !PlausibleEmail(in.email)) {
    return Error::Invalid("email is not an e-mail address", "/email", "invalid_email");
  }
  return in;
}

Result<std::string> ParseReason(const std::string& reason) {
  return TextField(json{{"reason", reason}}, "reason", TextLines::kMany, kMaxReason, true);
}

json ToJson(const Suggestion& s) {
  auto text_or_null = [](const std::string& t) { return t.empty() ? json() : json(t); };
  json j = {{"id", s.id},
            {"kind", s.input.kind},
            {"meeting_place", s.input.meeting_place_id ? json(s.input.meeting_place_id) : json()},
            {"name", text_or_null(s.input.name)},
            {"municipality", text_or_null(s.input.municipality)},
            {"county", text_or_null(s.input.county)},
            {"message", s.input.message},
            {"email", text_or_null(s.input.email)},
            {"lang", s.input.lang},
            {"status", s.status},
            {"reason", text_or_null(s.reason)},
            {"created_at", s.created_at},
            {"closed_at", text_or_null(s.closed_at)},
            {"closed_by", text_or_null(s.closed_by)},
            {"version", s.version}};
  return j;
}

}  // namespace moteplass::suggestions
