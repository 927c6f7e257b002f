#include "core/studies/coding.h"

#include <set>

#include "core/operations/fields.h"
#include "core/resources.h"
#include "core/status_macros.h"

namespace moteplass::studies {
namespace {

using nlohmann::json;

bool IsSlug(const json& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.get_ref<const std::string&>();
  if (s.empty() || s.size() > 64) return false;
  for (char ch : s) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
  }
  return true;
}

bool IsContinuation(unsigned char ch) { return (ch & 0xC0) == 0x80; }

// The byte offset of code point `n` (the text's size when past its end).
std::size_t ByteOf(std::string_view utf8, std::int64_t n) {
  std::int64_t seen = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if (IsContinuation(static_cast<unsigned char>(utf8[i]))) continue;
    if (seen == n) return i;
    ++seen;
  }
  return utf8.size();
}

Result<json> Labels(const json& body, const std::string& key, const std::string& at, bool required, std::size_t max) {
  if (!body.contains(key) || body[key].is_null()) {
    if (required) return Error::Invalid("is required: a text in bokmål, nynorsk and English", at + "/" + key);
    return json();
  }
  const json& v = body[key];
  if (v.is_string() && !required) return ops::TextField(body, key, at, false, TextLines::kMany, max);
  if (!v.is_object()) return Error::Invalid("must be {\"nb\", \"nn\", \"en\"}", at + "/" + key);
  RETURN_IF_ERROR(ops::CheckObject(v, at + "/" + key, {"nb", "nn", "en"}));
  json out = json::object();
  for (const char* lang : {"nb", "nn", "en"}) {
    ASSIGN_OR_RETURN(out[lang],
                     ops::TextField(v, lang, at + "/" + key, true, required ? TextLines::kOne : TextLines::kMany, max));
  }
  return out;
}

}  // namespace

Result<json> ParseCodebook(const json& body) {
  if (!body.is_object()) return Error::Invalid("must be an object with the list \"codes\"", "/");
  if (!body.contains("codes") || !body["codes"].is_array()) return Error::Invalid("must be a list of codes", "/codes");
  const json& codes = body["codes"];
  if (codes.size() > 1000) return Error::Invalid("at most 1000 codes", "/codes");
  json out = json::array();
  std::set<std::string> seen;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const std::string at = "/codes/" + std::to_string(i);
    const json& c = codes[i];
    RETURN_IF_ERROR(ops::CheckObject(c, at, {"id", "name", "group", "description"}));
    if (!IsSlug(c.value("id", json()))) {
      return Error::Invalid("is required: small letters a-z, digits and _, at most 64", at + "/id");
    }
    if (!seen.insert(c["id"].get<std::string>()).second) return Error::Invalid("is given twice", at + "/id");
    json code = {{"id", c["id"]}};
    ASSIGN_OR_RETURN(code["name"], Labels(c, "name", at, true, 200));
    const json group = c.value("group", json());
    if (!group.is_null() && !IsSlug(group)) {
      return Error::Invalid("must be null or small letters a-z, digits and _, at most 64", at + "/group");
    }
    code["group"] = group;
    ASSIGN_OR_RETURN(code["description"], Labels(c, "description", at, false, 2000));
    out.push_back(code);
  }
  return out;
}

const json& DefaultCodebook() {
  static const json codes = json::parse(resources::Get("data/codebooks/default.json"))["codes"];
  return codes;
}

const json* FindCode(const json& codes, std::string_view id) {
  for (const json& c : codes) {
    if (c["id"].get_ref<const std::string&>() == id) return &c;
  }
  return nullptr;
}

std::int64_t CodePoints(std::string_view utf8) {
  std::int64_t n = 0;
  for (char ch : utf8) n += IsContinuation(static_cast<unsigned char>(ch)) ? 0 : 1;
  return n;
}

std::string Slice(std::string_view utf8, std::int64_t start, std::int64_t end) {
  if (end <= start) return "";
  const std::size_t from = ByteOf(utf8, start);
  const std::size_t to = ByteOf(utf8, end);
  return std::string(utf8.substr(from, to - from));
}

std::vector<Word> Words(std::string_view utf8) {
  std::vector<Word> out;
  std::int64_t point = 0;
  Word current;
  bool in_word = false;
  for (std::size_t i = 0; i < utf8.size();) {
    const unsigned char ch = static_cast<unsigned char>(utf8[i]);
    std::size_t len = ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
    len = std::min(len, utf8.size() - i);
    const std::string_view cp = utf8.substr(i, len);
    const bool space = cp == " " || cp == "\t" || cp == "\n" || cp == "\r" || cp == "\xC2\xA0";
    if (space && in_word) {
      current.end = point;
      out.push_back(current);
      in_word = false;
    } else if (!space) {
      if (!in_word) current = Word{point, point, ""};
      in_word = true;
      current.text += cp;
    }
    i += len;
    ++point;
  }
  if (in_word) {
    current.end = point;
    out.push_back(current);
  }
  return out;
}

std::optional<std::pair<std::int64_t, std::int64_t>> Locate(std::string_view text, std::string_view quote, int* count) {
  if (count != nullptr) *count = 0;
  if (quote.empty()) return std::nullopt;
  std::optional<std::pair<std::int64_t, std::int64_t>> first;
  for (std::size_t at = text.find(quote); at != std::string_view::npos; at = text.find(quote, at + 1)) {
    // A match must start and end on code-point boundaries (it does in valid UTF-8).
    if (!first) {
      const std::int64_t start = CodePoints(text.substr(0, at));
      first = std::make_pair(start, start + CodePoints(quote));
    }
    if (count != nullptr) ++*count;
  }
  return first;
}

Result<json> ParseCoding(const json& body) {
  RETURN_IF_ERROR(ops::CheckObject(body, "",
                                   {"interview", "question", "start", "end", "code", "memo", "id", "answer_revision",
                                    "coder", "created_at", "updated_at", "stale", "version", "links", "passage"}));
  json out = json::object();
  ASSIGN_OR_RETURN(out["interview"], ops::IntField(body, "interview", "", 1, std::int64_t{1} << 53, true));
  if (!body.contains("question") || !body["question"].is_string()) {
    return Error::Invalid("is required: the name of the answered question", "/question");
  }
  out["question"] = body["question"];
  ASSIGN_OR_RETURN(out["start"], ops::IntField(body, "start", "", 0, std::int64_t{1} << 40, false));
  ASSIGN_OR_RETURN(out["end"], ops::IntField(body, "end", "", 1, std::int64_t{1} << 40, false));
  if (out["start"].is_null() != out["end"].is_null()) {
    return Error::Invalid("start and end are both given, or both null for the whole answer",
                          out["start"].is_null() ? "/start" : "/end");
  }
  if (!out["start"].is_null() && out["end"].get<std::int64_t>() <= out["start"].get<std::int64_t>()) {
    return Error::Invalid("must be after start (end is exclusive)", "/end");
  }
  if (!IsSlug(body.value("code", json()))) return Error::Invalid("is required: the id of a code", "/code");
  out["code"] = body["code"];
  ASSIGN_OR_RETURN(out["memo"], ops::TextField(body, "memo", "", false, TextLines::kMany, 20000));
  return out;
}

Status CheckCoding(const json& coding, const json& answer, const json& codes) {
  if (!answer.is_object()) {
    return Error::Invalid("the interview has no answer to " + coding["question"].get<std::string>(), "/question");
  }
  if (FindCode(codes, coding["code"].get<std::string>()) == nullptr) {
    return Error::Invalid("the study's codebook has no code " + coding["code"].get<std::string>(), "/code");
  }
  if (coding["start"].is_null()) return {};
  const json& text = answer["text"];
  if (!text.is_string()) return Error::Invalid("the answer has no text to mark: code it whole (null)", "/start");
  const std::int64_t length = CodePoints(text.get<std::string>());
  if (coding["start"].get<std::int64_t>() >= length) {
    return Error::Invalid("lies outside the answer's text of " + std::to_string(length) + " characters", "/start");
  }
  if (coding["end"].get<std::int64_t>() > length) {
    return Error::Invalid("lies outside the answer's text of " + std::to_string(length) + " characters", "/end");
  }
  return {};
}

bool IsStale(const json& coding, const json& answer) {
  if (!answer.is_object()) return true;
  return answer.value("revision", std::int64_t{1}) != coding.value("answer_revision", std::int64_t{1});
}

}  // namespace moteplass::studies
