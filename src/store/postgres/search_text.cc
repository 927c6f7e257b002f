#include "store/postgres/search_text.h"

#include <algorithm>
#include <map>
#include <vector>

#include "core/norwegian.h"

namespace moteplass::postgres {
namespace {

// PostgreSQL's limits on a tsvector (tsearch/ts_type.h): MAXSTRLEN, MAXNUMPOS, MAXENTRYPOS - 1,
// and, with room to spare, MAXSTRPOS (the bytes of all lexemes together).
constexpr std::size_t kMaxStemBytes = 2047;
constexpr std::size_t kMaxPositions = 256;
constexpr int kMaxPosition = 16383;
constexpr std::size_t kMaxLexemeBytes = 1000000;

// `stem`, cut to kMaxStemBytes without splitting a UTF-8 character.
std::string Cut(std::string stem) {
  if (stem.size() <= kMaxStemBytes) return stem;
  std::size_t end = kMaxStemBytes;
  while (end > 0 && (static_cast<unsigned char>(stem[end]) & 0xC0) == 0x80) --end;
  stem.resize(end);
  return stem;
}

// A lexeme in quotes, as tsvector and tsquery input read it: quotes and backslashes doubled.
void AppendQuoted(std::string& out, std::string_view lexeme) {
  out += '\'';
  for (char ch : lexeme) {
    if (ch == '\'' || ch == '\\') out += ch;
    out += ch;
  }
  out += '\'';
}

}  // namespace

std::string SearchVector(std::string_view name, std::string_view description) {
  std::map<std::string, std::vector<std::string>> positions;  // lexeme -> "1A", "7D", ...
  std::size_t lexeme_bytes = 0;
  int position = 0;
  auto add = [&](std::string_view text, char weight) {
    for (std::string& stem : NorwegianStems(text)) {
      position = std::min(position + 1, kMaxPosition);
      std::string lexeme = Cut(std::move(stem));
      if (lexeme.empty()) continue;
      auto it = positions.find(lexeme);
      if (it == positions.end()) {
        if (lexeme_bytes + lexeme.size() > kMaxLexemeBytes) continue;
        lexeme_bytes += lexeme.size();
        it = positions.emplace(std::move(lexeme), std::vector<std::string>{}).first;
      }
      std::string at = std::to_string(position) + weight;
      if (it->second.size() < kMaxPositions && (it->second.empty() || it->second.back() != at)) {
        it->second.push_back(std::move(at));
      }
    }
  };
  add(name, 'A');
  add(description, 'D');
  std::string out;
  for (const auto& [lexeme, at] : positions) {
    if (!out.empty()) out += ' ';
    AppendQuoted(out, lexeme);
    for (std::size_t i = 0; i < at.size(); ++i) {
      out += i == 0 ? ':' : ',';
      out += at[i];
    }
  }
  return out;
}

std::string SearchQuery(std::string_view text) {
  std::vector<std::string> stems;
  for (std::string& stem : NorwegianStems(text)) {
    std::string lexeme = Cut(std::move(stem));
    if (!lexeme.empty()) stems.push_back(std::move(lexeme));
  }
  std::string out;
  for (std::size_t i = 0; i < stems.size(); ++i) {
    if (i > 0) out += " & ";
    AppendQuoted(out, stems[i]);
    if (i + 1 == stems.size()) out += ":*";
  }
  return out;
}

}  // namespace moteplass::postgres
