// The addresses of the handbook's pages.
#pragma once

#include <cstdint>
#include <string>

namespace moteplass::http::handbook {

inline std::string HandbookPath() { return "/handbok"; }
inline std::string HandbookPagePath(const std::string& slug) { return HandbookPath() + "/" + slug; }
inline std::string HandbookEditPath(const std::string& slug) { return HandbookPagePath(slug) + "/endre"; }
inline std::string HandbookHistoryPath(const std::string& slug) { return HandbookPagePath(slug) + "/historikk"; }
inline std::string HandbookVersionPath(const std::string& slug, const std::string& version) {
  return HandbookPagePath(slug) + "/versjoner/" + version;
}
inline std::string HandbookVersionPath(const std::string& slug, std::int64_t version) {
  return HandbookVersionPath(slug, std::to_string(version));
}

}  // namespace moteplass::http::handbook
