#include "store/postgres/search_text.h"

#include <algorithm>
#include <map>
#include <vector>

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
  search::Document doc;
  doc.name = search::TextTerms(name);
  doc.body = search::TextTerms(description);
  return SearchVector(doc);
}

std::string SearchVector(const search::Document& doc) {
  std::map<std::string, std::vector<std::string>> positions;  // lexeme -> "1A", "7D", ...
  std::size_t lexeme_bytes = 0;
  int position = 0;
  auto add = [&](const std::vector<std::string>& terms, char weight) {
    for (std::string stem : terms) {
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
  add(doc.name, 'A');
  add(doc.tags, 'B');
  add(doc.body, 'D');
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

std::string SearchQuery(const search::Query& query) {
  std::string out;
  for (const search::Group& group : query) {
    std::string alternatives;
    std::size_t count = 0;
    for (const search::Conjunction& conjunction : group) {
      std::string terms;
      std::size_t n = 0;
      for (const search::Term& term : conjunction) {
        const std::string lexeme = Cut(term.text);
        if (lexeme.empty()) continue;
        if (n++ > 0) terms += " & ";
        AppendQuoted(terms, lexeme);
        if (term.prefix || term.name_only) terms += ':';
        if (term.prefix) terms += '*';
        if (term.name_only) terms += 'A';  // the name's weight
      }
      if (n == 0) continue;
      if (count++ > 0) alternatives += " | ";
      alternatives += n > 1 ? "(" + terms + ")" : terms;
    }
    if (count == 0) continue;
    if (!out.empty()) out += " & ";
    out += count > 1 ? "(" + alternatives + ")" : alternatives;
  }
  return out;
}

}  // namespace moteplass::postgres
