// The one door to persistence: a Store hands out one interface per capability
// (meeting_places(), places(), accounts(), identities(), journal(), operations(),
// studies()) and offers what concerns the whole
// database (backup, the change stamp). Core types in, core types out; nothing about SQL leaks
// past it, so that each backend implements the same interfaces and runs the same typed test
// suites (store/contract/). SqliteStore (store/sqlite/sqlite_store.h) is the default.
//
// Every method of every interface is safe to call from several threads at once. Writes are
// durable when the method returns (an acknowledged write survives a crash), and each write
// records its history and audit rows in its own transaction (store/write.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/error.h"
#include "store/account_store.h"
#include "store/alerts.h"
#include "store/change_watcher.h"
#include "store/handbook_store.h"
#include "store/identity_store.h"
#include "store/journal_store.h"
#include "store/meeting_place_store.h"
#include "store/operations.h"
#include "store/overview_store.h"
#include "store/place_store.h"
#include "store/reachability.h"
#include "store/ssb_store.h"
#include "store/studies.h"
#include "store/suggestion_store.h"
#include "store/transfer_store.h"

namespace moteplass {

class Store {
 public:
  virtual ~Store() = default;

  virtual MeetingPlaceStore& meeting_places() = 0;
  virtual PlaceStore& places() = 0;
  virtual AccountStore& accounts() = 0;
  virtual JournalStore& journal() = 0;
  // People, memberships, meetings and cases (contracts/operations.md).
  virtual OperationsStore& operations() = 0;
  // Identities at OpenID Connect providers linked to accounts, and log-ins under way.
  virtual IdentityStore& identities() = 0;
  // The whole register as tables, to copy it into another store (moteplass copy).
  virtual TransferStore& transfer() = 0;
  // Suggestions from the public: a missing meeting place, facts out of date.
  virtual SuggestionStore& suggestions() = 0;
  // Acknowledgements of alerts and feed tokens (contracts/operations.md, "Alerts").
  virtual AlertStore& alerts() = 0;
  // Statistics Norway's table of the immigrant population by municipality and country background.
  virtual SsbStore& ssb() = 0;
  // The handbook's pages and their versions.
  virtual HandbookStore& handbook() = 0;
  // What IMDi's overview keeps: the target of new meeting places per region and year.
  virtual OverviewStore& overview() = 0;
  // Mapping studies: interview guides (contracts/studies.md).
  virtual StudiesStore& studies() = 0;

  // Online, consistent copy of the whole database to `path`, which must not exist yet
  // (kConflict when it does).
  virtual Status Backup(const std::string& path) = 0;
  // A number that changes when another process (the command line, another server) has
  // committed to the store since the last call; this process's own writes do not change it.
  // The server polls it to empty its page cache after changes it did not make itself.
  virtual Result<std::int64_t> ExternalChangeStamp() = 0;
  // A stamp that changes whenever anything is committed through the one write path, by this
  // process or another, so that a result computed from the data may be kept while it stays the
  // same (read the stamp before the data). kUnavailable where a store cannot tell: keep nothing.
  virtual Result<std::string> DataStamp() { return Error::Unavailable("this store keeps no data stamp"); }

  // Reports, from a thread of the store's, each change another process commits, until the store
  // is destroyed; the server empties the caches it touched. By default the change stamp is
  // polled every 2 s and reports ("*", ""); a backend that is told of changes overrides it.
  virtual Status WatchExternalChanges(ChangeCallback on_change) {
    if (!watcher_) watcher_ = std::make_unique<ChangeWatcher>();
    return watcher_->Start([this] { return ExternalChangeStamp(); }, std::move(on_change), std::chrono::seconds(2));
  }
  // Stops reporting changes (waits for the watching thread); safe to call more than once. Whoever
  // started watching calls it before what the callback uses goes away.
  virtual void StopWatchingExternalChanges() { watcher_.reset(); }
  // Whether the database answers now (the health check); kUnavailable with the reason when not.
  virtual Status Ping() { return ExternalChangeStamp().ok() ? Status() : Status(Error::Unavailable("no database")); }
  // False while the backend knows it has lost its database (requests then get 503 at once).
  virtual bool Reachable() const { return true; }
  // Calls `on_change` once when Reachable() turns false (with why) and once when it turns true
  // again (with how long the database was gone), from whichever thread learns it: not once per
  // failed request. Replaces the previous callback; an empty one stops the reports. A backend
  // that cannot lose its database (SQLite) never calls it.
  virtual void OnReachabilityChange(ReachabilityCallback on_change) { (void)on_change; }

 protected:
 private:
  std::unique_ptr<ChangeWatcher> watcher_;
};

}  // namespace moteplass
