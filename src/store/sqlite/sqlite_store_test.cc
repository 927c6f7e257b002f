#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

namespace moteplass {
namespace {

const WriteContext kCtx{"kari", 0};

using nlohmann::json;

// A fresh directory per test, removed afterwards.
class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "moteplass-store-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = (dir_ / "register.sqlite").string();
    auto opened = SqliteStore::Open(path_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // A valid profile (profile.schema.json), shaped like the council of typology-cases.json.
  static json Profile(const std::string& name, const std::string& level = "municipal",
                      const std::string& municipality = "0301", const std::string& county = "") {
    json p = {
        {"name", name},
        {"level", level},
        {"permanent", true},
        {"initiative", "authority"},
        {"seats", {{"immigrant_population", 6}, {"politicians", 3}}},
        {"immigrant_members_selected_by", "organisations_elect"},
        {"immigrant_members_represent", "organisations"},
        {"authority_role", "permanent_members"},
        {"functions", {{"hearing_body", true}, {"advisory_body", true}, {"delegated_authority", false}}},
        {"purposes", {"political_influence", "integration"}},
        {"dialogue_between_parties", true}};
    if (level == "municipal") p["municipality"] = municipality;
    if (!county.empty()) p["county"] = county;
    return p;
  }

  static MeetingPlaceInput Input(const std::string& name, const std::string& municipality = "0301",
                                 const std::string& description = "") {
    MeetingPlaceInput in;
    in.profile = Profile(name, "municipal", municipality);
    in.description = description;
    return in;
  }

  static json Council() {
    return json{{"is_meeting_place", true}, {"kind", "council"}, {"subtype", nullptr}};
  }

  MeetingPlace Create(const std::string& name, const std::string& municipality = "0301",
                      const std::string& description = "", bool example = false) {
    auto created =
        store_->meeting_places().Create(Input(name, municipality, description), Council(), example, {"kari", 0});
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? *created : MeetingPlace{};
  }

  std::vector<std::string> Names(const MeetingPlaceQuery& q) {
    auto page = store_->meeting_places().List(q);
    EXPECT_TRUE(page.ok()) << page.error().message;
    std::vector<std::string> names;
    if (page.ok()) {
      for (const auto& p : page->items) names.push_back(p.name);
    }
    return names;
  }

  std::vector<std::string> Search(const std::string& text) {
    MeetingPlaceQuery q;
    q.text = text;
    return Names(q);
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
};

// ---- Opening, migrations, places --------------------------------------------------------------

TEST_F(SqliteStoreTest, OpenAppliesMigrationsAndLoadsPlaces) {
  EXPECT_GE(store_->SchemaVersion(), 1);
  auto places = store_->places().Load();
  ASSERT_TRUE(places.ok()) << places.error().message;
  EXPECT_EQ(places->municipalities.size(), 357u);
  EXPECT_EQ(places->counties.size(), 15u);
  EXPECT_EQ(places->regions.size(), DefaultPlaces().regions.size());
  for (const County& c : places->counties) EXPECT_FALSE(c.region.empty()) << c.number;
}

TEST_F(SqliteStoreTest, FileIsInWalModeWithForeignKeys) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  // Foreign keys are on in the store's connections: an unknown municipality cannot be stored.
  auto bad = store_->meeting_places().Create(Input("X", "9999"), json(), false, {"kari", 0});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(bad.error().pointer, "/profile/municipality");
}

TEST_F(SqliteStoreTest, ReopeningKeepsEverythingAndMigrationsAreIdempotent) {
  MeetingPlace created = Create("Innvandrerrådet i Oslo");
  ASSERT_TRUE(store_->accounts().AddUser("kari", "hash", Role::kAdmin, "", kCtx).ok());
  int version = store_->SchemaVersion();
  store_.reset();
  auto reopened = SqliteStore::Open(path_);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_EQ((*reopened)->SchemaVersion(), version);
  auto got = (*reopened)->meeting_places().Get(created.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "Innvandrerrådet i Oslo");
  EXPECT_TRUE((*reopened)->accounts().FindUser("kari").ok());
  auto places = (*reopened)->places().Load();
  ASSERT_TRUE(places.ok());
  EXPECT_EQ(places->municipalities.size(), 357u);  // not loaded twice
  auto history = (*reopened)->journal().History("meeting_place", std::to_string(created.id));
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 1u);
}

TEST_F(SqliteStoreTest, SortKeysAndStemsAreRebuiltWhenTheRulesChange) {
  Create("Åsnes-rådet", "0301", "Om møteplassene");
  Create("Arena");
  store_.reset();
  // As if the rows had been written under other collation and stemming rules.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE settings SET value = 'icu-nb-0;stems-0'; "
                         "UPDATE meeting_places SET sort_key = X'00' WHERE name = 'Åsnes-rådet'; "
                         "UPDATE meeting_place_text SET name = 'x', body = 'x'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto reopened = SqliteStore::Open(path_);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  store_ = std::move(reopened).value();
  EXPECT_EQ(Names({}), (std::vector<std::string>{"Arena", "Åsnes-rådet"}));
  EXPECT_EQ(Search("møteplass"), (std::vector<std::string>{"Åsnes-rådet"}));
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
  EXPECT_EQ(store_->journal().History("meeting_place", std::to_string(store_->meeting_places().List({})->items.at(0).id))->size(), 1u);
}

TEST_F(SqliteStoreTest, FileFromANewerProgramIsRefused) {
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(
                db, "INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', '2030-01-01T00:00:00Z')",
                nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto reopened = SqliteStore::Open(path_);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.error().code, ErrorCode::kConflict);
}

TEST_F(SqliteStoreTest, OpenFailsForAnUnwritablePlace) {
  auto opened = SqliteStore::Open((dir_ / "no" / "such" / "dir" / "x.sqlite").string());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kInternal);
}

TEST_F(SqliteStoreTest, ReplaceRegionsChangesTheRegionOfRecords) {
  MeetingPlace oslo = Create("Rådet");
  EXPECT_EQ(oslo.region, "ost");
  std::vector<Region> regions = {{"hele", "Hele landet", {"03", "11"}}};
  ASSERT_TRUE(store_->places().ReplaceRegions(regions, WriteContext{"kari", 0}).ok());
  auto places = store_->places().Load();
  ASSERT_TRUE(places.ok());
  ASSERT_EQ(places->regions.size(), 1u);
  EXPECT_EQ(places->regions[0].counties, (std::vector<std::string>{"03", "11"}));
  auto oslo_county = std::find_if(places->counties.begin(), places->counties.end(),
                                  [](const County& c) { return c.number == "03"; });
  EXPECT_EQ(oslo_county->region, "hele");
  EXPECT_EQ(store_->meeting_places().Get(oslo.id)->region, "hele");
  MeetingPlaceQuery q;
  q.region = "hele";
  EXPECT_EQ(Names(q), (std::vector<std::string>{"Rådet"}));
  auto audit = store_->journal().AuditLog(1);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ((*audit)[0].action, "regions.replace");
}

TEST_F(SqliteStoreTest, CreateDerivesColumnsAndRecordsHistoryAndAudit) {
  MeetingPlaceInput in = Input("Innvandrerrådet", "4601", "Rådet møtes **seks** ganger i året.");
  in.contact = {"post@example.org", "+47 55 00 00 00"};
  in.website = "https://example.org";
  in.established = "2001-01-01";
  auto created = store_->meeting_places().Create(in, Council(), false, {"kari", 0});
  ASSERT_TRUE(created.ok()) << created.error().message;
  const MeetingPlace& p = *created;
  EXPECT_GT(p.id, 0);
  EXPECT_EQ(p.name, "Innvandrerrådet");
  EXPECT_EQ(p.level, "municipal");
  EXPECT_EQ(p.municipality, "4601");
  EXPECT_EQ(p.county, "46");
  EXPECT_EQ(p.region, "vest");
  EXPECT_EQ(p.kind, "council");
  EXPECT_EQ(p.classification, Council());
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.input.contact.phone, "+47 55 00 00 00");
  EXPECT_EQ(p.input.profile, in.profile);
  EXPECT_EQ(p.created_at.size(), 20u);
  EXPECT_EQ(p.created_at.back(), 'Z');
  EXPECT_EQ(p.created_at[10], 'T');
  EXPECT_EQ(p.updated_at, p.created_at);
  EXPECT_TRUE(p.deleted_at.empty());
  EXPECT_FALSE(p.example);

  auto history = store_->journal().History("meeting_place", std::to_string(p.id));
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].action, "create");
  EXPECT_EQ((*history)[0].by, "kari");
  auto name_change = std::find_if((*history)[0].changes.begin(), (*history)[0].changes.end(),
                                  [](const FieldChange& c) { return c.pointer == "/name"; });
  ASSERT_NE(name_change, (*history)[0].changes.end());
  EXPECT_EQ(name_change->after, "Innvandrerrådet");

  auto audit = store_->journal().AuditLog(10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "meeting_place.create");
  EXPECT_EQ((*audit)[0].by, "kari");
  EXPECT_EQ((*audit)[0].target_id, std::to_string(p.id));
  EXPECT_EQ((*audit)[0].outcome, "ok");
}

TEST_F(SqliteStoreTest, CountyLevelPlaceHasNoMunicipality) {
  MeetingPlaceInput in;
  in.profile = Profile("Fylkesrådet", "county", "", "50");
  auto created = store_->meeting_places().Create(in, json(), false, {"kari", 0});
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->municipality, "");
  EXPECT_EQ(created->county, "50");
  EXPECT_EQ(created->region, "midt-norge");
  EXPECT_EQ(created->kind, "");
  EXPECT_TRUE(created->classification.is_null());
}

TEST_F(SqliteStoreTest, LocationErrorsNameTheProfileField) {
  MeetingPlaceInput unknown_county;
  unknown_county.profile = Profile("X", "county", "", "99");
  EXPECT_EQ(store_->meeting_places().Create(unknown_county, json(), false, {"kari", 0}).error().pointer,
            "/profile/county");
  MeetingPlaceInput wrong_county;
  wrong_county.profile = Profile("X", "municipal", "0301", "46");
  EXPECT_EQ(store_->meeting_places().Create(wrong_county, json(), false, {"kari", 0}).error().pointer,
            "/profile/county");
  MeetingPlaceInput no_name = Input("");
  EXPECT_EQ(store_->meeting_places().Create(no_name, json(), false, {"kari", 0}).error().pointer, "/profile/name");
  EXPECT_EQ(*store_->meeting_places().Count(false), 0);
}

TEST_F(SqliteStoreTest, UpdateBumpsVersionAndRecordsWhatChanged) {
  MeetingPlace p = Create("Rådet", "0301", "Gammel tekst");
  MeetingPlaceInput in = Input("Rådet", "0301", "Ny tekst");
  in.profile["seats"]["politicians"] = 4;
  auto updated = store_->meeting_places().Update(p.id, in, Council(), {"ola", p.version});
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->input.description, "Ny tekst");
  EXPECT_EQ(updated->created_at, p.created_at);

  auto history = store_->journal().History("meeting_place", std::to_string(p.id));
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  const HistoryEntry& newest = (*history)[0];
  EXPECT_EQ(newest.action, "update");
  EXPECT_EQ(newest.by, "ola");
  EXPECT_GT(newest.id, (*history)[1].id);
  ASSERT_EQ(newest.changes.size(), 2u);
  EXPECT_EQ(newest.changes[0].pointer, "/description");
  EXPECT_EQ(newest.changes[0].before, "Gammel tekst");
  EXPECT_EQ(newest.changes[0].after, "Ny tekst");
  EXPECT_EQ(newest.changes[1].pointer, "/profile/seats/politicians");
  EXPECT_EQ(newest.changes[1].before, 3);
  EXPECT_EQ(newest.changes[1].after, 4);
}

TEST_F(SqliteStoreTest, UpdateWithAStaleVersionIsAConflict) {
  MeetingPlace p = Create("Rådet");
  ASSERT_TRUE(store_->meeting_places().Update(p.id, Input("Rådet 2"), Council(), {"ola", 1}).ok());
  auto stale = store_->meeting_places().Update(p.id, Input("Rådet 3"), Council(), {"kari", 1});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->meeting_places().Get(p.id)->name, "Rådet 2");
  // Version 0 means "do not check".
  EXPECT_TRUE(store_->meeting_places().Update(p.id, Input("Rådet 3"), Council(), {"kari", 0}).ok());
}

TEST_F(SqliteStoreTest, UnknownIdIsNotFound) {
  EXPECT_EQ(store_->meeting_places().Get(42).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->meeting_places().Update(42, Input("X"), json(), {"kari", 0}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->meeting_places().Delete(42, {"kari", 0}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->meeting_places().RecordKind(42, std::nullopt, {"kari", 0}).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store_->journal().History("meeting_place", std::to_string(42))->empty());
}

TEST_F(SqliteStoreTest, DeleteIsSoftAndRecorded) {
  MeetingPlace p = Create("Rådet");
  auto stale = store_->meeting_places().Delete(p.id, {"kari", 7});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store_->meeting_places().Delete(p.id, {"kari", 1}).ok());
  auto got = store_->meeting_places().Get(p.id);
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->deleted_at.empty());
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(store_->meeting_places().Delete(p.id, {"kari", 0}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->meeting_places().Update(p.id, Input("X"), json(), {"kari", 0}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->meeting_places().List({})->total, 0);
  MeetingPlaceQuery with_deleted;
  with_deleted.include_deleted = true;
  EXPECT_EQ(Names(with_deleted), (std::vector<std::string>{"Rådet"}));
  EXPECT_EQ(*store_->meeting_places().Count(false), 0);
  EXPECT_TRUE(store_->meeting_places().All()->empty());
  auto history = store_->journal().History("meeting_place", std::to_string(p.id));
  ASSERT_TRUE(history.ok());
  EXPECT_EQ((*history)[0].action, "delete");
  ASSERT_EQ((*history)[0].changes.size(), 1u);
  EXPECT_EQ((*history)[0].changes[0].pointer, "/deleted_at");
}

TEST_F(SqliteStoreTest, RecordKindOverridesAndClears) {
  MeetingPlace p = Create("Rådet");
  auto recorded =
      store_->meeting_places().RecordKind(p.id, RecordedKind{"dialogue", "They meet as equals.", "", ""}, {"kari", 1});
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_EQ(recorded->kind, "dialogue");
  ASSERT_TRUE(recorded->recorded_kind.has_value());
  EXPECT_EQ(recorded->recorded_kind->by, "kari");
  EXPECT_EQ(recorded->recorded_kind->justification, "They meet as equals.");
  EXPECT_FALSE(recorded->recorded_kind->at.empty());
  EXPECT_EQ(recorded->version, 2);
  MeetingPlaceQuery q;
  q.kind = "dialogue";
  EXPECT_EQ(Names(q).size(), 1u);

  // An update keeps the recorded kind in force.
  auto updated = store_->meeting_places().Update(p.id, Input("Rådet"), Council(), {"ola", 0});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->kind, "dialogue");

  auto cleared = store_->meeting_places().RecordKind(p.id, std::nullopt, {"kari", 0});
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared->kind, "council");
  EXPECT_FALSE(cleared->recorded_kind.has_value());
  auto history = store_->journal().History("meeting_place", std::to_string(p.id));
  ASSERT_TRUE(history.ok());
  EXPECT_EQ((*history)[0].action, "record_kind");
  EXPECT_FALSE((*history)[0].changes.empty());
  EXPECT_EQ(store_->meeting_places().RecordKind(p.id, RecordedKind{}, {"kari", 0}).error().pointer, "/kind");
}

TEST_F(SqliteStoreTest, ListSortsInNorwegianOrder) {
  for (const char* name :
       {"Åsnes-rådet", "Zeta-forum", "Ørland dialogforum", "Ærlig talt", "Arena", "oslo-rådet"}) {
    Create(name);
  }
  EXPECT_EQ(Names({}), (std::vector<std::string>{"Arena", "oslo-rådet", "Zeta-forum", "Ærlig talt",
                                                 "Ørland dialogforum", "Åsnes-rådet"}));
}

TEST_F(SqliteStoreTest, ListSortsByLastUpdateWhenAsked) {
  MeetingPlace a = Create("A");
  Create("B");
  ASSERT_TRUE(store_->meeting_places().Update(a.id, Input("A"), json(), {"kari", 0}).ok());
  MeetingPlaceQuery q;
  q.sort = MeetingPlaceQuery::Sort::kUpdatedDesc;
  // Same second: ties go to the newer id, so compare with timestamps in mind.
  auto names = Names(q);
  ASSERT_EQ(names.size(), 2u);
  auto page = store_->meeting_places().List(q);
  EXPECT_GE(page->items[0].updated_at, page->items[1].updated_at);
}

TEST_F(SqliteStoreTest, FullTextSearchStemsNorwegian) {
  Create("Dialogforum", "0301", "Et forum for alle møteplassene i bydelen.");
  Create("Innvandrerrådet i Ørland", "5057", "Rådet gir råd til kommunestyret.");
  Create("Kontaktutvalget", "0301", "Møteplass for innvandrere og politikere.");
  EXPECT_EQ(Search("møteplass"), (std::vector<std::string>{"Dialogforum", "Kontaktutvalget"}));
  EXPECT_EQ(Search("møteplassene"), (std::vector<std::string>{"Dialogforum", "Kontaktutvalget"}));
  EXPECT_EQ(Search("Ørland"), (std::vector<std::string>{"Innvandrerrådet i Ørland"}));
  EXPECT_TRUE(Search("Orland").empty());
  // Every term must match.
  EXPECT_EQ(Search("møteplass politikere"), (std::vector<std::string>{"Kontaktutvalget"}));
  EXPECT_TRUE(Search("møteplass kommunestyret").empty());
  // The last term also matches as a prefix (search as you type).
  EXPECT_EQ(Search("kontaktutv"), (std::vector<std::string>{"Kontaktutvalget"}));
  // FTS syntax in the query is just text.
  EXPECT_TRUE(Search("\"NEAR(* OR").empty());
  // Only punctuation: no text filter.
  EXPECT_EQ(Search(" ?! ").size(), 3u);
}

TEST_F(SqliteStoreTest, RelevanceRanksNameMatchesFirstAndCountsTheSame) {
  Create("Arbeidsgruppe for kultur", "0301", "Samarbeider med politiet om tryggere gater.");
  Create("Politiforum i bydelen", "0301", "Et forum.");
  Create("Aktivitetshuset", "0301", "Ingen treff her.");
  MeetingPlaceQuery q;
  q.text = "politi";
  EXPECT_EQ(Names(q), (std::vector<std::string>{"Arbeidsgruppe for kultur", "Politiforum i bydelen"}));
  q.sort = MeetingPlaceQuery::Sort::kRelevance;
  EXPECT_EQ(Names(q), (std::vector<std::string>{"Politiforum i bydelen", "Arbeidsgruppe for kultur"}));
  auto page = store_->meeting_places().List(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 2);
  // Without search text, relevance is alphabetical order.
  q.text.clear();
  EXPECT_EQ(Names(q), (std::vector<std::string>{"Aktivitetshuset", "Arbeidsgruppe for kultur", "Politiforum i bydelen"}));
}

TEST_F(SqliteStoreTest, ExternalChangeStampMovesOnlyForOtherWriters) {
  auto first = store_->ExternalChangeStamp();
  ASSERT_TRUE(first.ok()) << first.error().message;
  Create("Eget råd");  // this store's own write
  auto own = store_->ExternalChangeStamp();
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(*own, *first);
  // Another process (here: another connection) commits.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO settings (key, value) VALUES ('test', 'x')", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto other = store_->ExternalChangeStamp();
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*other, *own);
}

TEST_F(SqliteStoreTest, FullTextSearchFollowsUpdates) {
  MeetingPlace p = Create("Rådet", "0301", "Om idrett");
  EXPECT_EQ(Search("idrett").size(), 1u);
  ASSERT_TRUE(
      store_->meeting_places().Update(p.id, Input("Rådet", "0301", "Om musikk"), json(), {"kari", 0}).ok());
  EXPECT_TRUE(Search("idrett").empty());
  EXPECT_EQ(Search("musikk").size(), 1u);
}

TEST_F(SqliteStoreTest, FiltersByPlaceKindAndPublication) {
  Create("Oslo-rådet", "0301");       // Oslo, øst
  Create("Bergen-rådet", "4601");     // Vestland, vest
  Create("Stavanger-rådet", "1103");  // Rogaland, vest
  MeetingPlaceInput hidden = Input("Skjult", "4601");
  hidden.is_public = false;
  ASSERT_TRUE(store_->meeting_places().Create(hidden, json(), false, {"kari", 0}).ok());

  MeetingPlaceQuery q;
  q.county = "46";
  EXPECT_EQ(Names(q), (std::vector<std::string>{"Bergen-rådet"}));
  q = {};
  q.municipality = "1103";
  EXPECT_EQ(Names(q), (std::vector<std::string>{"Stavanger-rådet"}));
  q = {};
  q.region = "vest";
  EXPECT_EQ(Names(q), (std::vector<std::string>{"Bergen-rådet", "Stavanger-rådet"}));
  q.include_unpublished = true;
  EXPECT_EQ(Names(q), (std::vector<std::string>{"Bergen-rådet", "Skjult", "Stavanger-rådet"}));
  q = {};
  q.kind = "council";
  EXPECT_EQ(Names(q).size(), 3u);
  q.county = "03";
  EXPECT_EQ(Names(q), (std::vector<std::string>{"Oslo-rådet"}));
  EXPECT_EQ(store_->meeting_places().All()->size(), 4u);  // export includes unpublished
}

TEST_F(SqliteStoreTest, PagingReportsTheTotal) {
  for (char c = 'A'; c <= 'E'; ++c) Create(std::string(1, c));
  MeetingPlaceQuery q;
  q.per_page = 2;
  q.page = 2;
  auto page = store_->meeting_places().List(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 5);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].name, "C");
  EXPECT_EQ(page->items[1].name, "D");
  q.page = 3;
  EXPECT_EQ(Names(q), (std::vector<std::string>{"E"}));
  q.page = 4;
  auto beyond = store_->meeting_places().List(q);
  ASSERT_TRUE(beyond.ok());
  EXPECT_TRUE(beyond->items.empty());
  EXPECT_EQ(beyond->total, 5);
}

TEST_F(SqliteStoreTest, ImportIsAllOrNothing) {
  std::vector<MeetingPlaceInput> inputs = {Input("En"), Input("To"), Input("Tre", "9999")};
  auto failed = store_->meeting_places().Import(inputs, {}, false, {"system", 0});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().index, 2);
  EXPECT_EQ(failed.error().pointer, "/profile/municipality");
  EXPECT_EQ(failed.error().message.rfind("record 2: ", 0), 0u) << failed.error().message;
  EXPECT_EQ(*store_->meeting_places().Count(false), 0);
  EXPECT_TRUE(store_->journal().AuditLog(10)->empty());

  inputs[2] = Input("Tre", "1103");
  auto imported = store_->meeting_places().Import(inputs, {Council(), json(), Council()}, false, {"system", 0});
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  ASSERT_EQ(imported->size(), 3u);
  EXPECT_EQ((*imported)[2].county, "11");
  EXPECT_EQ((*imported)[1].kind, "");
  EXPECT_EQ(*store_->meeting_places().Count(false), 3);
  auto history = store_->journal().History("meeting_place", std::to_string((*imported)[0].id));
  ASSERT_TRUE(history.ok());
  EXPECT_EQ((*history)[0].action, "import");
  EXPECT_EQ((*history)[0].by, "system");
  auto audit = store_->journal().AuditLog(10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 3u);
  EXPECT_EQ((*audit)[2].action, "meeting_place.import");
  EXPECT_EQ((*audit)[2].target_id, std::to_string((*imported)[0].id));
  EXPECT_EQ(store_->meeting_places().Import(inputs, {json()}, false, {"system", 0}).error().code,
            ErrorCode::kInvalid);
}

TEST_F(SqliteStoreTest, ImportRollsBackWhenTheDatabaseRefusesARecord) {
  // A failure inside the transaction (not caught by the checks before it) must undo the
  // records already inserted: a trigger makes the second insert fail.
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TRIGGER refuse BEFORE INSERT ON meeting_places WHEN NEW.name = 'To' "
                           "BEGIN SELECT RAISE(ABORT, 'refused'); END",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto failed = store_->meeting_places().Import({Input("En"), Input("To")}, {}, false, {"system", 0});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().index, 1);
  MeetingPlaceQuery all;
  all.include_deleted = all.include_unpublished = true;
  EXPECT_EQ(store_->meeting_places().List(all)->total, 0);
}

TEST_F(SqliteStoreTest, RemoveExampleDataDeletesExamplesAndTheirHistory) {
  MeetingPlace real = Create("Ekte");
  auto examples =
      store_->meeting_places().Import({Input("Eksempel 1"), Input("Eksempel 2")}, {}, true, {"system", 0});
  ASSERT_TRUE(examples.ok());
  EXPECT_TRUE((*examples)[0].example);
  EXPECT_EQ(*store_->meeting_places().Count(true), 2);
  auto removed = store_->meeting_places().RemoveExamples({"kari", 0});
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 2);
  EXPECT_EQ(*store_->meeting_places().Count(true), 0);
  EXPECT_EQ(*store_->meeting_places().Count(false), 1);
  EXPECT_EQ(store_->meeting_places().Get((*examples)[0].id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store_->journal().History("meeting_place", std::to_string((*examples)[0].id))->empty());
  EXPECT_TRUE(store_->meeting_places().Get(real.id).ok());
  EXPECT_TRUE(Search("eksempel").empty());
  auto audit = store_->journal().AuditLog(2);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].action, "meeting_place.remove_example");
  EXPECT_EQ((*audit)[0].target_id, std::to_string((*examples)[1].id));
  EXPECT_EQ((*audit)[1].target_id, std::to_string((*examples)[0].id));
}

// ---- Users, sessions, tokens ----------------------------------------------------------------

TEST_F(SqliteStoreTest, UsersAreUniqueAndCanBeDisabled) {
  auto kari = store_->accounts().AddUser("kari", "$argon2id$x", Role::kRegional, "vest", kCtx);
  ASSERT_TRUE(kari.ok()) << kari.error().message;
  EXPECT_GT(kari->id, 0);
  EXPECT_EQ(kari->role, Role::kRegional);
  EXPECT_EQ(kari->scope, "vest");
  EXPECT_FALSE(kari->created_at.empty());
  auto again = store_->accounts().AddUser("Kari", "h", Role::kAdmin, "", kCtx);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store_->accounts().AddUser("ola", "h2", Role::kResearcher, "", kCtx).ok());

  auto users = store_->accounts().ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].username, "kari");
  EXPECT_EQ(*store_->accounts().PasswordHash("kari"), "$argon2id$x");
  EXPECT_EQ(store_->accounts().PasswordHash("nobody").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->accounts().FindUserById(kari->id)->username, "kari");
  EXPECT_EQ(store_->accounts().FindUser("nobody").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->accounts().FindUserById(999).error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(store_->accounts().SetUserDisabled("kari", true, kCtx).ok());
  EXPECT_TRUE(store_->accounts().FindUser("kari")->disabled);
  ASSERT_TRUE(store_->accounts().SetUserDisabled("kari", false, kCtx).ok());
  EXPECT_FALSE(store_->accounts().FindUser("kari")->disabled);
  EXPECT_EQ(store_->accounts().SetUserDisabled("nobody", true, kCtx).error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, SessionsExpireAndEnd) {
  auto kari = store_->accounts().AddUser("kari", "h", Role::kAdmin, "", kCtx);
  ASSERT_TRUE(kari.ok());
  ASSERT_TRUE(store_->accounts().CreateSession({"live", kari->id, "csrf1", "2999-01-01T00:00:00Z"}).ok());
  ASSERT_TRUE(store_->accounts().CreateSession({"old", kari->id, "csrf2", "2001-01-01T00:00:00Z"}).ok());
  auto live = store_->accounts().FindSession("live");
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->user_id, kari->id);
  EXPECT_EQ(live->csrf_token, "csrf1");
  EXPECT_EQ(live->expires_at, "2999-01-01T00:00:00Z");
  EXPECT_EQ(store_->accounts().FindSession("old").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->accounts().FindSession("unknown").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store_->accounts().DeleteSession("live").ok());
  EXPECT_EQ(store_->accounts().FindSession("live").error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, DisabledUsersSessionsAndTokensStopWorking) {
  auto kari = store_->accounts().AddUser("kari", "h", Role::kAdmin, "", kCtx);
  ASSERT_TRUE(kari.ok());
  ASSERT_TRUE(store_->accounts().AddToken(kari->id, "tokenhash", kCtx).ok());
  ASSERT_TRUE(store_->accounts().CreateSession({"s", kari->id, "c", "2999-01-01T00:00:00Z"}).ok());
  EXPECT_EQ(store_->accounts().FindUserByToken("tokenhash")->username, "kari");
  EXPECT_EQ(store_->accounts().FindUserByToken("other").error().code, ErrorCode::kUnauthenticated);
  ASSERT_TRUE(store_->accounts().SetUserDisabled("kari", true, kCtx).ok());
  EXPECT_EQ(store_->accounts().FindUserByToken("tokenhash").error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(store_->accounts().FindSession("s").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store_->accounts().SetUserDisabled("kari", false, kCtx).ok());
  EXPECT_TRUE(store_->accounts().FindUserByToken("tokenhash").ok());
  EXPECT_EQ(store_->accounts().FindSession("s").error().code, ErrorCode::kNotFound);  // sessions do not come back
  EXPECT_EQ(store_->accounts().AddToken(999, "x", kCtx).error().code, ErrorCode::kNotFound);
}

// ---- Audit, backup, threads -----------------------------------------------------------------

TEST_F(SqliteStoreTest, AuditLogIsNewestFirst) {
  ASSERT_TRUE(store_->journal().Audit({"", "kari", "login.ok", "user", "1", "ok"}).ok());
  ASSERT_TRUE(store_->journal().Audit({"2026-11-24T10:00:00Z", "", "login.failed", "user", "", "denied"}).ok());
  auto log = store_->journal().AuditLog(10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].action, "login.failed");
  EXPECT_EQ((*log)[0].at, "2026-11-24T10:00:00Z");
  EXPECT_EQ((*log)[1].by, "kari");
  EXPECT_EQ((*log)[1].at.back(), 'Z');
  EXPECT_EQ(store_->journal().AuditLog(1)->size(), 1u);
}

TEST_F(SqliteStoreTest, BackupIsAWorkingCopy) {
  MeetingPlace p = Create("Rådet");
  ASSERT_TRUE(store_->accounts().AddUser("kari", "h", Role::kAdmin, "", kCtx).ok());
  const std::string copy = (dir_ / "backup.sqlite").string();
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
}

TEST(SqliteStoreMemory, InMemoryDatabaseWorks) {
  auto opened = SqliteStore::Open(":memory:");
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  MeetingPlaceInput in;
  in.profile = {{"name", "Rådet"}, {"level", "municipal"}, {"municipality", "0301"}};
  auto created = (*opened)->meeting_places().Create(in, json(), false, {"kari", 0});
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ((*opened)->meeting_places().List({})->total, 1);
}

}  // namespace
}  // namespace moteplass
