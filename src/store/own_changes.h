// The records this process's own commits changed, remembered for the last commits, so that a
// result computed from the data at one data stamp (Store::DataStamp) can be brought up to date at
// a later one by redoing only what those records touch, instead of everything (the alerts of a
// national user, app/operations/alerts). Each backend's one write path adds every commit it
// counts, with the (entity type, entity id) of every record its body recorded (history, audit);
// commits are numbered 1, 2, ... in the order they were made.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace moteplass {

// A record a commit changed, named as in its history and audit rows ("membership", "12").
struct ChangedRecord {
  std::string entity_type;
  std::string entity_id;
  auto operator<=>(const ChangedRecord&) const = default;
};

// Reads a data stamp made of two counts, "A:B" (both backends' DataStamp); false when it is not.
bool ParseStampPair(const std::string& stamp, std::int64_t* a, std::int64_t* b);

class OwnChanges {
 public:
  // How many commits are remembered; a reader further behind computes everything again.
  static constexpr std::size_t kRemembered = 512;

  // Remembers commit number `commit` (the previous one plus one) and the records it changed.
  void Add(std::int64_t commit, const std::set<std::pair<std::string, std::string>>& changed);
  // The records the commits after `from` up to and including `to` changed (each once, sorted);
  // nullopt when one of them is no longer remembered or `to` has not been made.
  std::optional<std::vector<ChangedRecord>> Between(std::int64_t from, std::int64_t to) const;

 private:
  struct Commit {
    std::int64_t number = 0;
    std::vector<ChangedRecord> changed;
  };
  mutable std::mutex mutex_;
  std::deque<Commit> commits_;  // the newest last
};

}  // namespace moteplass
