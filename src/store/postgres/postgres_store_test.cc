// Tests of the PostgreSQL backend, against a real PostgreSQL 15 cluster named by the environment
// variable MOTEPLASS_TEST_PG (e.g. "postgresql://moteplass@127.0.0.1:PORT/postgres", as
// scripts/pg-cluster start prints it; the role needs CREATEDB). Each test gets a database of its
// own (CREATE DATABASE moteplass_test_<pid>_<n>), dropped afterwards. Without the variable every
// test here is skipped with a message, so that the unit tests still run where there is no
// cluster.
//
// What every backend must do is tested by the contract suites (store/contract/), instantiated at
// the end of this file; the tests here cover only what is PostgreSQL's own: migrations under
// the advisory lock and servers starting at once, databases from newer programs, sort keys and
// stems rebuilt when the rules change, the change stamp of other processes, several servers
// writing at once, the bounded pool, lost connections, and what SQLite does differently.

#include "store/postgres/postgres_store.h"

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
#include <libpq-fe.h>

#include "store/contract/account_store_contract.h"
#include "store/contract/journal_store_contract.h"
#include "store/contract/meeting_place_store_contract.h"
#include "store/contract/place_store_contract.h"
#include "store/contract/store_fixture.h"
#include "store/contract/transfer_store_contract.h"

namespace moteplass {
namespace {

using nlohmann::json;
using store_contract::Input;
using store_contract::kWriter;

constexpr const char* kNoCluster =
    "MOTEPLASS_TEST_PG is not set, so the PostgreSQL tests are skipped. To run them: "
    "export MOTEPLASS_TEST_PG=\"$(scripts/pg-cluster start /tmp/moteplass-pg)\" (and scripts/pg-cluster stop "
    "/tmp/moteplass-pg afterwards)";

// The cluster's address from MOTEPLASS_TEST_PG; "" when unset.
std::string ClusterUrl() {
  const char* url = getenv("MOTEPLASS_TEST_PG");
  return url ? url : "";
}

// A connection string for the database `dbname` on the server `url` names (any form libpq
// reads), keeping everything else `url` says.
std::string OnDatabase(const std::string& url, const std::string& dbname) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    ADD_FAILURE() << "MOTEPLASS_TEST_PG is not a connection string libpq reads: " << (error ? error : "");
    PQfreemem(error);
    return "";
  }
  std::string conninfo;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    const std::string keyword = o->keyword;
    const std::string value = keyword == "dbname" ? dbname : (o->val ? o->val : "");
    if (value.empty()) continue;
    conninfo += keyword + "='";
    for (char ch : value) {
      if (ch == '\'' || ch == '\\') conninfo += '\\';
      conninfo += ch;
    }
    conninfo += "' ";
  }
  PQconninfoFree(options);
  return conninfo;
}

// Runs `sql` with `params` bound ($1, ...) through a connection of its own, as another process
// would; the first column of the first row ("" when no row), or nullopt after ADD_FAILURE.
std::optional<std::string> Psql(const std::string& conninfo, const std::string& sql,
                                const std::vector<std::string>& params = {}) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    ADD_FAILURE() << "cannot connect to the test cluster: " << PQerrorMessage(conn);
    PQfinish(conn);
    return std::nullopt;
  }
  std::vector<const char*> values;
  for (const std::string& p : params) values.push_back(p.c_str());
  PGresult* r = params.empty() ? PQexec(conn, sql.c_str())
                               : PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                              values.data(), nullptr, nullptr, 0);
  std::optional<std::string> result;
  const ExecStatusType status = PQresultStatus(r);
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
    result = PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
  } else {
    ADD_FAILURE() << PQresultErrorMessage(r) << "\n" << sql;
  }
  PQclear(r);
  PQfinish(conn);
  return result;
}

// A new, empty database on the cluster, dropped (whoever is still connected) when the object
// goes. Its name is made of numbers only: CREATE DATABASE takes no parameters.
class TestDatabase {
 public:
  TestDatabase() {
    static std::atomic<int> counter{0};
    name_ = "moteplass_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    created_ = Psql(ClusterUrl(), "CREATE DATABASE " + name_).has_value();
  }
  ~TestDatabase() {
    if (created_) (void)Psql(ClusterUrl(), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  bool created() const { return created_; }
  const std::string& name() const { return name_; }
  // The database's connection string, for the store and for Psql.
  std::string url() const { return OnDatabase(ClusterUrl(), name_); }

 private:
  std::string name_;
  bool created_ = false;
};

// A PostgresStore on a TestDatabase that goes with it: the contract fixture only destroys the
// Store it was given, so the dropping has to hang on it.
class StoreOnTestDatabase final : public Store {
 public:
  StoreOnTestDatabase(std::unique_ptr<TestDatabase> database, std::unique_ptr<PostgresStore> store)
      : database_(std::move(database)), store_(std::move(store)) {}

  MeetingPlaceStore& meeting_places() override { return store_->meeting_places(); }
  PlaceStore& places() override { return store_->places(); }
  AccountStore& accounts() override { return store_->accounts(); }
  JournalStore& journal() override { return store_->journal(); }
  TransferStore& transfer() override { return store_->transfer(); }
  Status Backup(const std::string& path) override { return store_->Backup(path); }
  Result<std::int64_t> ExternalChangeStamp() override { return store_->ExternalChangeStamp(); }

 private:
  // Declared first, so destroyed last: the store's connections close before the database goes.
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<PostgresStore> store_;
};

// What the contract suites get when there is no cluster: the test is marked skipped before the
// fixture's SetUp asks the store anything, and this empty store answers SetUp's questions (no
// meeting places, users or audit rows) so that the skip is all the test reports.
class NoClusterStore final : public Store,
                             public MeetingPlaceStore,
                             public PlaceStore,
                             public AccountStore,
                             public JournalStore,
                             public TransferStore {
 public:
  MeetingPlaceStore& meeting_places() override { return *this; }
  PlaceStore& places() override { return *this; }
  AccountStore& accounts() override { return *this; }
  JournalStore& journal() override { return *this; }
  TransferStore& transfer() override { return *this; }
  Status Backup(const std::string&) override { return Skipped(); }
  Result<std::int64_t> ExternalChangeStamp() override { return Skipped(); }

  Result<MeetingPlace> Create(const MeetingPlaceInput&, const json&, bool, const WriteContext&) override {
    return Skipped();
  }
  Result<MeetingPlace> Update(std::int64_t, const MeetingPlaceInput&, const json&, const WriteContext&) override {
    return Skipped();
  }
  Status Delete(std::int64_t, const WriteContext&) override { return Skipped(); }
  Result<MeetingPlace> RecordKind(std::int64_t, const std::optional<RecordedKind>&, const WriteContext&) override {
    return Skipped();
  }
  Result<MeetingPlace> Get(std::int64_t) override { return Skipped(); }
  Result<MeetingPlacePage> List(const MeetingPlaceQuery&) override { return Skipped(); }
  Result<std::vector<MeetingPlace>> All() override { return Skipped(); }
  Result<std::vector<MeetingPlace>> Import(const std::vector<MeetingPlaceInput>&, const std::vector<json>&, bool,
                                           const WriteContext&) override {
    return Skipped();
  }
  Result<std::int64_t> RemoveExamples(const WriteContext&) override { return Skipped(); }
  Result<std::int64_t> Count(bool) override { return std::int64_t{0}; }

  Result<Places> Load() override { return Skipped(); }
  Status ReplaceRegions(const std::vector<Region>&, const WriteContext&) override { return Skipped(); }

  Result<User> AddUser(const std::string&, const std::string&, Role, const std::string&, const WriteContext&) override {
    return Skipped();
  }
  Result<std::vector<User>> ListUsers() override { return std::vector<User>{}; }
  Status SetUserDisabled(const std::string&, bool, const WriteContext&) override { return Skipped(); }
  Result<User> FindUser(const std::string&) override { return Skipped(); }
  Result<User> FindUserById(std::int64_t) override { return Skipped(); }
  Result<std::string> PasswordHash(const std::string&) override { return Skipped(); }
  Status CreateSession(const Session&) override { return Skipped(); }
  Result<Session> FindSession(const std::string&) override { return Skipped(); }
  Status DeleteSession(const std::string&) override { return Skipped(); }
  Status AddToken(std::int64_t, const std::string&, const WriteContext&) override { return Skipped(); }
  Result<User> FindUserByToken(const std::string&) override { return Skipped(); }
  Status RecordLoginFailure(const std::string&, const std::string&) override { return Skipped(); }
  Result<std::vector<std::string>> LoginFailuresSince(const std::string&, const std::string&) override {
    return Skipped();
  }
  Status ClearLoginFailures(const std::string&) override { return Skipped(); }
  Status PurgeLoginFailures(const std::string&) override { return Skipped(); }

  Status Audit(const AuditEntry&) override { return Skipped(); }
  Result<std::vector<AuditEntry>> AuditLog(int) override { return std::vector<AuditEntry>{}; }
  Result<std::vector<HistoryEntry>> History(const std::string&, const std::string&) override { return Skipped(); }

  Result<std::vector<std::string>> Tables() override { return Skipped(); }
  Result<TableData> ReadTable(const std::string&) override { return Skipped(); }
  Result<std::vector<TableData>> ReadAll() override { return Skipped(); }
  Result<std::string> Checksum(const std::string&) override { return Skipped(); }
  Result<std::vector<TableSummary>> ReplaceAll(const std::vector<TableData>&, const WriteContext&) override {
    return Skipped();
  }
  Result<std::string> Identity() override { return Skipped(); }

 private:
  static Error Skipped() { return Error::Internal("no PostgreSQL cluster (MOTEPLASS_TEST_PG)"); }
};

// Marks the running test skipped (GTEST_SKIP returns from a function returning void only).
void SkipWithoutCluster() { GTEST_SKIP() << kNoCluster; }

// The PostgreSQL backend's traits for the contract suites: a new database per test.
struct PostgresBackend {
  static std::unique_ptr<Store> Open() {
    if (ClusterUrl().empty()) {
      SkipWithoutCluster();
      return std::make_unique<NoClusterStore>();
    }
    auto database = std::make_unique<TestDatabase>();
    if (!database->created()) return nullptr;
    auto opened = PostgresStore::Open(database->url());
    if (!opened.ok()) {
      ADD_FAILURE() << opened.error().message;
      return nullptr;
    }
    return std::make_unique<StoreOnTestDatabase>(std::move(database), std::move(opened).value());
  }
};

// The number of migration files of this backend, and the newest's number.
std::pair<int, int> MigrationFiles() {
  int files = 0;
  int newest = 0;
  for (const auto& entry : std::filesystem::directory_iterator(MOTEPLASS_SOURCE_DIR "/src/store/postgres/migrations")) {
    if (entry.path().extension() != ".sql") continue;
    ++files;
    newest = std::max(newest, std::stoi(entry.path().filename().string().substr(0, 4)));
  }
  return {files, newest};
}

// A fresh database per test, and a store on it; tests that need the database itself (to open a
// second store on it, or to reach past the store) use this fixture rather than the contract's.
class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (ClusterUrl().empty()) GTEST_SKIP() << kNoCluster;
    database_ = std::make_unique<TestDatabase>();
    ASSERT_TRUE(database_->created());
    url_ = database_->url();
    ASSERT_NO_FATAL_FAILURE(Reopen());
  }
  void TearDown() override {
    store_.reset();
    database_.reset();
  }

  // Closes the store and opens the database again.
  void Reopen() {
    store_.reset();
    auto reopened = PostgresStore::Open(url_);
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    store_ = std::move(reopened).value();
  }
  // Another store on the same database, as another server would open it.
  std::unique_ptr<PostgresStore> OpenAnother(const postgres::Database::Options& options = {}) {
    auto opened = PostgresStore::Open(url_, options);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return opened.ok() ? std::move(opened).value() : nullptr;
  }
  std::optional<std::string> Query(const std::string& sql, const std::vector<std::string>& params = {}) {
    return Psql(url_, sql, params);
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

  std::unique_ptr<TestDatabase> database_;
  std::string url_;
  std::unique_ptr<PostgresStore> store_;
};

// ---- Opening, migrations ----------------------------------------------------------------------

TEST_F(PostgresStoreTest, OpenAppliesEveryMigration) {
  const auto [files, newest] = MigrationFiles();
  ASSERT_GE(files, 1);
  EXPECT_EQ(store_->SchemaVersion(), newest);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM schema_migrations"), std::to_string(files));
}

TEST_F(PostgresStoreTest, ReopeningKeepsEverythingAndMigrationsAreIdempotent) {
  MeetingPlace created = Create("Innvandrerrådet i Oslo");
  ASSERT_TRUE(store_->accounts().AddUser("kari", "hash", Role::kAdmin, "", kWriter).ok());
  const int version = store_->SchemaVersion();
  const std::optional<std::string> applied = Query("SELECT COUNT(*) FROM schema_migrations");
  ASSERT_NO_FATAL_FAILURE(Reopen());
  EXPECT_EQ(store_->SchemaVersion(), version);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM schema_migrations"), applied);
  auto got = store_->meeting_places().Get(created.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "Innvandrerrådet i Oslo");
  EXPECT_TRUE(store_->accounts().FindUser("kari").ok());
  auto places = store_->places().Load();
  ASSERT_TRUE(places.ok());
  EXPECT_EQ(places->municipalities.size(), 357u);  // not loaded twice
  EXPECT_EQ(places->counties.size(), 15u);
  EXPECT_EQ(store_->journal().History("meeting_place", std::to_string(created.id))->size(), 1u);
  EXPECT_EQ(Search("innvandrerrådet"), (std::vector<std::string>{"Innvandrerrådet i Oslo"}));
}

TEST_F(PostgresStoreTest, ServersStartingAtOnceMigrateAndLoadOnce) {
  // Several servers start on a new, empty database at the same moment: the advisory lock lets
  // one migrate while the others wait, and the write lock lets one load the places.
  TestDatabase fresh;
  ASSERT_TRUE(fresh.created());
  const std::string url = fresh.url();
  constexpr int kServers = 4;
  std::vector<std::unique_ptr<PostgresStore>> stores(kServers);
  std::vector<std::string> errors(kServers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kServers; ++i) {
    threads.emplace_back([&, i] {
      auto opened = PostgresStore::Open(url);
      if (opened.ok()) {
        stores[i] = std::move(opened).value();
      } else {
        errors[i] = opened.error().message;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < kServers; ++i) ASSERT_NE(stores[i], nullptr) << errors[i];
  EXPECT_EQ(Psql(url, "SELECT COUNT(*) FROM schema_migrations"), std::to_string(MigrationFiles().first));
  EXPECT_EQ(Psql(url, "SELECT COUNT(*) FROM municipalities"), "357");
  EXPECT_EQ(Psql(url, "SELECT COUNT(*) FROM regions"), std::to_string(DefaultPlaces().regions.size()));
  for (auto& s : stores) EXPECT_EQ(s->places().Load()->municipalities.size(), 357u);
  stores.clear();  // before the database goes
}

TEST_F(PostgresStoreTest, ReplacedRegionsSurviveReopening) {
  ASSERT_TRUE(store_->places().ReplaceRegions({{"hele", "Hele landet", {"03"}}}, kWriter).ok());
  ASSERT_NO_FATAL_FAILURE(Reopen());
  auto places = store_->places().Load();
  ASSERT_TRUE(places.ok());
  ASSERT_EQ(places->regions.size(), 1u);
  EXPECT_EQ(places->regions[0].id, "hele");
}

TEST_F(PostgresStoreTest, DatabaseFromANewerProgramIsRefused) {
  store_.reset();
  ASSERT_TRUE(Query("INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', '2030-01-01T00:00:00Z')"));
  auto reopened = PostgresStore::Open(url_);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.error().code, ErrorCode::kConflict);
  EXPECT_NE(reopened.error().message.find("newer version"), std::string::npos) << reopened.error().message;
  // Refused before touching anything: the future migration is still the newest.
  EXPECT_EQ(Query("SELECT MAX(version) FROM schema_migrations"), "9999");
}

TEST_F(PostgresStoreTest, SortKeysAndStemsAreRebuiltWhenTheRulesChange) {
  Create("Åsnes-rådet", "0301", "Om møteplassene");
  Create("Arena");
  store_.reset();
  // As if the rows had been written under other collation and stemming rules.
  ASSERT_TRUE(
      Query("UPDATE settings SET value = 'icu-nb-0;stems-0'; "
            "UPDATE meeting_places SET sort_key = '\\x00'::bytea WHERE name = 'Åsnes-rådet'; "
            "UPDATE meeting_places SET search = ''::tsvector"));
  ASSERT_NO_FATAL_FAILURE(Reopen());
  EXPECT_EQ(Names({}), (std::vector<std::string>{"Arena", "Åsnes-rådet"}));
  EXPECT_EQ(Search("møteplass"), (std::vector<std::string>{"Åsnes-rådet"}));
  EXPECT_EQ(Search("arena"), (std::vector<std::string>{"Arena"}));
}

TEST(PostgresStoreOpen, FailsAsUnavailableWhenNoServerAnswers) {
  // Port 1 on the loopback: nothing listens there. Needs no cluster.
  auto opened = PostgresStore::Open("postgresql://moteplass@127.0.0.1:1/moteplass?connect_timeout=2");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(opened.error().message.find("cannot connect"), std::string::npos) << opened.error().message;
}

// ---- What reaches past the capabilities -------------------------------------------------------

TEST_F(PostgresStoreTest, ImportRollsBackWhenTheDatabaseRefusesARecord) {
  // A failure inside the transaction (not caught by the checks before it) must undo the records
  // already inserted: a trigger makes the second insert fail.
  ASSERT_TRUE(
      Query("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN IF NEW.name = 'To' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$; "
            "CREATE TRIGGER refuse BEFORE INSERT ON meeting_places FOR EACH ROW EXECUTE FUNCTION refuse()"));
  auto failed = store_->meeting_places().Import({Input("En"), Input("To")}, {}, false, {"system", 0});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().index, 1);
  EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM meeting_places"), "0");
  EXPECT_EQ(Query("SELECT COUNT(*) FROM history"), "0");
  EXPECT_EQ(Query("SELECT COUNT(*) FROM audit"), "0");
  EXPECT_EQ(Query("SELECT writes FROM write_count"), "0");
  // The connection that failed went back to the pool in a usable state.
  EXPECT_EQ(Create("Tre").name, "Tre");
}

TEST_F(PostgresStoreTest, ExternalChangeStampMovesOnlyForOtherWriters) {
  std::unique_ptr<PostgresStore> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  auto first = store_->ExternalChangeStamp();
  ASSERT_TRUE(first.ok()) << first.error().message;
  MeetingPlace own = Create("Eget råd");  // this store's own write
  EXPECT_EQ(*store_->ExternalChangeStamp(), *first);
  // A write that changes nothing is no change.
  ASSERT_TRUE(store_->meeting_places().Update(own.id, Input("Eget råd"), store_contract::Council(), kWriter).ok());
  EXPECT_EQ(*store_->ExternalChangeStamp(), *first);
  // Another server commits.
  ASSERT_TRUE(other->meeting_places().Create(Input("Annet råd"), json(), false, kWriter).ok());
  auto moved = store_->ExternalChangeStamp();
  ASSERT_TRUE(moved.ok());
  EXPECT_NE(*moved, *first);
  // And it stays put until someone else commits again; the other's own write did not move its
  // own stamp.
  EXPECT_EQ(*store_->ExternalChangeStamp(), *moved);
  Create("Tredje råd");
  EXPECT_EQ(*store_->ExternalChangeStamp(), *moved);
  auto other_stamp = other->ExternalChangeStamp();
  ASSERT_TRUE(other_stamp.ok());
  ASSERT_TRUE(other->accounts().AddUser("ola", "h", Role::kAdmin, "", kWriter).ok());
  EXPECT_NE(*store_->ExternalChangeStamp(), *moved);
}

TEST_F(PostgresStoreTest, ExternalChangeStampSeesAnotherProcess) {
  auto before = store_->ExternalChangeStamp();
  ASSERT_TRUE(before.ok()) << before.error().message;
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Another process (the command line, another server) opens the database and writes; it
    // leaves without destructors, and never touches the parent's connections.
    auto opened = PostgresStore::Open(url_);
    if (!opened.ok()) _exit(2);
    if (!(*opened)->meeting_places().Create(Input("Fra en annen prosess"), json(), false, {"import", 0}).ok()) {
      _exit(3);
    }
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the child failed: " << status;
  auto after = store_->ExternalChangeStamp();
  ASSERT_TRUE(after.ok());
  EXPECT_NE(*after, *before);
  EXPECT_EQ(Names({}), (std::vector<std::string>{"Fra en annen prosess"}));
}

TEST_F(PostgresStoreTest, TwoServersWriteAtOnce) {
  // Two stores on one database, as two servers; threads of each create records and replace the
  // regions. Writes take turns on the write lock, so nothing is lost and every history row of the
  // regions starts where the one before it ended, whichever server wrote it.
  std::unique_ptr<PostgresStore> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  PostgresStore* servers[] = {store_.get(), other.get()};
  constexpr int kThreads = 6;
  constexpr int kEach = 8;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store& server = *servers[t % 2];
      for (int i = 0; i < kEach; ++i) {
        const std::string id = std::to_string(t) + "-" + std::to_string(i);
        if (!server.meeting_places().Create(Input("Rådet " + id), json(), false, kWriter).ok()) ++failures;
        if (i % 4 == 0 && !server.places().ReplaceRegions({{"r" + id, "Region " + id, {"03"}}}, kWriter).ok()) {
          ++failures;
        }
        MeetingPlaceQuery q;
        q.text = "rådet";
        if (!server.meeting_places().List(q).ok()) ++failures;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*store_->meeting_places().Count(false), kThreads * kEach);
  EXPECT_EQ(*other->meeting_places().Count(false), kThreads * kEach);
  const int replacements = kThreads * (kEach / 4);
  EXPECT_EQ(store_->journal().AuditLog(1000)->size(), static_cast<std::size_t>(kThreads * kEach + replacements));
  auto history = store_->journal().History("regions", "");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), static_cast<std::size_t>(replacements));
  for (std::size_t i = 0; i + 1 < history->size(); ++i) {
    EXPECT_EQ((*history)[i].changes.at(0).before, (*history)[i + 1].changes.at(0).after) << i;
  }
  // Each server's change stamp moved by the other's writes.
  EXPECT_EQ(Query("SELECT writes FROM write_count"), std::to_string(kThreads * kEach + replacements));
}

TEST_F(PostgresStoreTest, ThePoolStaysWithinItsSize) {
  postgres::Database::Options small;
  small.pool_size = 2;
  std::unique_ptr<PostgresStore> store = OpenAnother(small);
  ASSERT_NE(store, nullptr);
  Create("Rådet");
  std::atomic<int> failures{0};
  std::atomic<int> most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        MeetingPlaceQuery q;
        q.text = "rådet";
        if (store->meeting_places().List(q)->total != 1) ++failures;
        int open = store->OpenConnections();
        int seen = most.load();
        while (open > seen && !most.compare_exchange_weak(seen, open)) {
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(most.load(), 2);
  EXPECT_GE(most.load(), 1);
}

TEST_F(PostgresStoreTest, LostConnectionsAreReplaced) {
  MeetingPlace p = Create("Rådet");
  ASSERT_GE(store_->OpenConnections(), 1);
  // The server ends every connection to the database, as a restart would.
  ASSERT_TRUE(
      Query("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = $1 AND pid <> pg_backend_pid()",
            {database_->name()}));
  // The pool notices the closed connections when it lends them, and opens new ones.
  for (int i = 0; i < 50 && Query("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = $1 AND "
                                  "pid <> pg_backend_pid()",
                                  {database_->name()}) != "0";
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto got = store_->meeting_places().Get(p.id);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->name, "Rådet");
  EXPECT_TRUE(store_->meeting_places().Update(p.id, Input("Rådet", "0301", "Ny tekst"), json(), kWriter).ok());
}

TEST_F(PostgresStoreTest, BackupIsLeftToPgDump) {
  Status backup = store_->Backup("/tmp/never-written.sqlite");
  ASSERT_FALSE(backup.ok());
  EXPECT_EQ(backup.error().code, ErrorCode::kInvalid);
  EXPECT_NE(backup.error().message.find("pg_dump"), std::string::npos) << backup.error().message;
  EXPECT_FALSE(std::filesystem::exists("/tmp/never-written.sqlite"));
}

// ---- Where PostgreSQL differs, and what it must not -------------------------------------------

TEST_F(PostgresStoreTest, SearchTextIsNeverQuerySyntax) {
  Create("O'Brien-rådet", "0301", "Om \\ og ' og : og & og | og ! og *");
  for (const char* text : {"'", "\\", "o'brien", "&", "| !", "a:*", "'a' & 'b'", "\"NEAR(* OR", "):*(", "b\\"}) {
    MeetingPlaceQuery q;
    q.text = text;
    auto page = store_->meeting_places().List(q);
    EXPECT_TRUE(page.ok()) << text << ": " << page.error().message;
  }
  EXPECT_EQ(Search("o'brien"), (std::vector<std::string>{"O'Brien-rådet"}));
  EXPECT_TRUE(Search("'a' & 'b'").empty());
}

TEST_F(PostgresStoreTest, TextThatPostgresqlCannotHoldIsRefused) {
  // PostgreSQL's text cannot hold U+0000 (SQLite's can): refused, never cut short.
  auto created = store_->meeting_places().Create(Input("Rådet", "0301", std::string("før\0etter", 10)), json(), false,
                                                 kWriter);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM meeting_places"), "0");
  // Nor can a username hold bytes that are not UTF-8.
  auto user = store_->accounts().AddUser("kari\xff", "h", Role::kAdmin, "", kWriter);
  ASSERT_FALSE(user.ok());
  EXPECT_EQ(user.error().code, ErrorCode::kInvalid);
}

TEST_F(PostgresStoreTest, UsernamesFoldOnlyAsciiCase) {
  // As SQLite's NOCASE: A-Z fold, other letters compare as written, whatever the database's
  // locale.
  ASSERT_TRUE(store_->accounts().AddUser("Åse", "h", Role::kAdmin, "", kWriter).ok());
  EXPECT_TRUE(store_->accounts().FindUser("Åse").ok());
  EXPECT_TRUE(store_->accounts().FindUser("ÅSE").ok());
  EXPECT_EQ(store_->accounts().FindUser("åse").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store_->accounts().AddUser("åse", "h", Role::kAdmin, "", kWriter).ok());
}

}  // namespace

// ---- The contract suites, on PostgreSQL -------------------------------------------------------

namespace store_contract {

INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, MeetingPlaceStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, PlaceStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, AccountStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, JournalStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, TransferStoreContractTest, PostgresBackend);

}  // namespace store_contract
}  // namespace moteplass
