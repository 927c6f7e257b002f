// The contract of TransferStore (store/transfer_store.h) as a typed test suite that every backend
// instantiates (store_fixture.h says how): the tables come parents first, in the canonical form
// (pinned here, so that every backend gives the same checksum for the same data), and a copy
// into a fresh store of the same backend keeps every record, history, account, token, audit row
// and setting, with ids, working search and sequences, all or nothing, and only into an empty
// store. The copy between backends is tested end to end by tests/api/copy.test.mjs.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/norwegian.h"
#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class TransferStoreContractTest : public StoreContractTest<Backend> {
 protected:
  TransferStore& transfer() { return this->store().transfer(); }

  // A second fresh store of the backend, as the copy's target.
  std::unique_ptr<Store> OpenTarget() {
    std::unique_ptr<Store> target = Backend::Open();
    EXPECT_NE(target, nullptr);
    return target;
  }

  // Something of every capability: meeting places created, updated, with a recorded kind and
  // deleted (and their history), replaced regions, users (one disabled), a token, a session, a
  // log-in in the audit log.
  void Fill() {
    oslo_ = this->Create("Innvandrerrådet i Oslo", "0301", "Om møteplassene i byen");
    bergen_ = this->Create("Åsane-rådet", "4601", "Et råd");
    MeetingPlace gone = this->Create("Nedlagt råd", "0301");
    gone_id_ = gone.id;
    ASSERT_TRUE(
        this->meeting_places()
            .Update(oslo_.id, Input("Innvandrerrådet i Oslo", "0301", "Ny tekst om møteplassene"), Council(), kWriter)
            .ok());
    ASSERT_TRUE(
        this->meeting_places().RecordKind(bergen_.id, RecordedKind{"dialogue", "Håndplukket.", "", ""}, kWriter).ok());
    ASSERT_TRUE(this->meeting_places().Delete(gone_id_, kWriter).ok());
    ASSERT_TRUE(this->places().ReplaceRegions({{"hele", "Hele landet", {"03", "46"}}}, kWriter).ok());
    auto kari = this->accounts().AddUser("kari", "$argon2id$hash-of-kari", Role::kAdmin, "", kWriter);
    ASSERT_TRUE(kari.ok()) << kari.error().message;
    kari_id_ = kari->id;
    ASSERT_TRUE(this->accounts().AddUser("ola", "$argon2id$hash-of-ola", Role::kMunicipal, "0301", kWriter).ok());
    ASSERT_TRUE(this->accounts().SetUserDisabled("ola", true, kWriter).ok());
    ASSERT_TRUE(this->accounts().AddToken(kari_id_, "token-hash-of-kari", kWriter).ok());
    ASSERT_TRUE(this->accounts().CreateSession({"session-hash", kari_id_, "csrf", "2999-01-01T00:00:00Z"}).ok());
    ASSERT_TRUE(this->journal().Audit({"", "kari", "login.ok", "user", std::to_string(kari_id_), "ok"}).ok());
  }

  // The source's tables, read in one snapshot.
  std::vector<TableData> Snapshot() {
    auto all = transfer().ReadAll();
    EXPECT_TRUE(all.ok()) << all.error().message;
    return all.ok() ? *all : std::vector<TableData>{};
  }

  // The table `name` of `tables` (the test fails when it is missing).
  static TableData& Table(std::vector<TableData>& tables, const std::string& name) {
    auto it = std::find_if(tables.begin(), tables.end(), [&](const TableData& t) { return t.name == name; });
    EXPECT_NE(it, tables.end()) << name;
    static TableData none;
    return it == tables.end() ? none : *it;
  }
  // The value in column `column` of `row` of `table`.
  static const nlohmann::json& At(const TableData& table, std::size_t row, const std::string& column) {
    const auto at = std::find(table.columns.begin(), table.columns.end(), column);
    EXPECT_NE(at, table.columns.end()) << table.name << "." << column;
    static const nlohmann::json none;
    if (at == table.columns.end() || row >= table.rows.size()) return none;
    return table.rows[row][static_cast<std::size_t>(at - table.columns.begin())];
  }

  MeetingPlace oslo_, bergen_;
  std::int64_t gone_id_ = 0;
  std::int64_t kari_id_ = 0;
};

TYPED_TEST_SUITE_P(TransferStoreContractTest);

TYPED_TEST_P(TransferStoreContractTest, TablesAreEveryCapabilitysParentsFirst) {
  auto tables = this->transfer().Tables();
  ASSERT_TRUE(tables.ok()) << tables.error().message;
  auto at = [&](const std::string& name) { return std::find(tables->begin(), tables->end(), name) - tables->begin(); };
  const std::ptrdiff_t none = static_cast<std::ptrdiff_t>(tables->size());
  for (const char* name : {"audit", "cases", "counties", "history", "meeting_places", "meetings", "memberships",
                           "municipalities", "people", "region_counties", "regions", "settings", "tokens", "users"}) {
    EXPECT_NE(at(name), none) << name << " is copied";
  }
  EXPECT_NE(at("suggestions"), none) << "suggestions is copied";
  // Passing state, bookkeeping and derived search text are not.
  for (const char* name : {"sessions", "login_failures", "schema_migrations", "write_count", "meeting_place_text"}) {
    EXPECT_EQ(at(name), none) << name << " is not copied";
  }
  EXPECT_LT(at("counties"), at("municipalities"));
  EXPECT_LT(at("municipalities"), at("meeting_places"));
  EXPECT_LT(at("regions"), at("region_counties"));
  EXPECT_LT(at("users"), at("tokens"));
  // Operations (contracts/operations.md): memberships after the people and places they join.
  EXPECT_LT(at("people"), at("memberships"));
  EXPECT_LT(at("meeting_places"), at("memberships"));
  EXPECT_LT(at("meeting_places"), at("meetings"));
  EXPECT_LT(at("meeting_places"), at("cases"));
  // Suggestions from the public, after the meeting places they may be about.
  EXPECT_LT(at("meeting_places"), at("suggestions"));
  // Mapping studies (contracts/studies.md): informants after their study, identities and
  // interviews after their informant. The identities move sealed; the target needs the key file.
  for (const char* name : {"guide_versions", "studies", "informants", "informant_identities", "interviews"}) {
    EXPECT_NE(at(name), none) << name << " is copied";
  }
  EXPECT_LT(at("studies"), at("informants"));
  EXPECT_LT(at("informants"), at("informant_identities"));
  EXPECT_LT(at("informants"), at("interviews"));
}

TYPED_TEST_P(TransferStoreContractTest, TablesAreReadInTheCanonicalForm) {
  MeetingPlace first = this->Create("Rådet", "0301");
  MeetingPlace second = this->Create("Arena", "0301");
  ASSERT_TRUE(this->meeting_places().Delete(second.id, kWriter).ok());
  ASSERT_TRUE(this->accounts().AddUser("kari", "h", Role::kAdmin, "", kWriter).ok());

  auto places = this->transfer().ReadTable("meeting_places");
  ASSERT_TRUE(places.ok()) << places.error().message;
  EXPECT_EQ(places->name, "meeting_places");
  EXPECT_EQ(places->key, std::vector<std::string>{"id"});
  // The derived search text is not part of it.
  EXPECT_EQ(std::count(places->columns.begin(), places->columns.end(), "search"), 0);
  ASSERT_EQ(places->rows.size(), 2u);
  // Rows in key order; integers as integers, booleans as 0 and 1, bytes as hex, NULL as null.
  EXPECT_EQ(this->At(*places, 0, "id"), first.id);
  EXPECT_EQ(this->At(*places, 1, "id"), second.id);
  EXPECT_TRUE(this->At(*places, 0, "id").is_number_integer());
  EXPECT_EQ(this->At(*places, 0, "is_public"), 1);
  EXPECT_EQ(this->At(*places, 0, "example"), 0);
  EXPECT_EQ(this->At(*places, 0, "version"), 1);
  EXPECT_EQ(this->At(*places, 0, "name"), "Rådet");
  EXPECT_EQ(this->At(*places, 0, "sort_key"), BytesValue(NorwegianSortKey("Rådet")));
  EXPECT_TRUE(this->At(*places, 0, "deleted_at").is_null());
  EXPECT_TRUE(this->At(*places, 1, "deleted_at").is_string());
  EXPECT_TRUE(this->At(*places, 0, "recorded_kind").is_null());

  auto users = this->transfer().ReadTable("users");
  ASSERT_TRUE(users.ok()) << users.error().message;
  EXPECT_EQ(this->At(*users, 0, "disabled"), 0);
  EXPECT_EQ(this->At(*users, 0, "password_hash"), "h");

  auto counties = this->transfer().ReadTable("counties");
  ASSERT_TRUE(counties.ok()) << counties.error().message;
  ASSERT_EQ(counties->rows.size(), 15u);
  EXPECT_EQ(this->At(*counties, 0, "number"), "03");
  auto names = this->transfer().Tables();
  ASSERT_TRUE(names.ok());
  for (const std::string& name : *names) {
    auto table = this->transfer().ReadTable(name);
    ASSERT_TRUE(table.ok()) << name << ": " << table.error().message;
    EXPECT_EQ(*this->transfer().Checksum(name), *TableChecksum(*table)) << name;
  }
  EXPECT_EQ(this->transfer().ReadTable("sessions").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->transfer().ReadTable("no_such_table").error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(TransferStoreContractTest, TheCanonicalFormIsPinned) {
  // Every backend hashes this text for these rows: given in any order, sorted by key; keys in
  // byte order, no whitespace, UTF-8 as is.
  TableData t{"t", {"name", "id", "key", "gone", "share"}, {"id"}, {}};
  t.rows.push_back({"b\"\n", 2, BytesValue(std::string("\x01\xff", 2)), nullptr, -3});
  t.rows.push_back({"Å", 1, BytesValue(""), nullptr, 0.5});
  EXPECT_EQ(*CanonicalText(t), R"([{"gone":null,"id":1,"key":{"hex":""},"name":"Å","share":0.5},)"
                               R"({"gone":null,"id":2,"key":{"hex":"01ff"},"name":"b\"\n","share":-3}])");
  EXPECT_EQ(*TableChecksum(t), "5005e2cc2aa50b4c1c12767266bbf91c719f1179fc9e1fa3bf7858db3e019475");
  EXPECT_EQ(*TableChecksum(TableData{"empty", {"id"}, {"id"}, {}}),
            "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945");  // SHA-256 of "[]"
  // Text that is not UTF-8 has no canonical form.
  t.rows.push_back({"\xff", 3, nullptr, nullptr, nullptr});
  EXPECT_EQ(TableChecksum(t).error().code, ErrorCode::kInvalid);
}

TYPED_TEST_P(TransferStoreContractTest, ACopyKeepsEverything) {
  ASSERT_NO_FATAL_FAILURE(this->Fill());
  std::vector<TableData> snapshot = this->Snapshot();
  std::unique_ptr<Store> target = this->OpenTarget();
  ASSERT_NE(target, nullptr);
  auto copied = target->transfer().ReplaceAll(snapshot, {"cli", 0});
  ASSERT_TRUE(copied.ok()) << copied.error().message;

  // What the copy read back, table by table, is what the source holds.
  auto tables = this->transfer().Tables();
  ASSERT_TRUE(tables.ok());
  ASSERT_EQ(copied->size(), tables->size());
  for (std::size_t i = 0; i < tables->size(); ++i) {
    const std::string& name = (*tables)[i];
    EXPECT_EQ((*copied)[i].name, name);
    auto expected = Summarize(this->Table(snapshot, name));
    ASSERT_TRUE(expected.ok());
    EXPECT_EQ((*copied)[i].rows, expected->rows) << name;
    EXPECT_EQ((*copied)[i].checksum, expected->checksum) << name;
    // And so does the target after the commit, but for the copy's own audit row.
    if (name != "audit") {
      EXPECT_EQ(*target->transfer().Checksum(name), *this->transfer().Checksum(name)) << name;
    }
  }
  EXPECT_GT(this->Table(snapshot, "meeting_places").rows.size(), 0u);

  // The copy is audited on the target, after everything copied.
  auto audit = target->journal().AuditLog(1000);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), this->Audit(1000).size() + 1);
  EXPECT_EQ((*audit)[0].action, "register.copy");
  EXPECT_EQ((*audit)[0].by, "cli");
  EXPECT_EQ((*audit)[0].target_type, "register");
  EXPECT_EQ((*audit)[0].outcome, "ok");
  EXPECT_EQ((*audit)[1].action, "login.ok");

  // The records, their order and their search text.
  MeetingPlaceQuery all;
  all.include_deleted = all.include_unpublished = true;
  EXPECT_EQ(ListNames(target->meeting_places(), all), this->Names(all));
  EXPECT_EQ(ListNames(target->meeting_places(), {}), this->Names({}));
  EXPECT_EQ(SearchNames(target->meeting_places(), "møteplass"), (std::vector<std::string>{"Innvandrerrådet i Oslo"}));
  EXPECT_EQ(SearchNames(target->meeting_places(), "åsane"), (std::vector<std::string>{"Åsane-rådet"}));
  auto oslo = target->meeting_places().Get(this->oslo_.id);
  ASSERT_TRUE(oslo.ok()) << oslo.error().message;
  EXPECT_EQ(oslo->version, 2);
  EXPECT_EQ(oslo->input.description, "Ny tekst om møteplassene");
  EXPECT_EQ(oslo->region, "hele");
  auto bergen = target->meeting_places().Get(this->bergen_.id);
  ASSERT_TRUE(bergen.ok());
  ASSERT_TRUE(bergen->recorded_kind.has_value());
  EXPECT_EQ(bergen->recorded_kind->kind, "dialogue");
  EXPECT_EQ(bergen->kind, "dialogue");
  EXPECT_EQ(*target->meeting_places().Count(false), 2);

  // The history of records and of the regions.
  auto history = target->journal().History("meeting_place", std::to_string(this->oslo_.id));
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].action, "update");
  EXPECT_EQ((*history)[0].changes.size(), this->HistoryOf(this->oslo_)[0].changes.size());
  EXPECT_EQ(target->journal().History("meeting_place", std::to_string(this->gone_id_))->size(), 2u);
  EXPECT_EQ(target->journal().History("regions", "")->size(), 1u);
  auto regions = target->places().Load();
  ASSERT_TRUE(regions.ok());
  ASSERT_EQ(regions->regions.size(), 1u);
  EXPECT_EQ(regions->regions[0].id, "hele");

  // Accounts with their password hashes and tokens; sessions are not copied.
  EXPECT_EQ(*target->accounts().PasswordHash("kari"), "$argon2id$hash-of-kari");
  EXPECT_TRUE(target->accounts().FindUser("ola")->disabled);
  auto by_token = target->accounts().FindUserByToken("token-hash-of-kari");
  ASSERT_TRUE(by_token.ok()) << by_token.error().message;
  EXPECT_EQ(by_token->id, this->kari_id_);
  EXPECT_EQ(target->accounts().FindSession("session-hash").error().code, ErrorCode::kNotFound);

  // New rows get new ids after the copied ones.
  MeetingPlace added = CreatePlace(target->meeting_places(), "Etter kopien");
  EXPECT_GT(added.id, this->gone_id_);
  auto user = target->accounts().AddUser("per", "h", Role::kResearcher, "", kWriter);
  ASSERT_TRUE(user.ok()) << user.error().message;
  EXPECT_GT(user->id, this->kari_id_ + 1);
  EXPECT_TRUE(target->journal().Audit({"", "per", "login.ok", "user", "", "ok"}).ok());
}

TYPED_TEST_P(TransferStoreContractTest, ACopyOfACopyIsTheSame) {
  ASSERT_NO_FATAL_FAILURE(this->Fill());
  std::unique_ptr<Store> middle = this->OpenTarget();
  std::unique_ptr<Store> last = this->OpenTarget();
  ASSERT_TRUE(middle && last);
  ASSERT_TRUE(middle->transfer().ReplaceAll(this->Snapshot(), {"cli", 0}).ok());
  auto again = middle->transfer().ReadAll();
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(last->transfer().ReplaceAll(*again, {"cli", 0}).ok());
  auto names = this->transfer().Tables();
  ASSERT_TRUE(names.ok());
  for (const std::string& name : *names) {
    if (name == "audit") continue;
    EXPECT_EQ(*last->transfer().Checksum(name), *this->transfer().Checksum(name)) << name;
  }
  // Each copy added its audit row.
  EXPECT_EQ(last->journal().AuditLog(1000)->size(), this->Audit(1000).size() + 2);
}

TYPED_TEST_P(TransferStoreContractTest, OnlyAnEmptyStoreIsATarget) {
  ASSERT_NO_FATAL_FAILURE(this->Fill());
  std::vector<TableData> snapshot = this->Snapshot();

  std::unique_ptr<Store> with_place = this->OpenTarget();
  ASSERT_NE(with_place, nullptr);
  CreatePlace(with_place->meeting_places(), "Finnes fra før");
  auto refused = with_place->transfer().ReplaceAll(snapshot, {"cli", 0});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("meeting_places 1 row"), std::string::npos) << refused.error().message;
  EXPECT_EQ(*with_place->meeting_places().Count(false), 1);
  EXPECT_EQ(with_place->journal().AuditLog(100)->size(), 1u);  // its create, and no copy
  EXPECT_TRUE(with_place->accounts().ListUsers()->empty());

  std::unique_ptr<Store> with_user = this->OpenTarget();
  ASSERT_NE(with_user, nullptr);
  ASSERT_TRUE(with_user->accounts().AddUser("admin", "h", Role::kAdmin, "", kWriter).ok());
  refused = with_user->transfer().ReplaceAll(snapshot, {"cli", 0});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("users"), std::string::npos) << refused.error().message;
  EXPECT_EQ(*with_user->meeting_places().Count(false), 0);

  // Nor is the source itself.
  EXPECT_EQ(this->transfer().ReplaceAll(snapshot, {"cli", 0}).error().code, ErrorCode::kConflict);
}

TYPED_TEST_P(TransferStoreContractTest, ACopyIsAllOrNothing) {
  ASSERT_NO_FATAL_FAILURE(this->Fill());
  std::unique_ptr<Store> target = this->OpenTarget();
  ASSERT_NE(target, nullptr);
  auto fresh_regions = target->places().Load();
  ASSERT_TRUE(fresh_regions.ok());
  auto unchanged = [&] {
    EXPECT_EQ(*target->meeting_places().Count(false), 0);
    EXPECT_TRUE(target->accounts().ListUsers()->empty());
    EXPECT_TRUE(target->journal().AuditLog(10)->empty());
    auto places = target->places().Load();
    ASSERT_TRUE(places.ok());
    EXPECT_EQ(places->counties.size(), 15u);
    EXPECT_EQ(places->municipalities.size(), 357u);
    EXPECT_EQ(places->regions.size(), fresh_regions->regions.size());
  };

  // A token of a user that does not exist: the database refuses the last table's row, after the
  // others were written; none of them stays.
  std::vector<TableData> orphan = this->Snapshot();
  TableData& tokens = this->Table(orphan, "tokens");
  std::vector<nlohmann::json> row = tokens.rows.at(0);
  row[static_cast<std::size_t>(std::find(tokens.columns.begin(), tokens.columns.end(), "user_id") -
                               tokens.columns.begin())] = 999;
  row[static_cast<std::size_t>(std::find(tokens.columns.begin(), tokens.columns.end(), "hash") -
                               tokens.columns.begin())] = "another-hash";
  tokens.rows.push_back(row);
  auto failed = target->transfer().ReplaceAll(orphan, {"cli", 0});
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("tokens"), std::string::npos) << failed.error().message;
  unchanged();

  // A table the target does not have, holding rows.
  std::vector<TableData> unknown = this->Snapshot();
  unknown.push_back(TableData{"no_such_table", {"id"}, {"id"}, {{1}}});
  failed = target->transfer().ReplaceAll(unknown, {"cli", 0});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
  EXPECT_NE(failed.error().message.find("no_such_table"), std::string::npos) << failed.error().message;
  unchanged();

  // Columns that differ from the target's.
  std::vector<TableData> renamed = this->Snapshot();
  TableData& users = this->Table(renamed, "users");
  *std::find(users.columns.begin(), users.columns.end(), "scope") = "area";
  failed = target->transfer().ReplaceAll(renamed, {"cli", 0});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
  EXPECT_NE(failed.error().message.find("users"), std::string::npos) << failed.error().message;
  unchanged();

  // A value that is not canonical.
  std::vector<TableData> bad = this->Snapshot();
  this->Table(bad, "audit").rows.at(0).at(1) = nlohmann::json::array();
  failed = target->transfer().ReplaceAll(bad, {"cli", 0});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalid);
  unchanged();

  // And then the real thing goes through.
  EXPECT_TRUE(target->transfer().ReplaceAll(this->Snapshot(), {"cli", 0}).ok());
  EXPECT_EQ(*target->meeting_places().Count(false), 2);
}

TYPED_TEST_P(TransferStoreContractTest, TheIdentityNamesTheDatabase) {
  std::unique_ptr<Store> other = this->OpenTarget();
  ASSERT_NE(other, nullptr);
  auto mine = this->transfer().Identity();
  ASSERT_TRUE(mine.ok()) << mine.error().message;
  EXPECT_FALSE(mine->empty());
  EXPECT_EQ(*this->transfer().Identity(), *mine);
  EXPECT_NE(*other->transfer().Identity(), *mine);
}

REGISTER_TYPED_TEST_SUITE_P(TransferStoreContractTest, TablesAreEveryCapabilitysParentsFirst,
                            TablesAreReadInTheCanonicalForm, TheCanonicalFormIsPinned, ACopyKeepsEverything,
                            ACopyOfACopyIsTheSame, OnlyAnEmptyStoreIsATarget, ACopyIsAllOrNothing,
                            TheIdentityNamesTheDatabase);

}  // namespace moteplass::store_contract
