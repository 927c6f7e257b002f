// A simple document as a tagged PDF, laid out with Pango and drawn with Cairo (Debian's
// libpango1.0 and libcairo2): headings, paragraphs, lists and tables, each marked with its
// structure tag (H1, H2, P, L/LI, Table/TR/TH/TD) so that a screen reader can follow the file,
// with the title in the document's metadata and the language in its catalog (/Lang). Kept outside
// the layers (src/pdf is its own small library) so that only this file sees Cairo and Pango; the
// annual report (http/operations/annual_report.cc) is its user.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace moteplass::pdf {

// `document`: {"title", "lang": "nb"|"nn"|"en", "author", "blocks": [block, ...]}, a block being
//   {"type": "h1"|"h2"|"p", "text"}, {"type": "list", "items": [text, ...]} or
//   {"type": "table", "caption", "head": [text, ...], "rows": [[text, ...], ...]}.
// Returns the PDF's bytes (A4, pages broken between lines and table rows); "" when Cairo fails.
std::string Render(const nlohmann::json& document);

}  // namespace moteplass::pdf
