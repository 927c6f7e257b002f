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
// writing at once, the bounded pool, lost connections, TCP keepalives, and what SQLite does
// differently.
//
// The fixture and the backend traits are in test_cluster.h; the contract suites are instantiated
// in postgres_contract_test.cc.

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <thread>

#include "core/typology/typology.h"
#include "store/postgres/connection.h"
#include "store/postgres/test_cluster.h"

namespace moteplass {
namespace {

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

TEST_F(PostgresStoreTest, StoredVerdictsAreComputedAgainWhenTheTypologyChanges) {
  const MeetingPlace created = Create("Innvandrerrådet");
  store_.reset();
  // As if the row had been classified by an older typology that called it a dialogue forum.
  ASSERT_TRUE(
      Query("UPDATE settings SET value = '1-old' WHERE key = 'typology_version'; "
            "UPDATE meeting_places SET kind = 'dialogue', computed_kind = 'dialogue', classification = "
            "'{\"kind\":\"dialogue\"}'"));
  ASSERT_NO_FATAL_FAILURE(Reopen());
  auto place = store_->meeting_places().Get(created.id);
  ASSERT_TRUE(place.ok()) << place.error().message;
  EXPECT_EQ(place->kind, "council");
  EXPECT_EQ(place->classification["kind"], "council");
  EXPECT_EQ(place->classification["certainty"], "clear");
  EXPECT_EQ(place->version, created.version) << "a new verdict is not a user's edit";
  EXPECT_EQ(Query("SELECT value FROM settings WHERE key = 'typology_version'"), TypologyVersion());
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

TEST(PostgresStoreOpen, FailsAsUnavailableWhenNoServerAnswers) {
  // Port 1 on the loopback: nothing listens there. Needs no cluster.
  auto opened = PostgresStore::Open("postgresql://moteplass@127.0.0.1:1/moteplass?connect_timeout=2");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(opened.error().message.find("cannot connect"), std::string::npos) << opened.error().message;
}

// The libpq options a connection was opened with, by keyword.
std::map<std::string, std::string> OptionsInUse(postgres::Connection& c) {
  std::map<std::string, std::string> options;
  PQconninfoOption* info = PQconninfo(c.conn());
  for (PQconninfoOption* o = info; o != nullptr && o->keyword != nullptr; ++o) {
    if (o->val != nullptr) options[o->keyword] = o->val;
  }
  PQconninfoFree(info);
  return options;
}

TEST_F(PostgresStoreTest, ConnectionsNoticeADeadNetworkPathWithinAMinuteUnlessTheUrlSaysOtherwise) {
  auto opened = postgres::Connection::Open(url_);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  std::map<std::string, std::string> options = OptionsInUse(**opened);
  EXPECT_EQ(options["keepalives"], "1");
  const int idle = std::stoi(options["keepalives_idle"]);
  const int interval = std::stoi(options["keepalives_interval"]);
  const int count = std::stoi(options["keepalives_count"]);
  EXPECT_LE(idle + interval * count, 60);
  EXPECT_EQ(options["tcp_user_timeout"], "60000");

  // What the URL sets wins.
  auto own = postgres::Connection::Open(url_ + " keepalives_idle=5 tcp_user_timeout=0");
  ASSERT_TRUE(own.ok()) << own.error().message;
  options = OptionsInUse(**own);
  EXPECT_EQ(options["keepalives_idle"], "5");
  EXPECT_EQ(options["tcp_user_timeout"], "0");
  EXPECT_EQ(options["keepalives_count"], "3");
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

TEST_F(PostgresStoreTest, AnotherProcesssWritesAreInTheJournalsChanges) {
  std::unique_ptr<PostgresStore> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  auto mark = store_->journal().ChangeMark();
  ASSERT_TRUE(mark.ok()) << mark.error().message;
  const MeetingPlace own = Create("Eget råd");
  auto theirs = other->meeting_places().Create(Input("Annet råd"), json(), false, kWriter);
  ASSERT_TRUE(theirs.ok()) << theirs.error().message;
  auto changes = store_->journal().ChangesSince(*mark, 100);
  ASSERT_TRUE(changes.ok()) << changes.error().message;
  EXPECT_EQ(changes->records, (std::vector<ChangedRecord>{{"meeting_place", std::to_string(own.id)},
                                                          {"meeting_place", std::to_string(theirs->id)}}));
  // Both processes read the same mark.
  auto after = other->journal().ChangeMark();
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(*after, changes->mark);
}

TEST_F(PostgresStoreTest, DataStampMovesForEveryCommitOwnOrOther) {
  std::unique_ptr<PostgresStore> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  auto first = store_->DataStamp();
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(*store_->DataStamp(), *first);
  Create("Eget råd");  // this store's own write
  auto own = store_->DataStamp();
  ASSERT_TRUE(own.ok());
  EXPECT_NE(*own, *first);
  ASSERT_TRUE(other->meeting_places().Create(Input("Annet råd"), json(), false, kWriter).ok());
  auto moved = store_->DataStamp();
  ASSERT_TRUE(moved.ok());
  EXPECT_NE(*moved, *own);
  EXPECT_EQ(*store_->DataStamp(), *moved);
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

}  // namespace moteplass
