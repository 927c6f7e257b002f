// Watches a store for changes committed by other processes by polling a change stamp
// (Store::ExternalChangeStamp) on a thread of its own, and reports each change. The default way a
// Store watches (Store::WatchExternalChanges); a backend that can be told about changes
// (PostgreSQL's LISTEN/NOTIFY) does better.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/error.h"

namespace moteplass {

// Called with the entity type and id of a changed record; ("*", "") when the backend cannot tell
// which records changed.
using ChangeCallback = std::function<void(const std::string& entity_type, const std::string& entity_id)>;

class ChangeWatcher {
 public:
  ChangeWatcher() = default;
  // Stops the thread (waits for it).
  ~ChangeWatcher();
  ChangeWatcher(const ChangeWatcher&) = delete;
  ChangeWatcher& operator=(const ChangeWatcher&) = delete;

  // Polls `stamp` every `interval` and calls `on_change("*", "")` whenever it differs from the
  // last value. Starting twice replaces nothing: the first call wins (kConflict).
  Status Start(std::function<Result<std::int64_t>()> stamp, ChangeCallback on_change,
               std::chrono::milliseconds interval);

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace moteplass
