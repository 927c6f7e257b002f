// The use cases of interview guides (contracts/studies.md, "Guides"): list, read a version,
// export as XLSForm and import one. The two built-in guides (core/studies/guide.h) are version 1
// of their ids until a version is stored: they are read from the binary, so that a fresh
// database holds no rows for them (and `moteplass copy` still sees it as empty); importing one of
// them stores version 1 first.
//
// Guides are reference material of the report's method: anyone may read them, as the report
// itself. Importing one is for the command line (the operator of the machine).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/services.h"
#include "store/studies.h"

namespace moteplass::app {

// The latest version of every guide, by id.
Result<std::vector<GuideVersion>> ListGuides(Services& s);
// One version of a guide (0: the latest); kNotFound when there is none.
Result<GuideVersion> GetGuide(Services& s, const std::string& id, std::int64_t version);
// Guide documents by (id, version), each read once (0: the latest): the `guide_of` lookup that
// core/studies takes (studies::GuideOf). nullptr for a guide or version that does not exist.
// Pass it as std::ref(lookup), so that what it has read outlives each call.
class GuideDocuments {
 public:
  explicit GuideDocuments(Services& s) : s_(s) {}
  const nlohmann::json* operator()(const std::string& id, std::int64_t version);

 private:
  Services& s_;
  std::map<std::pair<std::string, std::int64_t>, nlohmann::json> read_;
};
// The guide as the API shows it: the document with "version", "question_count" and links.
nlohmann::json GuideView(const GuideVersion& g);
// {"id", "title", "version", "question_count"}: one line of `guide list`.
nlohmann::json GuideSummary(const GuideVersion& g);

// The XLSForm workbook (.xlsx bytes) of one version of a guide (0: the latest).
Result<std::string> ExportGuideXlsForm(Services& s, const std::string& id, std::int64_t version);

// Reads an XLSForm workbook into a guide and stores it as the guide's next version, unless it is
// identical to the latest (then nothing is written). kInvalid naming the sheet, row and column.
struct ImportedGuide {
  GuideVersion guide;
  bool created = false;
};
Result<ImportedGuide> ImportGuideXlsForm(Services& s, const Principal& who, std::string_view bytes);

}  // namespace moteplass::app
