#include "store/own_changes.h"

#include <algorithm>
#include <charconv>

namespace moteplass {

bool ParseStampPair(const std::string& stamp, std::int64_t* a, std::int64_t* b) {
  const auto colon = stamp.find(':');
  if (colon == std::string::npos) return false;
  const char* end = stamp.data() + stamp.size();
  auto first = std::from_chars(stamp.data(), stamp.data() + colon, *a);
  auto second = std::from_chars(stamp.data() + colon + 1, end, *b);
  return first.ec == std::errc() && first.ptr == stamp.data() + colon && second.ec == std::errc() && second.ptr == end;
}

void OwnChanges::Add(std::int64_t commit, const std::set<std::pair<std::string, std::string>>& changed) {
  Commit c{commit, {}};
  c.changed.reserve(changed.size());
  for (const auto& [type, id] : changed) c.changed.push_back({type, id});
  std::lock_guard lock(mutex_);
  // A number out of order would make Between() wrong: forget everything before it.
  if (!commits_.empty() && commits_.back().number + 1 != commit) commits_.clear();
  commits_.push_back(std::move(c));
  while (commits_.size() > kRemembered) commits_.pop_front();
}

std::optional<std::vector<ChangedRecord>> OwnChanges::Between(std::int64_t from, std::int64_t to) const {
  if (to < from) return std::nullopt;
  std::vector<ChangedRecord> out;
  if (to == from) return out;
  std::lock_guard lock(mutex_);
  if (commits_.empty() || commits_.front().number > from + 1 || commits_.back().number < to) return std::nullopt;
  for (const Commit& c : commits_) {
    if (c.number <= from || c.number > to) continue;
    out.insert(out.end(), c.changed.begin(), c.changed.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace moteplass
