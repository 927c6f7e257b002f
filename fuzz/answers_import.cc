// Fuzzes the answer import (`moteplass study import-answers`): a KoboToolbox or ODK Central CSV,
// a Kobo .xlsx or an ODK .zip read into a table (app::ReadAnswerFile: the zip and XML readers
// with their limits against a zip bomb), then its rows read against the built-in guides
// (studies::ReadSubmissions, every bad row's error collected). Input: the file's bytes.
#include "core/studies/answers_import.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "app/studies/import.h"
#include "core/studies/guide.h"

using namespace moteplass;

namespace {

const nlohmann::json* GuideOf(const std::string& id, std::int64_t version) {
  static const std::map<std::string, nlohmann::json> guides = [] {
    std::map<std::string, nlohmann::json> out;
    for (const char* name : {"participant-2007", "imdi-regional-2007"}) {
      auto guide = studies::BuiltInGuide(name);
      if (guide.ok()) out.emplace(name, std::move(*guide));
    }
    return out;
  }();
  auto it = guides.find(id);
  return it != guides.end() && version == 1 ? &it->second : nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto table = app::ReadAnswerFile(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!table.ok()) return 0;
  studies::RowErrors errors;
  auto submissions = studies::ReadSubmissions(*table, GuideOf, &errors);
  if (submissions.ok()) (void)studies::RowErrorsText(errors);
  return 0;
}
