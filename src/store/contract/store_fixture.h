// The fixture and helpers of the store's contract suites: typed GoogleTest suites, one per
// capability interface (meeting_place_store_contract.h, place_store_contract.h,
// account_store_contract.h, journal_store_contract.h), that test only what the interfaces in
// store/ promise, so that every backend is held to the same behaviour.
//
// How a backend joins. Write a traits struct whose static Open() returns a fresh store, then
// instantiate each suite with it, in namespace moteplass::store_contract (the suites' registration
// names are looked up there):
//
//   struct SqliteBackend {
//     // A new, empty store of its own per call; nullptr (after ADD_FAILURE) when it cannot open.
//     static std::unique_ptr<Store> Open();
//   };
//   namespace moteplass::store_contract {
//   INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, MeetingPlaceStoreContractTest, SqliteBackend);
//   INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, PlaceStoreContractTest, SqliteBackend);
//   INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, AccountStoreContractTest, SqliteBackend);
//   INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, JournalStoreContractTest, SqliteBackend);
//   }  // namespace moteplass::store_contract
//
// "Fresh" means what a first start gives: the 2024 counties and municipalities and the default
// IMDi regions loaded, and no meeting places, users, sessions, tokens, history or audit rows.
// The store Open() returns is destroyed at the end of each test; a backend that must clean up
// (a temporary file, a scratch schema) does it in that store's destructor. The traits may add a
// Reopen() for the backend's own tests, but the shared suites do not call it: what survives a
// restart depends on the backend, and is tested beside it (see sqlite_store_test.cc).
#pragma once

#include <concepts>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/store.h"

namespace moteplass::store_contract {

// What a backend's traits struct must offer.
template <class Backend>
concept StoreBackend = requires {
  { Backend::Open() } -> std::same_as<std::unique_ptr<Store>>;
};

// The author of most writes in the suites.
inline const WriteContext kWriter{"kari", 0};

// A valid profile (profile.schema.json), shaped like the council of typology-cases.json.
inline nlohmann::json Profile(const std::string& name, const std::string& level = "municipal",
                              const std::string& municipality = "0301", const std::string& county = "") {
  nlohmann::json p = {{"name", name},
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

// A municipal meeting place named `name` (Oslo unless told otherwise).
inline MeetingPlaceInput Input(const std::string& name, const std::string& municipality = "0301",
                               const std::string& description = "") {
  MeetingPlaceInput in;
  in.profile = Profile(name, "municipal", municipality);
  in.description = description;
  return in;
}

// The typology's verdict for Profile(): a council.
inline nlohmann::json Council() {
  return nlohmann::json{{"is_meeting_place", true}, {"kind", "council"}, {"subtype", nullptr}};
}

// Creates a council (see Input) as kWriter, failing the test when the store refuses it.
inline MeetingPlace CreatePlace(MeetingPlaceStore& store, const std::string& name,
                                const std::string& municipality = "0301", const std::string& description = "",
                                bool example = false) {
  auto created = store.Create(Input(name, municipality, description), Council(), example, kWriter);
  EXPECT_TRUE(created.ok()) << created.error().message;
  return created.ok() ? *created : MeetingPlace{};
}

// The names on the page a query lists, in the order listed.
inline std::vector<std::string> ListNames(MeetingPlaceStore& store, const MeetingPlaceQuery& query) {
  auto page = store.List(query);
  EXPECT_TRUE(page.ok()) << page.error().message;
  std::vector<std::string> names;
  if (page.ok()) {
    for (const MeetingPlace& p : page->items) names.push_back(p.name);
  }
  return names;
}

// The names a full-text search finds, otherwise with the default query.
inline std::vector<std::string> SearchNames(MeetingPlaceStore& store, const std::string& text) {
  MeetingPlaceQuery q;
  q.text = text;
  return ListNames(store, q);
}

// A fresh store from `Backend` per test (see the file comment), with short ways to its
// capabilities and the helpers above bound to it.
template <class Backend>
class StoreContractTest : public ::testing::Test {
  static_assert(StoreBackend<Backend>, "a backend needs: static std::unique_ptr<Store> Open()");

 protected:
  void SetUp() override {
    store_ = Backend::Open();
    ASSERT_NE(store_, nullptr) << "the backend could not open a store";
    // The suites count rows from zero: a store that is not empty would make them lie.
    auto count = store_->meeting_places().Count(false);
    ASSERT_TRUE(count.ok()) << count.error().message;
    ASSERT_EQ(*count, 0) << "the store has meeting places already";
    auto users = store_->accounts().ListUsers();
    ASSERT_TRUE(users.ok()) << users.error().message;
    ASSERT_TRUE(users->empty()) << "the store has users already";
    auto audit = store_->journal().AuditLog(1);
    ASSERT_TRUE(audit.ok()) << audit.error().message;
    ASSERT_TRUE(audit->empty()) << "the store has audit rows already";
  }
  void TearDown() override { store_.reset(); }

  Store& store() { return *store_; }
  MeetingPlaceStore& meeting_places() { return store_->meeting_places(); }
  PlaceStore& places() { return store_->places(); }
  AccountStore& accounts() { return store_->accounts(); }
  JournalStore& journal() { return store_->journal(); }

  MeetingPlace Create(const std::string& name, const std::string& municipality = "0301",
                      const std::string& description = "", bool example = false) {
    return CreatePlace(meeting_places(), name, municipality, description, example);
  }
  std::vector<std::string> Names(const MeetingPlaceQuery& query) { return ListNames(meeting_places(), query); }
  std::vector<std::string> Search(const std::string& text) { return SearchNames(meeting_places(), text); }

  // The history of a meeting place, failing the test when it cannot be read.
  std::vector<HistoryEntry> HistoryOf(const MeetingPlace& place) {
    auto history = journal().History("meeting_place", std::to_string(place.id));
    EXPECT_TRUE(history.ok()) << history.error().message;
    return history.ok() ? *history : std::vector<HistoryEntry>{};
  }
  // The newest `limit` audit rows, failing the test when they cannot be read.
  std::vector<AuditEntry> Audit(int limit = 100) {
    auto log = journal().AuditLog(limit);
    EXPECT_TRUE(log.ok()) << log.error().message;
    return log.ok() ? *log : std::vector<AuditEntry>{};
  }

 private:
  std::unique_ptr<Store> store_;
};

}  // namespace moteplass::store_contract
