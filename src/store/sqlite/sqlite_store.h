// The Store on SQLite: the whole register in one database file, for a single server. Open()
// creates the file when needed, switches it to WAL, turns foreign keys on and runs the pending
// migrations (store/sqlite/migrations/, embedded in the binary); on first start it loads the
// counties, municipalities and default IMDi regions. Only the command line names SqliteStore, to
// open it; everything else uses the Store interface (store/store.h).
#pragma once

#include <memory>
#include <string>

#include "store/sqlite/account_store.h"
#include "store/sqlite/alert_store.h"
#include "store/sqlite/database.h"
#include "store/sqlite/handbook_store.h"
#include "store/sqlite/identity_store.h"
#include "store/sqlite/journal_store.h"
#include "store/sqlite/meeting_place_store.h"
#include "store/sqlite/operations_store.h"
#include "store/sqlite/overview_store.h"
#include "store/sqlite/place_store.h"
#include "store/sqlite/ssb_store.h"
#include "store/sqlite/studies_store.h"
#include "store/sqlite/suggestion_store.h"
#include "store/sqlite/transfer_store.h"
#include "store/store.h"

namespace moteplass {

class SqliteStore final : public Store {
 public:
  // Opens (or creates) the database at `path` and brings its schema up to date. Running it
  // again on the same file changes nothing. Fails with kInternal when the file cannot be opened
  // or a migration fails (the failed migration leaves no trace), and with kConflict when the
  // file was written by a newer version of the program.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override { StopWatchingExternalChanges(); }

  // The number of the newest migration applied to the file (0 before any).
  int SchemaVersion() { return db_->SchemaVersion(); }

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

  // Copies the database with SQLite's online backup; fails with kConflict when the file exists
  // and kInternal when it cannot be written.
  Status Backup(const std::string& path) override { return db_->Backup(path); }
  Result<std::int64_t> ExternalChangeStamp() override { return db_->DataVersion(); }
  Result<std::string> DataStamp() override { return db_->DataStamp(); }

 private:
  explicit SqliteStore(std::unique_ptr<sqlite::Database> db)
      : db_(std::move(db)), places_(*db_), accounts_(*db_), identities_(*db_), journal_(*db_) {}

  std::unique_ptr<sqlite::Database> db_;
  sqlite::SqlitePlaceStore places_;
  sqlite::SqliteAccountStore accounts_;
  sqlite::SqliteIdentityStore identities_;
  sqlite::SqliteJournalStore journal_;
  sqlite::SqliteOperationsStore operations_{*db_};
  sqlite::SqliteTransferStore transfer_{*db_};
  sqlite::SqliteSuggestionStore suggestions_{*db_};
  sqlite::SqliteAlertStore alerts_{*db_};
  sqlite::SqliteSsbStore ssb_{*db_};
  sqlite::SqliteHandbookStore handbook_{*db_};
  sqlite::SqliteOverviewStore overview_{*db_};
  sqlite::SqliteStudiesStore studies_{*db_};
  std::unique_ptr<sqlite::SqliteMeetingPlaceStore> meeting_places_;  // needs the places first
};

}  // namespace moteplass
