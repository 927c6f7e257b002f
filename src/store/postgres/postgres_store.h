// The Store on PostgreSQL: the whole register in one PostgreSQL database, which several servers
// may share. Open() connects, runs the pending migrations (store/postgres/migrations/, embedded
// in the binary) under an advisory lock, and on first start loads the counties, municipalities
// and default IMDi regions. Behaves as SqliteStore wherever the contract suites
// (store/contract/) look; where it cannot, the difference is stated here:
//   - Backup() is refused: a PostgreSQL database is backed up with the tools its operators
//     already use (pg_dump, base backups with WAL archiving for point-in-time recovery).
//   - ExternalChangeStamp() counts the writes of other processes through the write_count row
//     (see Database::ExternalChangeStamp) instead of SQLite's PRAGMA data_version; session and
//     audit-only rows do not move it. It is not polled: WatchExternalChanges() LISTENs for the
//     notification every committed write sends (store/postgres/listener.h) and reports the
//     changed record's type and id at once.
//   - Reachable() is false from the moment a connection cannot be opened, or one in use is lost,
//     until one succeeds again (a request, Ping(), or the listener, which keeps trying every
//     0.5-5 s); Ping() runs SELECT 1. OnReachabilityChange() reports each turn once, the loss
//     with libpq's reason, the return with how long the database was gone.
//   - Text holding the character U+0000, or invalid UTF-8, is refused with kInvalid (PostgreSQL
//     text cannot hold it); SQLite stores it.
// Writes of all processes take turns on the write lock (postgres::Transaction), as on SQLite.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "store/postgres/account_store.h"
#include "store/postgres/alert_store.h"
#include "store/postgres/database.h"
#include "store/postgres/handbook_store.h"
#include "store/postgres/identity_store.h"
#include "store/postgres/journal_store.h"
#include "store/postgres/listener.h"
#include "store/postgres/meeting_place_store.h"
#include "store/postgres/operations_store.h"
#include "store/postgres/overview_store.h"
#include "store/postgres/place_store.h"
#include "store/postgres/ssb_store.h"
#include "store/postgres/studies_store.h"
#include "store/postgres/suggestion_store.h"
#include "store/postgres/transfer_store.h"
#include "store/store.h"

namespace moteplass {

class PostgresStore final : public Store {
 public:
  // Connects to the database at `url` ("postgresql://user@host:port/dbname", or any libpq
  // connection string) and brings its schema up to date; running it again changes nothing, and
  // servers may run it at the same time. Fails with kInternal when it cannot connect or a
  // migration fails (the failed migration leaves no trace), and with kConflict when the database
  // was migrated by a newer version of the program.
  static Result<std::unique_ptr<PostgresStore>> Open(const std::string& url,
                                                     const postgres::Database::Options& options);
  static Result<std::unique_ptr<PostgresStore>> Open(const std::string& url) {
    return Open(url, postgres::Database::Options{});
  }
  // Stops the change watcher (Store) first: its thread calls into the database.
  ~PostgresStore() override { StopWatchingExternalChanges(); }

  // The number of the newest migration applied to the database (0 before any).
  int SchemaVersion() { return db_->SchemaVersion(); }
  // Connections the store has open now.
  int OpenConnections() const { return db_->OpenConnections(); }

  MeetingPlaceStore& meeting_places() override { return *meeting_places_; }
  PlaceStore& places() override { return places_; }
  AccountStore& accounts() override { return accounts_; }
  IdentityStore& identities() override { return identities_; }
  JournalStore& journal() override { return journal_; }
  OperationsStore& operations() override { return operations_; }
  StudiesStore& studies() override { return studies_; }
  TransferStore& transfer() override { return transfer_; }
  SuggestionStore& suggestions() override { return suggestions_; }
  AlertStore& alerts() override { return alerts_; }
  SsbStore& ssb() override { return ssb_; }
  HandbookStore& handbook() override { return handbook_; }
  OverviewStore& overview() override { return overview_; }

  // Always kInvalid: see the file comment.
  Status Backup(const std::string& path) override;
  Result<std::int64_t> ExternalChangeStamp() override { return db_->ExternalChangeStamp(); }
  Result<std::string> DataStamp() override { return db_->DataStamp(); }
  // LISTEN/NOTIFY instead of the polled stamp (see the file comment).
  Status WatchExternalChanges(ChangeCallback on_change) override;
  void StopWatchingExternalChanges() override;
  Status Ping() override { return db_->Ping(); }
  bool Reachable() const override { return db_->Reachable(); }
  void OnReachabilityChange(ReachabilityCallback on_change) override {
    db_->pool().SetReachabilityCallback(std::move(on_change));
  }

 private:
  explicit PostgresStore(std::unique_ptr<postgres::Database> db)
      : db_(std::move(db)), places_(*db_), accounts_(*db_), identities_(*db_), journal_(*db_) {}

  std::unique_ptr<postgres::Database> db_;
  postgres::PostgresPlaceStore places_;
  postgres::PostgresAccountStore accounts_;
  postgres::PostgresIdentityStore identities_;
  postgres::PostgresJournalStore journal_;
  postgres::PostgresOperationsStore operations_{*db_};
  postgres::PostgresTransferStore transfer_{*db_};
  postgres::PostgresSuggestionStore suggestions_{*db_};
  postgres::PostgresAlertStore alerts_{*db_};
  postgres::PostgresSsbStore ssb_{*db_};
  postgres::PostgresHandbookStore handbook_{*db_};
  postgres::PostgresOverviewStore overview_{*db_};
  postgres::PostgresStudiesStore studies_{*db_};
  std::unique_ptr<postgres::PostgresMeetingPlaceStore> meeting_places_;  // needs the places first
  std::mutex listener_mutex_;
  std::unique_ptr<postgres::ChangeListener> listener_;  // while watching; uses db_'s pool
};

}  // namespace moteplass
