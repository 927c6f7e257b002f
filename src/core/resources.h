// Resources embedded in the binary at build time: reference data (data/), the profile schema,
// SQL migrations (src/store/*.sql), message catalogues and templates. Looked up by their path
// relative to the project root, e.g. Find("data/kommuner-2024.csv").
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace moteplass::resources {

struct Entry {
  std::string_view name;
  std::string_view content;
};

// Returns the content of the embedded file `name`, or nullopt when there is none.
std::optional<std::string_view> Find(std::string_view name);

// Returns the content of the embedded file `name`; the file must exist (programmer error if not).
std::string_view Get(std::string_view name);

// Returns every embedded entry whose name starts with `prefix`, sorted by name.
std::vector<Entry> List(std::string_view prefix);

namespace internal {
extern const Entry kEntries[];
extern const std::size_t kEntryCount;
}  // namespace internal

}  // namespace moteplass::resources
