#include "http/analysis/chart.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

namespace moteplass::http::analysis {
namespace {

namespace an = moteplass::analysis;

constexpr int kWidth = 320;  // the viewBox's width
constexpr int kLeft = 4;
constexpr int kBarRoom = 240;  // the longest bar; the value is written after it
constexpr int kBar = 16;
constexpr int kLine = 19;
constexpr std::size_t kLabelChars = 38;  // a line of 15-unit text in 312 units

// Text is 14 and 15 units, about 12.5 px where the chart is 273 px wide (a 320 px screen).
// Colours with at least 3:1 against white, told apart by pattern too.
constexpr const char* kColours[] = {"#1e5aa8", "#b3471d", "#2f7d32", "#6a3d9a", "#8a6d00", "#00707a"};
constexpr int kPatterns = 5;  // solid, diagonal, dots, cross-hatch, horizontal lines

std::string Xml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// `text` in lines of at most about `max` characters (UTF-8 continuation bytes not counted).
std::vector<std::string> Wrap(const std::string& text, std::size_t max) {
  std::vector<std::string> lines;
  std::string line, word;
  auto width = [](const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
    return n;
  };
  std::istringstream in(text);
  while (in >> word) {
    if (!line.empty() && width(line) + 1 + width(word) > max) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) lines.push_back(line);
  if (lines.empty()) lines.push_back("");
  return lines;
}

std::string Pattern(const std::string& id, int k) {
  const std::string colour = kColours[k % 6];
  const int style = k % kPatterns;
  std::ostringstream p;
  p << "<pattern id=\"" << id << "-p" << k << "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
    << "<rect width=\"6\" height=\"6\" fill=\"" << (style == 0 ? colour : "#ffffff") << "\"/>";
  if (style == 1) p << "<path d=\"M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2\" stroke=\"" << colour << "\" stroke-width=\"2\"/>";
  if (style == 2) p << "<circle cx=\"3\" cy=\"3\" r=\"1.8\" fill=\"" << colour << "\"/>";
  if (style == 3) p << "<path d=\"M0,0 l6,6 M6,0 l-6,6\" stroke=\"" << colour << "\" stroke-width=\"1.5\"/>";
  if (style == 4) p << "<path d=\"M0,1.5 h6 M0,4.5 h6\" stroke=\"" << colour << "\" stroke-width=\"1.5\"/>";
  p << "</pattern>";
  return p.str();
}

}  // namespace

bool Shares(const an::Dataset& d) { return d.name == "composition" || d.name == "perceived_vs_real"; }

std::string CellText(const an::Dataset& d, std::size_t i) {
  if (d.suppressed[i]) return ":";
  if (!d.values[i]) return "\u2013";
  const double v = *d.values[i];
  if (Shares(d)) return std::to_string(static_cast<int>(std::floor(v * 100 + 0.5))) + " %";
  if (std::floor(v) == v) return std::to_string(static_cast<long long>(v));
  std::ostringstream out;
  out << std::round(v * 10000.0) / 10000.0;
  return out.str();
}

std::string ChartSvg(const an::Dataset& d, Lang lang, const std::string& id) {
  if (d.dimensions.empty()) return "";
  const an::Dimension& rows = d.dimensions.front();
  const bool two = d.dimensions.size() == 2;
  const std::size_t width = two ? d.dimensions[1].categories.size() : 1;
  double max = 0;
  for (std::size_t i = 0; i < d.values.size(); ++i) {
    if (!d.suppressed[i] && d.values[i]) max = std::max(max, *d.values[i]);
  }
  if (Shares(d)) max = 1;
  std::ostringstream body;
  int y = 4;
  // The key: a swatch and the label of each series.
  if (two) {
    body << "<g><text x=\"" << kLeft << "\" y=\"" << y + 14
         << "\" font-size=\"15\" font-weight=\"bold\" fill=\"#1a1a1a\">" << Xml(Msg("analysis.chart.legend", lang))
         << ": " << Xml(Msg("analysis.dim." + d.dimensions[1].id, lang)) << "</text></g>\n";
    y += kLine + 2;
    for (std::size_t k = 0; k < width; ++k) {
      const auto lines = Wrap(an::CategoryLabel(d.dimensions[1], d.dimensions[1].categories[k], lang), kLabelChars - 4);
      body << "<rect x=\"" << kLeft << "\" y=\"" << y + 1 << "\" width=\"16\" height=\"14\" fill=\"url(#" << id << "-p"
           << k << ")\" stroke=\"#1a1a1a\" stroke-width=\"0.75\"/>";
      for (const std::string& l : lines) {
        body << "<text x=\"" << kLeft + 22 << "\" y=\"" << y + 13 << "\" font-size=\"14\" fill=\"#1a1a1a\">" << Xml(l)
             << "</text>";
        y += kLine - 2;
      }
      body << "\n";
      y += 2;
    }
    y += 6;
  }
  int shown = 0;
  for (std::size_t r = 0; r < rows.categories.size(); ++r) {
    bool any = false;
    for (std::size_t k = 0; k < width; ++k) {
      const std::size_t i = r * width + k;
      any = any || d.suppressed[i] || (d.values[i] && *d.values[i] != 0);
    }
    if (!any) continue;
    ++shown;
    body << "<g class=\"mp-chart-row\">";
    for (const std::string& l : Wrap(an::CategoryLabel(rows, rows.categories[r], lang), kLabelChars)) {
      body << "<text x=\"" << kLeft << "\" y=\"" << y + 15
           << "\" font-size=\"15\" font-weight=\"bold\" fill=\"#1a1a1a\">" << Xml(l) << "</text>";
      y += kLine;
    }
    for (std::size_t k = 0; k < width; ++k) {
      const std::size_t i = r * width + k;
      if (!d.suppressed[i] && (!d.values[i] || *d.values[i] == 0)) continue;
      const double v = d.suppressed[i] ? 0 : *d.values[i];
      const int length = max > 0 ? static_cast<int>(std::lround(v / max * kBarRoom)) : 0;
      if (length > 0) {
        body << "<rect x=\"" << kLeft << "\" y=\"" << y << "\" width=\"" << length << "\" height=\"" << kBar
             << "\" fill=\"url(#" << id << "-p" << k << ")\" stroke=\"#1a1a1a\" stroke-width=\"0.75\"/>";
      }
      body << "<text class=\"mp-chart-value\" data-cell=\"" << i << "\" x=\"" << kLeft + length + 4 << "\" y=\""
           << y + 13 << "\" font-size=\"14\" fill=\"#1a1a1a\">" << Xml(CellText(d, i)) << "</text>";
      y += kBar + 4;
    }
    body << "</g>\n";
    y += 6;
  }
  if (shown == 0) {
    body << "<text x=\"" << kLeft << "\" y=\"" << y + 13 << "\" font-size=\"15\" fill=\"#1a1a1a\">"
         << Xml(Msg("analysis.chart.empty", lang)) << "</text>\n";
    y += kLine + 4;
  }
  std::ostringstream svg;
  const std::string title = Msg("analysis.title." + d.name, lang);
  const std::string desc = Msg(
      "analysis.chart.desc", lang,
      {{"rows", std::to_string(shown)},
       {"row_dim", Msg("analysis.dim." + rows.id, lang)},
       {"col_dim", two ? Msg("analysis.dim." + d.dimensions[1].id, lang) : Msg("analysis.page.value", lang)}});
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mp-chart\" role=\"img\" aria-labelledby=\"" << id
      << "-title " << id << "-desc\" viewBox=\"0 0 " << kWidth << " " << y << "\" width=\"100%\" "
      << "preserveAspectRatio=\"xMinYMin meet\">\n"
      << "<title id=\"" << id << "-title\">" << Xml(title) << "</title>\n"
      << "<desc id=\"" << id << "-desc\">" << Xml(desc) << "</desc>\n<defs>";
  for (std::size_t k = 0; k < width; ++k) svg << Pattern(id, static_cast<int>(k));
  svg << "</defs>\n" << body.str() << "</svg>";
  return svg.str();
}

}  // namespace moteplass::http::analysis
