#include "core/resources.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <cstdlib>

namespace moteplass::resources {

std::optional<std::string_view> Find(std::string_view name) {
  for (std::size_t i = 0; i < internal::kEntryCount; ++i) {
    if (internal::kEntries[i].name == name) return internal::kEntries[i].content;
  }
  return std::nullopt;
}

std::string_view Get(std::string_view name) {
  auto found = Find(name);
  if (!found) {
    std::fprintf(stderr, "moteplass: embedded resource missing: %.*s\n", static_cast<int>(name.size()), name.data());
    std::abort();
  }
  return *found;
}

std::vector<Entry> List(std::string_view prefix) {
  std::vector<Entry> out;
  for (std::size_t i = 0; i < internal::kEntryCount; ++i) {
    if (internal::kEntries[i].name.starts_with(prefix)) out.push_back(internal::kEntries[i]);
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return out;
}

}  // namespace moteplass::resources
