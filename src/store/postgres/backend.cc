#include "store/postgres/backend.h"

namespace moteplass::postgres {

std::string NumberParameters(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;  // the quote we are inside, or 0
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char ch = sql[i];
    if (quote != 0) {
      if (ch == quote) quote = 0;  // a doubled quote closes and opens again: same result
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
    } else if (ch == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const std::size_t end = sql.find('\n', i);
      const std::size_t stop = end == std::string_view::npos ? sql.size() : end;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
      continue;
    } else if (ch == '?') {
      out += '$';
      out += std::to_string(next++);
      continue;
    }
    out += ch;
  }
  return out;
}

}  // namespace moteplass::postgres
