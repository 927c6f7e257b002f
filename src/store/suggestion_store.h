// Suggestions from the public (core/suggestions/suggestion.h). Reached through
// Store::suggestions().
//
// What the journal gets (store/journal_store.h): a new suggestion adds one audit row
// "suggestion.create" (target type "suggestion", its id, by "" for a visitor) and no history;
// closing one adds a history entry to ("suggestion", id) with action "accept" or "reject" and the
// changes of /status (and /reason), and the audit row "suggestion.accept" or "suggestion.reject".
// The e-mail address never reaches the history or the audit log.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/suggestions/suggestion.h"
#include "store/write.h"

namespace moteplass {

class SuggestionStore {
 public:
  virtual ~SuggestionStore() = default;

  // Keeps a suggestion (already checked by suggestions::ParseSuggestion, its place filled in) as
  // "open", version 1, with the next id (one more than the largest). In the same write, erases the
  // e-mail of open suggestions older than suggestions::kEmailKeptDays. kInvalid (pointer
  // "/meeting_place") when an "outdated" suggestion names no meeting place the store has.
  virtual Result<suggestions::Suggestion> Create(const suggestions::SuggestionInput& input,
                                                 const WriteContext& ctx) = 0;
  // One suggestion; kNotFound when there is none.
  virtual Result<suggestions::Suggestion> Get(std::int64_t id) = 0;
  // Suggestions with `status` ("open", "accepted", "rejected"; "" for all), the newest first, at
  // most `limit`.
  virtual Result<std::vector<suggestions::Suggestion>> List(const std::string& status, int limit) = 0;
  // Closes an open suggestion as "accepted" or "rejected" (with `reason`), by ctx.by, erasing the
  // e-mail address, and returns it; kConflict when it is closed already or ctx.expected_version is
  // not its version (0: do not check), kNotFound when there is none.
  virtual Result<suggestions::Suggestion> Close(std::int64_t id, const std::string& status, const std::string& reason,
                                                const WriteContext& ctx) = 0;
};

}  // namespace moteplass

#include <chrono>

#include "core/clock.h"

namespace moteplass {

// The time before which an open suggestion's e-mail address is erased (now less
// suggestions::kEmailKeptDays), for both backends.
inline std::string SuggestionEmailCutoff() {
  return IsoTime(std::chrono::system_clock::now() - std::chrono::hours(24 * suggestions::kEmailKeptDays));
}

}  // namespace moteplass
