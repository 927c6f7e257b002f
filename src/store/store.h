// The one door to persistence: a Store hands out one interface per capability
// (meeting_places(), places(), accounts(), journal()) and offers what concerns the whole
// database (backup, the change stamp). Core types in, core types out; nothing about SQL leaks
// past it, so that each backend implements the same interfaces and runs the same typed test
// suites (store/contract/). SqliteStore (store/sqlite/sqlite_store.h) is the default.
//
// Every method of every interface is safe to call from several threads at once. Writes are
// durable when the method returns (an acknowledged write survives a crash), and each write
// records its history and audit rows in its own transaction (store/write.h).
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"
#include "store/account_store.h"
#include "store/journal_store.h"
#include "store/meeting_place_store.h"
#include "store/place_store.h"

namespace moteplass {

class Store {
 public:
  virtual ~Store() = default;

  virtual MeetingPlaceStore& meeting_places() = 0;
  virtual PlaceStore& places() = 0;
  virtual AccountStore& accounts() = 0;
  virtual JournalStore& journal() = 0;

  // Online, consistent copy of the whole database to `path`, which must not exist yet
  // (kConflict when it does).
  virtual Status Backup(const std::string& path) = 0;
  // A number that changes when another process (the command line, another server) has
  // committed to the store since the last call; this process's own writes do not change it.
  // The server polls it to empty its page cache after changes it did not make itself.
  virtual Result<std::int64_t> ExternalChangeStamp() = 0;
};

}  // namespace moteplass
