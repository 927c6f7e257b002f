#include "http/operations/ical.h"

namespace moteplass::http::operations {

std::string IcalEscape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '\\' || ch == ';' || ch == ',') {
      out += '\\';
      out += ch;
    } else if (ch == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (ch == '\n') {
      out += "\\n";
    } else {
      out += ch;
    }
  }
  return out;
}

std::string IcalLine(std::string_view line) {
  std::string out;
  std::size_t width = 0;  // octets on the current physical line
  std::size_t i = 0;
  while (i < line.size()) {
    // The whole UTF-8 character starting at i.
    std::size_t n = 1;
    const unsigned char lead = static_cast<unsigned char>(line[i]);
    if (lead >= 0xF0)
      n = 4;
    else if (lead >= 0xE0)
      n = 3;
    else if (lead >= 0xC0)
      n = 2;
    if (i + n > line.size()) n = line.size() - i;
    if (width + n > 75) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line.substr(i, n));
    width += n;
    i += n;
  }
  out += "\r\n";
  return out;
}

std::string IcalTime(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch != '-' && ch != ':') out += ch;
  }
  return out;
}

}  // namespace moteplass::http::operations
