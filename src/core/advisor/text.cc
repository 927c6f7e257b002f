// The advice as text for people (`moteplass advise --format text`).
#include <cmath>
#include <regex>
#include <sstream>

#include "core/advisor/advisor.h"
#include "core/typology/typology.h"

namespace moteplass::advisor {

std::string AdviceKindLabel(std::string_view kind, std::string_view subtype, Lang lang) {
  std::string label = KindLabel(kind, lang);
  if (!subtype.empty()) label += ", " + Msg("typology.subtype." + std::string(subtype), lang);
  return label;
}

std::string SourceLabel(const std::string& source, Lang lang) {
  static const std::regex re(R"(^report ch\. ([0-9]+), pp?\. ([0-9]+)(-([0-9]+))?$)");
  std::smatch m;
  if (!std::regex_match(source, m, re)) return source;
  const std::string pages = m[3].matched ? m[2].str() + "\u2013" + m[4].str() : m[2].str();
  return Msg(m[3].matched ? "advisor.page.source_pages" : "advisor.page.source_page", lang,
             {{"chapter", m[1].str()}, {"pages", pages}});
}

std::string AdviceText(const nlohmann::json& advice, Lang lang) {
  const std::string text = "text_" + std::string(LangCode(lang));
  auto subtype = [](const nlohmann::json& j) {
    return j["subtype"].is_string() ? j["subtype"].get<std::string>() : "";
  };
  std::ostringstream out;
  out << Msg("advisor.text.ranking", lang) << "\n";
  int n = 0;
  for (const auto& r : advice["ranking"]) {
    const auto score = static_cast<int>(std::lround(r["score"].get<double>() * 100));
    out << ++n << ". " << AdviceKindLabel(r["kind"].get<std::string>(), subtype(r), lang) << " ("
        << Msg("advisor.text.score", lang, {{"n", std::to_string(score)}}) << ")\n";
    for (const auto& reason : r["reasons"]) {
      out << "   " << (reason["supports"].get<bool>() ? "+ " : "- ") << reason[text].get<std::string>() << " ["
          << SourceLabel(reason["source"].get<std::string>(), lang) << "]\n";
    }
    for (const auto& risk : r["risks"]) {
      out << "   ! " << risk[text].get<std::string>() << " [" << SourceLabel(risk["source"].get<std::string>(), lang)
          << "]\n";
    }
    if (!r["examples"].empty()) {
      out << "   " << Msg("advisor.text.examples", lang) << ":";
      bool first = true;
      for (const auto& e : r["examples"]) {
        out << (first ? " " : "; ") << e["name"].get<std::string>() << " (" << e["id"].get<std::int64_t>() << ")";
        first = false;
      }
      out << "\n";
    }
  }
  if (!advice["complements"].empty()) {
    out << "\n" << Msg("advisor.text.complements", lang) << "\n";
    for (const auto& c : advice["complements"]) {
      out << "- " << AdviceKindLabel(c["kind"].get<std::string>(), subtype(c), lang) << ": "
          << c[text].get<std::string>() << "\n";
    }
  }
  out << "\n" << Msg("advisor.text.checklist", lang) << "\n";
  for (const auto& step : advice["checklist"]) {
    out << "[ ] " << step[text].get<std::string>() << " [" << SourceLabel(step["source"].get<std::string>(), lang)
        << "]\n";
  }
  return out.str();
}

}  // namespace moteplass::advisor
