// The codebook and the coding of answers (contracts/studies.md, "Codebook" and "Coding").
//
// A code is {"id", "name": {"nb","nn","en"}, "group", "description"}. Codes of one group exclude
// each other: they are positions on one matter (heard / not heard), so informants of one meeting
// place whose answers carry different codes of a group disagree (core/studies/matrix.h). The
// default codebook (data/codebooks/default.json) holds the report's common traits (chapter 4)
// and the typology's criteria, met or missing.
//
// A coding marks a passage of one answer's text with a code: offsets counted in Unicode code
// points (not bytes, not UTF-16 units), end exclusive; both null for the whole answer (a closed
// answer has no text to mark). It remembers the answer's revision; when the text is edited (the
// revision rises) the coding is stale until a person confirms or moves it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace moteplass::studies {

// The codes of a PUT body {"codes": [...]} (other keys of a GET's answer are ignored): ids
// unique slugs ([a-z0-9_], at most 64), names in the three languages, group a slug or null,
// description a text, a {"nb","nn","en"} object or null.
Result<nlohmann::json> ParseCodebook(const nlohmann::json& body);

// The built-in codebook's codes.
const nlohmann::json& DefaultCodebook();

// The code `id` of `codes`, or null.
const nlohmann::json* FindCode(const nlohmann::json& codes, std::string_view id);

// The number of code points of a UTF-8 text.
std::int64_t CodePoints(std::string_view utf8);
// The code points [start, end) of a UTF-8 text (clamped to it).
std::string Slice(std::string_view utf8, std::int64_t start, std::int64_t end);

// A word of a text (split at white space), with its code-point offsets.
struct Word {
  std::int64_t start = 0;
  std::int64_t end = 0;
  std::string text;
};
std::vector<Word> Words(std::string_view utf8);
// Where `quote` first occurs in `text` as code-point offsets [start, end); nullopt when it does
// not. `count` (when given) gets how many times it occurs.
std::optional<std::pair<std::int64_t, std::int64_t>> Locate(std::string_view text, std::string_view quote,
                                                            int* count = nullptr);

// The shape of a coding body: {"interview", "question", "start", "end", "code", "memo"} (the
// server's fields "id", "answer_revision", "coder", "created_at", "stale", "version", "links"
// are ignored). start and end are both numbers or both null.
Result<nlohmann::json> ParseCoding(const nlohmann::json& body);

// Checks a parsed coding against the answer it marks (null when the interview has no answer to
// the question: pointer /question) and the codebook (pointer /code): the passage must lie in the
// answer's text (pointers /start and /end), and an answer without text is coded whole.
Status CheckCoding(const nlohmann::json& coding, const nlohmann::json& answer, const nlohmann::json& codes);

// Whether a coding no longer fits its answer: the answer is gone, or its revision has risen.
bool IsStale(const nlohmann::json& coding, const nlohmann::json& answer);

}  // namespace moteplass::studies
