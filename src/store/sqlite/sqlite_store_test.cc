// Tests of the SQLite backend. What every backend must do is tested by the contract suites
// (store/contract/), instantiated at the end of this file with a fresh database file per test;
// the tests here cover only what is SQLite's own: WAL and foreign keys, migrations and reopening,
// sort keys and stems rebuilt when the rules change, durability when the process is killed,
// files from newer programs, the change stamp of other writers, backup, threads and :memory:.

#include "store/sqlite/sqlite_store.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/typology/typology.h"
#include "store/contract/account_store_contract.h"
#include "store/contract/alert_store_contract.h"
#include "store/contract/codings_store_contract.h"
#include "store/contract/handbook_store_contract.h"
#include "store/contract/identity_store_contract.h"
#include "store/contract/journal_store_contract.h"
#include "store/contract/meeting_place_store_contract.h"
#include "store/contract/operations_store_contract.h"
#include "store/contract/overview_store_contract.h"
#include "store/contract/place_store_contract.h"
#include "store/contract/search_contract.h"
#include "store/contract/ssb_store_contract.h"
#include "store/contract/store_fixture.h"
#include "store/contract/studies_store_contract.h"
#include "store/contract/study_submissions_contract.h"
#include "store/contract/suggestion_store_contract.h"
#include "store/contract/texts_contract.h"
#include "store/contract/transfer_store_contract.h"
#include "store/contract/verdict_contract.h"

namespace moteplass {
namespace {

using nlohmann::json;
using store_contract::Input;
using store_contract::kWriter;

// A directory of its own in the temporary directory, removed with everything in it when the
// object goes.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "moteplass-store-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      ADD_FAILURE() << "cannot create a temporary directory from " << pattern;
      return;
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A SqliteStore whose file lives in a TempDir that goes with the store: the contract fixture
// only destroys the Store it was given, so the cleaning up has to hang on it.
class StoreInTempDir final : public Store {
 public:
  StoreInTempDir(std::unique_ptr<TempDir> dir, std::unique_ptr<SqliteStore> store)
      : dir_(std::move(dir)), store_(std::move(store)) {}

  MeetingPlaceStore& meeting_places() override { return store_->meeting_places(); }
  PlaceStore& places() override { return store_->places(); }
  AccountStore& accounts() override { return store_->accounts(); }
  IdentityStore& identities() override { return store_->identities(); }
  JournalStore& journal() override { return store_->journal(); }
  OperationsStore& operations() override { return store_->operations(); }
  TransferStore& transfer() override { return store_->transfer(); }
  SuggestionStore& suggestions() override { return store_->suggestions(); }
  AlertStore& alerts() override { return store_->alerts(); }
  SsbStore& ssb() override { return store_->ssb(); }
  HandbookStore& handbook() override { return store_->handbook(); }
  OverviewStore& overview() override { return store_->overview(); }
  StudiesStore& studies() override { return store_->studies(); }
  Status Backup(const std::string& path) override { return store_->Backup(path); }
  Result<std::int64_t> ExternalChangeStamp() override { return store_->ExternalChangeStamp(); }
  Result<std::string> DataStamp() override { return store_->DataStamp(); }

 private:
  // Declared first, so destroyed last: the database is closed before its directory goes.
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<SqliteStore> store_;
};

// The SQLite backend's traits for the contract suites: a new file in a new directory per test.
struct SqliteBackend {
  static std::unique_ptr<Store> Open() {
    auto dir = std::make_unique<TempDir>();
    if (dir->path().empty()) return nullptr;
    auto opened = SqliteStore::Open((dir->path() / "register.sqlite").string());
    if (!opened.ok()) {
      ADD_FAILURE() << opened.error().message;
      return nullptr;
    }
    return std::make_unique<StoreInTempDir>(std::move(dir), std::move(opened).value());
  }
};

// Runs `sql` on the file at `path` through a connection of its own, as another process would.
void ExecOn(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "") << "\n" << sql;
  sqlite3_free(message);
  sqlite3_close(db);
}

// The first column of the first row `sql` gives on the file at `path`, as text; nullopt when no
// row.
std::optional<std::string> QueryOn(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  std::optional<std::string> result;
  if (sqlite3_open(path.c_str(), &db) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      result = text ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return result;
}

// A fresh database file per test, in a directory removed afterwards; tests that need the file
// itself (to reopen it, or to reach past the store) use this fixture rather than the contract's.
class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    path_ = (dir_.path() / "register.sqlite").string();
    auto opened = SqliteStore::Open(path_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
  }
  void TearDown() override { store_.reset(); }

  // Closes the store and opens the file again.
  void Reopen() {
    store_.reset();
    auto reopened = SqliteStore::Open(path_);
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    store_ = std::move(reopened).value();
  }

  MeetingPlace Create(const std::string& name, const std::string& municipality = "0301",
                      const std::string& description = "") {
    return store_contract::CreatePlace(store_->meeting_places(), name, municipality, description);
  }
  std::vector<std::string> Names(const MeetingPlaceQuery& q) {
    return store_contract::ListNames(store_->meeting_places(), q);
  }
  std::vector<std::string> Search(const std::string& text) {
    return store_contract::SearchNames(store_->meeting_places(), text);
  }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
};

// ---- Opening, migrations ----------------------------------------------------------------------

TEST_F(SqliteStoreTest, OpenAppliesEveryMigration) {
  // Every file in the migrations folder is embedded and applied, once.
  int files = 0;
  int newest = 0;
  for (const auto& entry : std::filesystem::directory_iterator(MOTEPLASS_SOURCE_DIR "/src/store/sqlite/migrations")) {
    if (entry.path().extension() != ".sql") continue;
    ++files;
    newest = std::max(newest, std::stoi(entry.path().filename().string().substr(0, 4)));
  }
  ASSERT_GE(files, 1);
  EXPECT_GE(store_->SchemaVersion(), 1);
  EXPECT_EQ(store_->SchemaVersion(), newest);
  store_.reset();
  EXPECT_EQ(QueryOn(path_, "SELECT COUNT(*) FROM schema_migrations"), std::to_string(files));
}

TEST_F(SqliteStoreTest, FileIsInWalModeWithForeignKeys) {
  EXPECT_EQ(QueryOn(path_, "PRAGMA journal_mode"), "wal");
  // An unknown municipality is refused (before the database sees it).
  auto bad = store_->meeting_places().Create(Input("X", "9999"), json(), false, {"kari", 0});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(bad.error().pointer, "/profile/municipality");
  // Foreign keys are on in the store's connections: only the database knows that no user 999
  // exists when a token is added for it, and it refuses the row.
  EXPECT_EQ(store_->accounts().AddToken(999, "x", kWriter).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(QueryOn(path_, "SELECT COUNT(*) FROM tokens"), "0");
}

TEST_F(SqliteStoreTest, ReopeningKeepsEverythingAndMigrationsAreIdempotent) {
  MeetingPlace created = Create("Innvandrerrådet i Oslo");
  ASSERT_TRUE(store_->accounts().AddUser("kari", "hash", Role::kAdmin, "", kWriter).ok());
  int version = store_->SchemaVersion();
  const std::optional<std::string> applied = QueryOn(path_, "SELECT COUNT(*) FROM schema_migrations");
  ASSERT_NO_FATAL_FAILURE(Reopen());
  EXPECT_EQ(store_->SchemaVersion(), version);
  EXPECT_EQ(QueryOn(path_, "SELECT COUNT(*) FROM schema_migrations"), applied);
  auto got = store_->meeting_places().Get(created.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "Innvandrerrådet i Oslo");
  EXPECT_TRUE(store_->accounts().FindUser("kari").ok());
  auto places = store_->places().Load();
  ASSERT_TRUE(places.ok());
  EXPECT_EQ(places->municipalities.size(), 357u);  // not loaded twice
  EXPECT_EQ(places->counties.size(), 15u);
  auto history = store_->journal().History("meeting_place", std::to_string(created.id));
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 1u);
  EXPECT_EQ(Search("innvandrerrådet"), (std::vector<std::string>{"Innvandrerrådet i Oslo"}));
}

TEST_F(SqliteStoreTest, ReplacedRegionsSurviveReopening) {
  // The defaults are loaded only into an empty file: they must not overwrite a replacement.
  ASSERT_TRUE(store_->places().ReplaceRegions({{"hele", "Hele landet", {"03"}}}, kWriter).ok());
  ASSERT_NO_FATAL_FAILURE(Reopen());
  auto places = store_->places().Load();
  ASSERT_TRUE(places.ok());
  ASSERT_EQ(places->regions.size(), 1u);
  EXPECT_EQ(places->regions[0].id, "hele");
}

TEST_F(SqliteStoreTest, SortKeysAndStemsAreRebuiltWhenTheRulesChange) {
  Create("Åsnes-rådet", "0301", "Om møteplassene");
  Create("Arena");
  store_.reset();
  // As if the rows had been written under other collation and stemming rules.
  ExecOn(path_,
         "UPDATE settings SET value = 'icu-nb-0;stems-0'; "
         "UPDATE meeting_places SET sort_key = X'00' WHERE name = 'Åsnes-rådet'; "
         "UPDATE meeting_place_text SET name = 'x', body = 'x'");
  auto reopened = SqliteStore::Open(path_);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  store_ = std::move(reopened).value();
  EXPECT_EQ(Names({}), (std::vector<std::string>{"Arena", "Åsnes-rådet"}));
  EXPECT_EQ(Search("møteplass"), (std::vector<std::string>{"Åsnes-rådet"}));
  EXPECT_EQ(Search("arena"), (std::vector<std::string>{"Arena"}));
}

TEST_F(SqliteStoreTest, StoredVerdictsAreComputedAgainWhenTheTypologyChanges) {
  const MeetingPlace created = Create("Innvandrerrådet");
  store_.reset();
  // As if the row had been classified by an older typology that called it a dialogue forum.
  ExecOn(path_,
         "UPDATE settings SET value = '1-old' WHERE key = 'typology_version'; "
         "UPDATE meeting_places SET kind = 'dialogue', computed_kind = 'dialogue', classification = "
         "'{\"kind\":\"dialogue\"}'");
  auto reopened = SqliteStore::Open(path_);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  store_ = std::move(reopened).value();
  auto place = store_->meeting_places().Get(created.id);
  ASSERT_TRUE(place.ok()) << place.error().message;
  EXPECT_EQ(place->kind, "council");
  EXPECT_EQ(place->classification["kind"], "council");
  EXPECT_EQ(place->classification["certainty"], "clear");
  EXPECT_EQ(place->version, created.version) << "a new verdict is not a user's edit";
  EXPECT_EQ(QueryOn(path_, "SELECT value FROM settings WHERE key = 'typology_version'"), TypologyVersion());
  MeetingPlaceQuery councils;
  councils.kind = "council";
  EXPECT_EQ(Names(councils), (std::vector<std::string>{"Innvandrerrådet"}));
  // The kind kept beside the classification follows it, for the lists read without it.
  councils.with_classification = false;
  auto lean = store_->meeting_places().List(councils);
  ASSERT_TRUE(lean.ok()) << lean.error().message;
  ASSERT_EQ(lean->items.size(), 1u);
  EXPECT_EQ(lean->items[0].computed_kind, "council");
}

TEST_F(SqliteStoreTest, AnAcknowledgedWriteSurvivesAKilledProcess) {
  store_.reset();
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The child writes, and is killed the moment the write returns: no destructors, no
    // checkpoint, the write is only in the WAL.
    auto opened = SqliteStore::Open(path_);
    if (!opened.ok()) _exit(2);
    auto created = (*opened)->meeting_places().Create(Input("Overlever"), json(), false, {"kari", 0});
    if (!created.ok()) _exit(3);
    raise(SIGKILL);
    _exit(4);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  auto reopened = SqliteStore::Open(path_);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  store_ = std::move(reopened).value();
  EXPECT_EQ(Names({}), (std::vector<std::string>{"Overlever"}));
  auto listed = store_->meeting_places().List({});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->items.size(), 1u);
  // The history and audit rows were in the same transaction, so they survived with it.
  EXPECT_EQ(store_->journal().History("meeting_place", std::to_string(listed->items[0].id))->size(), 1u);
  EXPECT_EQ(store_->journal().AuditLog(10)->size(), 1u);
}

TEST_F(SqliteStoreTest, FileFromANewerProgramIsRefused) {
  store_.reset();
  ExecOn(path_, "INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', '2030-01-01T00:00:00Z')");
  auto reopened = SqliteStore::Open(path_);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.error().code, ErrorCode::kConflict);
  // Refused before touching anything: the future migration is still the newest.
  EXPECT_EQ(QueryOn(path_, "SELECT MAX(version) FROM schema_migrations"), "9999");
}

TEST_F(SqliteStoreTest, OpenFailsForAnUnwritablePlace) {
  auto opened = SqliteStore::Open((dir_.path() / "no" / "such" / "dir" / "x.sqlite").string());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kInternal);
}

// ---- What reaches past the capabilities -------------------------------------------------------

TEST_F(SqliteStoreTest, ImportRollsBackWhenTheDatabaseRefusesARecord) {
  // A failure inside the transaction (not caught by the checks before it) must undo the
  // records already inserted: a trigger makes the second insert fail.
  ExecOn(path_,
         "CREATE TRIGGER refuse BEFORE INSERT ON meeting_places WHEN NEW.name = 'To' "
         "BEGIN SELECT RAISE(ABORT, 'refused'); END");
  auto failed = store_->meeting_places().Import({Input("En"), Input("To")}, {}, false, {"system", 0});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().index, 1);
  MeetingPlaceQuery all;
  all.include_deleted = all.include_unpublished = true;
  EXPECT_EQ(store_->meeting_places().List(all)->total, 0);
  // Nor did the history, the audit rows or the search index of the first record stay.
  EXPECT_TRUE(store_->journal().AuditLog(10)->empty());
  EXPECT_EQ(QueryOn(path_, "SELECT COUNT(*) FROM history"), "0");
  EXPECT_EQ(QueryOn(path_, "SELECT COUNT(*) FROM meeting_place_text"), "0");
}

TEST_F(SqliteStoreTest, ExternalChangeStampMovesOnlyForOtherWriters) {
  auto first = store_->ExternalChangeStamp();
  ASSERT_TRUE(first.ok()) << first.error().message;
  Create("Eget råd");  // this store's own write
  auto own = store_->ExternalChangeStamp();
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(*own, *first);
  // Another process (here: another connection) commits.
  ExecOn(path_, "INSERT INTO settings (key, value) VALUES ('test', 'x')");
  auto other = store_->ExternalChangeStamp();
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*other, *own);
  // And it stays put until someone else commits again.
  EXPECT_EQ(*store_->ExternalChangeStamp(), *other);
}

TEST_F(SqliteStoreTest, AnotherProcesssWritesAreInTheJournalsChanges) {
  auto mark = store_->journal().ChangeMark();
  ASSERT_TRUE(mark.ok()) << mark.error().message;
  const MeetingPlace own = Create("Eget råd");
  auto other = SqliteStore::Open(path_);  // another process, as far as this store knows
  ASSERT_TRUE(other.ok()) << other.error().message;
  auto theirs = (*other)->meeting_places().Create(Input("Annet råd"), json(), false, {"ola", 0});
  ASSERT_TRUE(theirs.ok()) << theirs.error().message;
  auto changes = store_->journal().ChangesSince(*mark, 100);
  ASSERT_TRUE(changes.ok()) << changes.error().message;
  EXPECT_EQ(changes->records, (std::vector<ChangedRecord>{{"meeting_place", std::to_string(own.id)},
                                                          {"meeting_place", std::to_string(theirs->id)}}));
}

TEST_F(SqliteStoreTest, DataStampMovesForEveryCommitOwnOrOther) {
  auto first = store_->DataStamp();
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(*store_->DataStamp(), *first);  // nothing committed: the same
  Create("Eget råd");                       // this store's own write
  auto own = store_->DataStamp();
  ASSERT_TRUE(own.ok());
  EXPECT_NE(*own, *first);
  ExecOn(path_, "INSERT INTO settings (key, value) VALUES ('test', 'x')");  // another connection
  auto other = store_->DataStamp();
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*other, *own);
  EXPECT_EQ(*store_->DataStamp(), *other);
}

TEST_F(SqliteStoreTest, BackupIsAWorkingCopy) {
  MeetingPlace p = Create("Rådet");
  ASSERT_TRUE(store_->accounts().AddUser("kari", "h", Role::kAdmin, "", kWriter).ok());
  const std::string copy = (dir_.path() / "backup.sqlite").string();
  ASSERT_TRUE(store_->Backup(copy).ok());
  EXPECT_EQ(store_->Backup(copy).error().code, ErrorCode::kConflict);
  // The original goes on.
  Create("Etter kopien");
  auto opened = SqliteStore::Open(copy);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ((*opened)->meeting_places().Get(p.id)->name, "Rådet");
  EXPECT_EQ(*(*opened)->meeting_places().Count(false), 1);
  EXPECT_TRUE((*opened)->accounts().FindUser("kari").ok());
  EXPECT_EQ((*opened)->SchemaVersion(), store_->SchemaVersion());
  MeetingPlaceQuery q;
  q.text = "rådet";
  EXPECT_EQ((*opened)->meeting_places().List(q)->total, 1);
  EXPECT_EQ((*opened)->journal().History("meeting_place", std::to_string(p.id))->size(), 1u);
  EXPECT_EQ(*store_->meeting_places().Count(false), 2);
}

TEST_F(SqliteStoreTest, SeveralThreadsReadAndWriteAtOnce) {
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 15; ++i) {
        if (t % 2 == 0) {
          auto c = store_->meeting_places().Create(Input("Rådet " + std::to_string(t) + "-" + std::to_string(i)),
                                                   json(), false, {"kari", 0});
          if (!c.ok()) ++failures;
        } else {
          MeetingPlaceQuery q;
          q.text = "rådet";
          if (!store_->meeting_places().List(q).ok()) ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*store_->meeting_places().Count(false), 45);
  EXPECT_EQ(store_->journal().AuditLog(100)->size(), 45u);
}

TEST(SqliteStoreMemory, InMemoryDatabaseWorks) {
  auto opened = SqliteStore::Open(":memory:");
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  MeetingPlaceInput in;
  in.profile = {{"name", "Rådet"}, {"level", "municipal"}, {"municipality", "0301"}};
  auto created = (*opened)->meeting_places().Create(in, json(), false, {"kari", 0});
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ((*opened)->meeting_places().List({})->total, 1);
  // Reads share the one connection, and still see the places and the search index.
  EXPECT_EQ((*opened)->places().Load()->municipalities.size(), 357u);
  MeetingPlaceQuery q;
  q.text = "rådet";
  EXPECT_EQ((*opened)->meeting_places().List(q)->total, 1);
}

}  // namespace

// ---- The contract suites, on SQLite -----------------------------------------------------------

namespace store_contract {

INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, MeetingPlaceStoreContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, PlaceStoreContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, AccountStoreContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, IdentityStoreContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, SuggestionStoreContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, JournalStoreContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, TransferStoreContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, OperationsStoreContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, AlertStoreContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, SearchContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, VerdictContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, SsbStoreContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, HandbookStoreContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, OverviewStoreContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, StudiesStoreContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, TextsContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, StudySubmissionsContractTest, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, CodingsStoreContractTest, SqliteBackend);

}  // namespace store_contract
}  // namespace moteplass
