#include "cli/classify_command.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "core/typology/typology.h"

namespace moteplass::cli {

int RunClassifyCommand(const std::string& file, const std::string& format, std::istream& in, std::ostream& out,
                       std::ostream& err, const std::string& lang_code) {
  Lang lang = Lang::kNb;
  if (format != "json" && format != "text") {
    err << "moteplass classify: --format: expected json or text, got \"" << format << "\"\n";
    return 2;
  }
  if (!ParseLang(lang_code, &lang)) {
    err << "moteplass classify: --lang: expected nb, nn or en, got \"" << lang_code << "\"\n";
    return 2;
  }
  std::stringstream text;
  if (file == "-") {
    text << in.rdbuf();
  } else {
    std::ifstream f(file, std::ios::binary);
    if (!f) {
      err << "moteplass classify: cannot read " << file << "\n";
      return 1;
    }
    text << f.rdbuf();
  }
  auto document = ParseJsonText(text.str(), file == "-" ? "standard input" : file);
  if (!document.ok()) {
    err << "moteplass classify: " << document.error().message << "\n";
    return 2;
  }
  auto results = ClassifyDocument(*document);
  if (!results.ok()) {
    err << "moteplass classify: " << results.error().message << "\n";
    return 2;
  }
  if (format == "text") {
    out << ClassificationText(*results, lang);
  } else {
    out << results->dump(2) << "\n";
  }
  return out.good() ? 0 : 1;
}

}  // namespace moteplass::cli
