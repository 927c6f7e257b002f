// The contract of MeetingPlaceStore (store/meeting_place_store.h) as a typed test suite that
// every backend instantiates (store_fixture.h says how): what a write stores and derives, the
// history and audit rows it leaves (read through journal()), versions and conflicts, writes that
// change nothing, soft deletion, recorded kinds, Norwegian order, full-text search, filters,
// paging, imports and the example data.
#pragma once

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class MeetingPlaceStoreContractTest : public StoreContractTest<Backend> {};

TYPED_TEST_SUITE_P(MeetingPlaceStoreContractTest);

// ---- Writes: what they store, derive and record ------------------------------------------------

TYPED_TEST_P(MeetingPlaceStoreContractTest, CreateDerivesColumnsAndRecordsHistoryAndAudit) {
  MeetingPlaceInput in = Input("Innvandrerrådet", "4601", "Rådet møtes **seks** ganger i året.");
  in.contact = {"post@example.org", "+47 55 00 00 00"};
  in.website = "https://example.org";
  in.established = "2001-01-01";
  auto created = this->meeting_places().Create(in, Council(), false, {"kari", 0});
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
  EXPECT_EQ(p.input.contact.email, "post@example.org");
  EXPECT_EQ(p.input.contact.phone, "+47 55 00 00 00");
  EXPECT_EQ(p.input.website, "https://example.org");
  EXPECT_EQ(p.input.established, "2001-01-01");
  EXPECT_EQ(p.input.description, in.description);
  EXPECT_TRUE(p.input.is_public);
  EXPECT_EQ(p.input.profile, in.profile);
  EXPECT_EQ(p.created_at.size(), 20u);
  EXPECT_EQ(p.created_at.back(), 'Z');
  EXPECT_EQ(p.created_at[10], 'T');
  EXPECT_EQ(p.updated_at, p.created_at);
  EXPECT_TRUE(p.deleted_at.empty());
  EXPECT_FALSE(p.example);
  EXPECT_FALSE(p.recorded_kind.has_value());

  // Get returns what Create returned.
  auto got = this->meeting_places().Get(p.id);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->name, p.name);
  EXPECT_EQ(got->region, p.region);
  EXPECT_EQ(got->input.profile, in.profile);
  EXPECT_EQ(got->created_at, p.created_at);

  std::vector<HistoryEntry> history = this->HistoryOf(p);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].action, "create");
  EXPECT_EQ(history[0].by, "kari");
  EXPECT_EQ(history[0].at.size(), 20u);
  auto name_change = std::find_if(history[0].changes.begin(), history[0].changes.end(),
                                  [](const FieldChange& c) { return c.pointer == "/name"; });
  ASSERT_NE(name_change, history[0].changes.end());
  EXPECT_EQ(name_change->after, "Innvandrerrådet");

  std::vector<AuditEntry> audit = this->Audit(10);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "meeting_place.create");
  EXPECT_EQ(audit[0].by, "kari");
  EXPECT_EQ(audit[0].target_type, "meeting_place");
  EXPECT_EQ(audit[0].target_id, std::to_string(p.id));
  EXPECT_EQ(audit[0].outcome, "ok");
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, CountyLevelPlaceHasNoMunicipality) {
  MeetingPlaceInput in;
  in.profile = Profile("Fylkesrådet", "county", "", "50");
  auto created = this->meeting_places().Create(in, nlohmann::json(), false, {"kari", 0});
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->municipality, "");
  EXPECT_EQ(created->county, "50");
  EXPECT_EQ(created->region, "midt-norge");
  EXPECT_EQ(created->kind, "");
  EXPECT_TRUE(created->classification.is_null());
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, LocationErrorsNameTheProfileField) {
  MeetingPlaceStore& mp = this->meeting_places();
  auto unknown_municipality = mp.Create(Input("X", "9999"), nlohmann::json(), false, {"kari", 0});
  ASSERT_FALSE(unknown_municipality.ok());
  EXPECT_EQ(unknown_municipality.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(unknown_municipality.error().pointer, "/profile/municipality");
  MeetingPlaceInput unknown_county;
  unknown_county.profile = Profile("X", "county", "", "99");
  auto county_error = mp.Create(unknown_county, nlohmann::json(), false, {"kari", 0});
  ASSERT_FALSE(county_error.ok());
  EXPECT_EQ(county_error.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(county_error.error().pointer, "/profile/county");
  MeetingPlaceInput wrong_county;
  wrong_county.profile = Profile("X", "municipal", "0301", "46");
  EXPECT_EQ(mp.Create(wrong_county, nlohmann::json(), false, {"kari", 0}).error().pointer, "/profile/county");
  MeetingPlaceInput no_name = Input("");
  EXPECT_EQ(mp.Create(no_name, nlohmann::json(), false, {"kari", 0}).error().pointer, "/profile/name");
  EXPECT_EQ(*mp.Count(false), 0);
  // A refused write leaves no trace in the journal.
  EXPECT_TRUE(this->Audit().empty());
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, UpdateBumpsVersionAndRecordsWhatChanged) {
  MeetingPlace p = this->Create("Rådet", "0301", "Gammel tekst");
  MeetingPlaceInput in = Input("Rådet", "0301", "Ny tekst");
  in.profile["seats"]["politicians"] = 4;
  auto updated = this->meeting_places().Update(p.id, in, Council(), {"ola", p.version});
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->id, p.id);
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->input.description, "Ny tekst");
  EXPECT_EQ(updated->input.profile["seats"]["politicians"], 4);
  EXPECT_EQ(updated->created_at, p.created_at);
  EXPECT_GE(updated->updated_at, p.updated_at);
  EXPECT_EQ(this->meeting_places().Get(p.id)->version, 2);

  std::vector<HistoryEntry> history = this->HistoryOf(p);
  ASSERT_EQ(history.size(), 2u);
  const HistoryEntry& newest = history[0];
  EXPECT_EQ(newest.action, "update");
  EXPECT_EQ(newest.by, "ola");
  EXPECT_GT(newest.id, history[1].id);
  EXPECT_EQ(history[1].action, "create");
  ASSERT_EQ(newest.changes.size(), 2u);
  EXPECT_EQ(newest.changes[0].pointer, "/description");
  EXPECT_EQ(newest.changes[0].before, "Gammel tekst");
  EXPECT_EQ(newest.changes[0].after, "Ny tekst");
  EXPECT_EQ(newest.changes[1].pointer, "/profile/seats/politicians");
  EXPECT_EQ(newest.changes[1].before, 3);
  EXPECT_EQ(newest.changes[1].after, 4);

  std::vector<AuditEntry> audit = this->Audit(10);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "meeting_place.update");
  EXPECT_EQ(audit[0].by, "ola");
  EXPECT_EQ(audit[0].target_id, std::to_string(p.id));
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, UpdateWithAStaleVersionIsAConflict) {
  MeetingPlaceStore& mp = this->meeting_places();
  MeetingPlace p = this->Create("Rådet");
  ASSERT_TRUE(mp.Update(p.id, Input("Rådet 2"), Council(), {"ola", 1}).ok());
  auto stale = mp.Update(p.id, Input("Rådet 3"), Council(), {"kari", 1});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(mp.Get(p.id)->name, "Rådet 2");
  EXPECT_EQ(mp.Get(p.id)->version, 2);
  // Recording a kind checks the version the same way.
  auto stale_kind = mp.RecordKind(p.id, RecordedKind{"dialogue", "", "", ""}, {"kari", 1});
  ASSERT_FALSE(stale_kind.ok());
  EXPECT_EQ(stale_kind.error().code, ErrorCode::kConflict);
  EXPECT_EQ(mp.Get(p.id)->kind, "council");
  // The refused writes left no history or audit rows.
  EXPECT_EQ(this->HistoryOf(p).size(), 2u);
  EXPECT_EQ(this->Audit().size(), 2u);
  // Version 0 means "do not check".
  EXPECT_TRUE(mp.Update(p.id, Input("Rådet 3"), Council(), {"kari", 0}).ok());
  EXPECT_EQ(mp.Get(p.id)->version, 3);
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, UnknownIdIsNotFound) {
  MeetingPlaceStore& mp = this->meeting_places();
  EXPECT_EQ(mp.Get(42).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(mp.Update(42, Input("X"), nlohmann::json(), {"kari", 0}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(mp.Delete(42, {"kari", 0}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(mp.RecordKind(42, std::nullopt, {"kari", 0}).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(this->journal().History("meeting_place", std::to_string(42))->empty());
  EXPECT_TRUE(this->Audit().empty());
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, DeleteIsSoftAndRecorded) {
  MeetingPlaceStore& mp = this->meeting_places();
  MeetingPlace p = this->Create("Rådet", "0301", "Om idrett");
  auto stale = mp.Delete(p.id, {"kari", 7});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(mp.Delete(p.id, {"kari", 1}).ok());
  auto got = mp.Get(p.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "Rådet");
  EXPECT_FALSE(got->deleted_at.empty());
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(mp.Delete(p.id, {"kari", 0}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(mp.Update(p.id, Input("X"), nlohmann::json(), {"kari", 0}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(mp.RecordKind(p.id, std::nullopt, {"kari", 0}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(mp.List({})->total, 0);
  EXPECT_TRUE(this->Search("idrett").empty());
  MeetingPlaceQuery with_deleted;
  with_deleted.include_deleted = true;
  EXPECT_EQ(this->Names(with_deleted), (std::vector<std::string>{"Rådet"}));
  EXPECT_EQ(*mp.Count(false), 0);
  EXPECT_TRUE(mp.All()->empty());
  std::vector<HistoryEntry> history = this->HistoryOf(p);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].action, "delete");
  ASSERT_EQ(history[0].changes.size(), 1u);
  EXPECT_EQ(history[0].changes[0].pointer, "/deleted_at");
  EXPECT_EQ(this->Audit(1).at(0).action, "meeting_place.delete");
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, RecordKindOverridesAndClears) {
  MeetingPlaceStore& mp = this->meeting_places();
  MeetingPlace p = this->Create("Rådet");
  auto recorded = mp.RecordKind(p.id, RecordedKind{"dialogue", "They meet as equals.", "", ""}, {"kari", 1});
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_EQ(recorded->kind, "dialogue");
  ASSERT_TRUE(recorded->recorded_kind.has_value());
  EXPECT_EQ(recorded->recorded_kind->kind, "dialogue");
  EXPECT_EQ(recorded->recorded_kind->by, "kari");  // the writer, when the kind names nobody
  EXPECT_EQ(recorded->recorded_kind->justification, "They meet as equals.");
  EXPECT_FALSE(recorded->recorded_kind->at.empty());
  EXPECT_EQ(recorded->version, 2);
  EXPECT_EQ(recorded->classification, Council());  // the typology's verdict stays
  MeetingPlaceQuery q;
  q.kind = "dialogue";
  EXPECT_EQ(this->Names(q).size(), 1u);
  EXPECT_EQ(this->Audit(1).at(0).action, "meeting_place.record_kind");

  // An update keeps the recorded kind in force.
  auto updated = mp.Update(p.id, Input("Rådet", "0301", "Ny tekst"), Council(), {"ola", 0});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->kind, "dialogue");
  ASSERT_TRUE(updated->recorded_kind.has_value());

  auto cleared = mp.RecordKind(p.id, std::nullopt, {"kari", 0});
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared->kind, "council");
  EXPECT_FALSE(cleared->recorded_kind.has_value());
  q.kind = "council";
  EXPECT_EQ(this->Names(q).size(), 1u);
  std::vector<HistoryEntry> history = this->HistoryOf(p);
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[0].action, "record_kind");
  EXPECT_FALSE(history[0].changes.empty());
  EXPECT_EQ(mp.RecordKind(p.id, RecordedKind{}, {"kari", 0}).error().pointer, "/kind");
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, AnUpdateThatChangesNothingIsNotStored) {
  MeetingPlaceStore& mp = this->meeting_places();
  MeetingPlace p = this->Create("Rådet", "0301", "Tekst");
  auto same = mp.Update(p.id, Input("Rådet", "0301", "Tekst"), Council(), {"ola", p.version});
  ASSERT_TRUE(same.ok()) << same.error().message;
  // The record comes back as it was: no new version, no history or audit row.
  EXPECT_EQ(same->id, p.id);
  EXPECT_EQ(same->version, 1);
  EXPECT_EQ(same->updated_at, p.updated_at);
  EXPECT_EQ(same->input.description, "Tekst");
  EXPECT_EQ(mp.Get(p.id)->version, 1);
  EXPECT_EQ(this->HistoryOf(p).size(), 1u);
  EXPECT_EQ(this->Audit().size(), 1u);
  // It is still checked like any update.
  auto stale = mp.Update(p.id, Input("Rådet", "0301", "Tekst"), Council(), {"ola", 7});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  // Another verdict of the typology is a change, even for the same input.
  auto reclassified = mp.Update(p.id, Input("Rådet", "0301", "Tekst"), nlohmann::json(), {"ola", 1});
  ASSERT_TRUE(reclassified.ok()) << reclassified.error().message;
  EXPECT_EQ(reclassified->version, 2);
  EXPECT_EQ(reclassified->kind, "");
  EXPECT_EQ(this->HistoryOf(p).size(), 2u);
  EXPECT_EQ(this->Audit().size(), 2u);
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, RecordingTheSameKindAgainChangesNothing) {
  MeetingPlaceStore& mp = this->meeting_places();
  MeetingPlace p = this->Create("Rådet");
  auto first = mp.RecordKind(p.id, RecordedKind{"dialogue", "Fordi.", "", ""}, {"kari", 1});
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->version, 2);
  auto again = mp.RecordKind(p.id, RecordedKind{"dialogue", "Fordi.", "", ""}, {"ola", 2});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->version, 2);
  ASSERT_TRUE(again->recorded_kind.has_value());
  EXPECT_EQ(again->recorded_kind->by, "kari");  // as first recorded
  EXPECT_EQ(again->recorded_kind->at, first->recorded_kind->at);
  EXPECT_EQ(again->updated_at, first->updated_at);
  // The same kind named by the same author is the same too.
  auto same_author = mp.RecordKind(p.id, RecordedKind{"dialogue", "Fordi.", "kari", ""}, {"kari", 0});
  ASSERT_TRUE(same_author.ok());
  EXPECT_EQ(same_author->version, 2);
  EXPECT_EQ(this->HistoryOf(p).size(), 2u);
  EXPECT_EQ(this->Audit().size(), 2u);
  // A new justification is a change.
  auto reasoned = mp.RecordKind(p.id, RecordedKind{"dialogue", "En annen grunn.", "", ""}, {"kari", 2});
  ASSERT_TRUE(reasoned.ok());
  EXPECT_EQ(reasoned->version, 3);
  EXPECT_EQ(this->HistoryOf(p).size(), 3u);

  // Clearing a kind when none is recorded changes nothing either.
  MeetingPlace q = this->Create("Annet råd");
  auto cleared = mp.RecordKind(q.id, std::nullopt, {"kari", 1});
  ASSERT_TRUE(cleared.ok()) << cleared.error().message;
  EXPECT_EQ(cleared->version, 1);
  EXPECT_EQ(cleared->kind, "council");
  EXPECT_FALSE(cleared->recorded_kind.has_value());
  EXPECT_EQ(this->HistoryOf(q).size(), 1u);
  EXPECT_EQ(this->Audit().size(), 4u);  // p: create, two records of a kind; q: create
  // And it is still checked like any write.
  EXPECT_EQ(mp.RecordKind(q.id, std::nullopt, {"kari", 7}).error().code, ErrorCode::kConflict);
}

// ---- Lists: order, search, filters, paging ---------------------------------------------------

TYPED_TEST_P(MeetingPlaceStoreContractTest, ListSortsInNorwegianOrder) {
  for (const char* name : {"Åsnes-rådet", "Zeta-forum", "Ørland dialogforum", "Ærlig talt", "Arena", "oslo-rådet"}) {
    this->Create(name);
  }
  EXPECT_EQ(this->Names({}), (std::vector<std::string>{"Arena", "oslo-rådet", "Zeta-forum", "Ærlig talt",
                                                       "Ørland dialogforum", "Åsnes-rådet"}));
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, ListSortsByLastUpdateWhenAsked) {
  MeetingPlaceStore& mp = this->meeting_places();
  MeetingPlace a = this->Create("A");
  this->Create("B");
  MeetingPlace c = this->Create("C");
  // Timestamps have whole seconds: update A until its time is later than C's, so that the order
  // does not hang on how the store breaks ties. Each update changes something (one that changes
  // nothing is not stored).
  MeetingPlace a_now = a;
  for (int i = 0; i < 60 && a_now.updated_at <= c.updated_at; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto updated = mp.Update(a.id, Input("A", "0301", "Endring " + std::to_string(i)), Council(), kWriter);
    ASSERT_TRUE(updated.ok()) << updated.error().message;
    a_now = *updated;
  }
  ASSERT_GT(a_now.updated_at, c.updated_at);
  MeetingPlaceQuery q;
  q.sort = MeetingPlaceQuery::Sort::kUpdatedDesc;
  auto page = mp.List(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].name, "A");
  for (std::size_t i = 0; i + 1 < page->items.size(); ++i) {
    EXPECT_GE(page->items[i].updated_at, page->items[i + 1].updated_at);
  }
  // The default order is still by name.
  EXPECT_EQ(this->Names({}), (std::vector<std::string>{"A", "B", "C"}));
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, FullTextSearchStemsNorwegian) {
  this->Create("Dialogforum", "0301", "Et forum for alle møteplassene i bydelen.");
  this->Create("Innvandrerrådet i Ørland", "5057", "Rådet gir råd til kommunestyret.");
  this->Create("Kontaktutvalget", "0301", "Møteplass for innvandrere og politikere.");
  EXPECT_EQ(this->Search("møteplass"), (std::vector<std::string>{"Dialogforum", "Kontaktutvalget"}));
  EXPECT_EQ(this->Search("møteplassene"), (std::vector<std::string>{"Dialogforum", "Kontaktutvalget"}));
  EXPECT_EQ(this->Search("Ørland"), (std::vector<std::string>{"Innvandrerrådet i Ørland"}));
  EXPECT_TRUE(this->Search("Orland").empty());
  // Every term must match.
  EXPECT_EQ(this->Search("møteplass politikere"), (std::vector<std::string>{"Kontaktutvalget"}));
  EXPECT_TRUE(this->Search("møteplass kommunestyret").empty());
  // The last term also matches as a prefix (search as you type).
  EXPECT_EQ(this->Search("kontaktutv"), (std::vector<std::string>{"Kontaktutvalget"}));
  // Query syntax of any search engine in the text is just text.
  EXPECT_TRUE(this->Search("\"NEAR(* OR").empty());
  // Only punctuation: no text filter.
  EXPECT_EQ(this->Search(" ?! ").size(), 3u);
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, RelevanceRanksNameMatchesFirstAndCountsTheSame) {
  this->Create("Arbeidsgruppe for kultur", "0301", "Samarbeider med politiet om tryggere gater.");
  this->Create("Politiforum i bydelen", "0301", "Et forum.");
  this->Create("Aktivitetshuset", "0301", "Ingen treff her.");
  MeetingPlaceQuery q;
  q.text = "politi";
  EXPECT_EQ(this->Names(q), (std::vector<std::string>{"Arbeidsgruppe for kultur", "Politiforum i bydelen"}));
  q.sort = MeetingPlaceQuery::Sort::kRelevance;
  EXPECT_EQ(this->Names(q), (std::vector<std::string>{"Politiforum i bydelen", "Arbeidsgruppe for kultur"}));
  auto page = this->meeting_places().List(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 2);
  // Without search text, relevance is alphabetical order.
  q.text.clear();
  EXPECT_EQ(this->Names(q),
            (std::vector<std::string>{"Aktivitetshuset", "Arbeidsgruppe for kultur", "Politiforum i bydelen"}));
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, FullTextSearchFollowsUpdates) {
  MeetingPlace p = this->Create("Rådet", "0301", "Om idrett");
  EXPECT_EQ(this->Search("idrett").size(), 1u);
  ASSERT_TRUE(
      this->meeting_places().Update(p.id, Input("Rådet", "0301", "Om musikk"), nlohmann::json(), {"kari", 0}).ok());
  EXPECT_TRUE(this->Search("idrett").empty());
  EXPECT_EQ(this->Search("musikk").size(), 1u);
  // A new name is found as well.
  ASSERT_TRUE(this->meeting_places()
                  .Update(p.id, Input("Kulturforumet", "0301", "Om musikk"), nlohmann::json(), {"kari", 0})
                  .ok());
  EXPECT_EQ(this->Search("kulturforum"), (std::vector<std::string>{"Kulturforumet"}));
  EXPECT_TRUE(this->Search("rådet").empty());
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, FiltersByPlaceKindAndPublication) {
  this->Create("Oslo-rådet", "0301");       // Oslo, øst
  this->Create("Bergen-rådet", "4601");     // Vestland, vest
  this->Create("Stavanger-rådet", "1103");  // Rogaland, vest
  MeetingPlaceInput hidden = Input("Skjult", "4601");
  hidden.is_public = false;
  ASSERT_TRUE(this->meeting_places().Create(hidden, nlohmann::json(), false, {"kari", 0}).ok());

  MeetingPlaceQuery q;
  q.county = "46";
  EXPECT_EQ(this->Names(q), (std::vector<std::string>{"Bergen-rådet"}));
  q = {};
  q.municipality = "1103";
  EXPECT_EQ(this->Names(q), (std::vector<std::string>{"Stavanger-rådet"}));
  q = {};
  q.region = "vest";
  EXPECT_EQ(this->Names(q), (std::vector<std::string>{"Bergen-rådet", "Stavanger-rådet"}));
  q.include_unpublished = true;
  EXPECT_EQ(this->Names(q), (std::vector<std::string>{"Bergen-rådet", "Skjult", "Stavanger-rådet"}));
  // Filters and search text combine.
  q.text = "stavanger";
  EXPECT_EQ(this->Names(q), (std::vector<std::string>{"Stavanger-rådet"}));
  q = {};
  q.kind = "council";
  EXPECT_EQ(this->Names(q).size(), 3u);
  q.county = "03";
  EXPECT_EQ(this->Names(q), (std::vector<std::string>{"Oslo-rådet"}));
  EXPECT_EQ(this->meeting_places().All()->size(), 4u);  // export includes unpublished
  EXPECT_EQ(*this->meeting_places().Count(false), 4);
  // The front page's counts in one query: published and live only, per county and kind.
  ASSERT_TRUE(this->meeting_places().Delete(this->Create("Borte", "0301").id, {"kari", 0}).ok());
  auto tally = this->meeting_places().Tally();
  ASSERT_TRUE(tally.ok()) << tally.error().message;
  std::map<std::string, std::int64_t> counted;
  for (const TallyRow& row : *tally) counted[row.county + "/" + row.kind] = row.count;
  EXPECT_EQ(counted, (std::map<std::string, std::int64_t>{{"03/council", 1}, {"11/council", 1}, {"46/council", 1}}));
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, AllListsEveryLiveRecordById) {
  MeetingPlace zeta = this->Create("Zeta");
  MeetingPlace alfa = this->Create("Alfa");
  MeetingPlace gone = this->Create("Borte");
  MeetingPlaceInput hidden = Input("Skjult");
  hidden.is_public = false;
  auto skjult = this->meeting_places().Create(hidden, nlohmann::json(), false, kWriter);
  ASSERT_TRUE(skjult.ok());
  ASSERT_TRUE(this->meeting_places().Delete(gone.id, kWriter).ok());
  auto all = this->meeting_places().All();
  ASSERT_TRUE(all.ok()) << all.error().message;
  std::vector<std::int64_t> ids;
  for (const MeetingPlace& p : *all) ids.push_back(p.id);
  std::vector<std::int64_t> expected = {zeta.id, alfa.id, skjult->id};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ids, expected);
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, PagingReportsTheTotal) {
  for (char c = 'A'; c <= 'E'; ++c) this->Create(std::string(1, c));
  MeetingPlaceQuery q;
  q.per_page = 2;
  q.page = 2;
  auto page = this->meeting_places().List(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 5);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].name, "C");
  EXPECT_EQ(page->items[1].name, "D");
  q.page = 1;
  EXPECT_EQ(this->Names(q), (std::vector<std::string>{"A", "B"}));
  q.page = 3;
  EXPECT_EQ(this->Names(q), (std::vector<std::string>{"E"}));
  q.page = 4;
  auto beyond = this->meeting_places().List(q);
  ASSERT_TRUE(beyond.ok());
  EXPECT_TRUE(beyond->items.empty());
  EXPECT_EQ(beyond->total, 5);
}

// ---- Imports and example data -----------------------------------------------------------------

TYPED_TEST_P(MeetingPlaceStoreContractTest, ImportIsAllOrNothing) {
  MeetingPlaceStore& mp = this->meeting_places();
  std::vector<MeetingPlaceInput> inputs = {Input("En"), Input("To"), Input("Tre", "9999")};
  auto failed = mp.Import(inputs, {}, false, {"system", 0});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(failed.error().index, 2);
  EXPECT_EQ(failed.error().pointer, "/profile/municipality");
  EXPECT_EQ(failed.error().message.rfind("record 2: ", 0), 0u) << failed.error().message;
  EXPECT_EQ(*mp.Count(false), 0);
  EXPECT_TRUE(mp.All()->empty());
  EXPECT_TRUE(this->Audit(10).empty());

  inputs[2] = Input("Tre", "1103");
  auto imported = mp.Import(inputs, {Council(), nlohmann::json(), Council()}, false, {"system", 0});
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  ASSERT_EQ(imported->size(), 3u);
  EXPECT_EQ((*imported)[0].name, "En");
  EXPECT_EQ((*imported)[2].county, "11");
  EXPECT_EQ((*imported)[2].kind, "council");
  EXPECT_EQ((*imported)[1].kind, "");
  EXPECT_FALSE((*imported)[0].example);
  EXPECT_EQ(*mp.Count(false), 3);
  std::vector<HistoryEntry> history = this->HistoryOf((*imported)[0]);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].action, "import");
  EXPECT_EQ(history[0].by, "system");
  std::vector<AuditEntry> audit = this->Audit(10);
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[2].action, "meeting_place.import");
  EXPECT_EQ(audit[2].target_id, std::to_string((*imported)[0].id));
  EXPECT_EQ(audit[0].target_id, std::to_string((*imported)[2].id));
  // One classification per record, or none.
  EXPECT_EQ(mp.Import(inputs, {nlohmann::json()}, false, {"system", 0}).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(*mp.Count(false), 3);
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, RemoveExampleDataDeletesExamplesAndTheirHistory) {
  MeetingPlaceStore& mp = this->meeting_places();
  MeetingPlace real = this->Create("Ekte");
  auto examples = mp.Import({Input("Eksempel 1"), Input("Eksempel 2")}, {}, true, {"system", 0});
  ASSERT_TRUE(examples.ok());
  EXPECT_TRUE((*examples)[0].example);
  EXPECT_EQ(*mp.Count(true), 2);
  EXPECT_EQ(*mp.Count(false), 3);
  auto removed = mp.RemoveExamples({"kari", 0});
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 2);
  EXPECT_EQ(*mp.Count(true), 0);
  EXPECT_EQ(*mp.Count(false), 1);
  EXPECT_EQ(mp.Get((*examples)[0].id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(this->HistoryOf((*examples)[0]).empty());
  EXPECT_TRUE(mp.Get(real.id).ok());
  EXPECT_EQ(this->HistoryOf(real).size(), 1u);  // the real record keeps its history
  EXPECT_TRUE(this->Search("eksempel").empty());
  std::vector<AuditEntry> audit = this->Audit(2);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "meeting_place.remove_example");
  EXPECT_EQ(audit[0].by, "kari");
  EXPECT_EQ(audit[0].target_id, std::to_string((*examples)[1].id));
  EXPECT_EQ(audit[1].target_id, std::to_string((*examples)[0].id));
  // Nothing left to remove.
  EXPECT_EQ(*mp.RemoveExamples({"kari", 0}), 0);
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, RemoveExamplesCountsDeletedExamplesToo) {
  MeetingPlaceStore& mp = this->meeting_places();
  MeetingPlace kept = this->Create("Eksempel", "0301", "", /*example=*/true);
  MeetingPlace deleted = this->Create("Slettet eksempel", "0301", "", /*example=*/true);
  ASSERT_TRUE(mp.Delete(deleted.id, kWriter).ok());
  EXPECT_EQ(*mp.Count(true), 1);  // Count sees live records only
  auto removed = mp.RemoveExamples(kWriter);
  ASSERT_TRUE(removed.ok()) << removed.error().message;
  EXPECT_EQ(*removed, 2);  // RemoveExamples removes and counts the deleted one as well
  EXPECT_EQ(mp.Get(kept.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(mp.Get(deleted.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(this->HistoryOf(deleted).empty());
}

TYPED_TEST_P(MeetingPlaceStoreContractTest, CreatedExampleCountsAsExample) {
  MeetingPlace example = this->Create("Eksempel", "0301", "", /*example=*/true);
  EXPECT_TRUE(example.example);
  EXPECT_TRUE(this->meeting_places().Get(example.id)->example);
  EXPECT_EQ(*this->meeting_places().Count(true), 1);
  EXPECT_EQ(*this->meeting_places().Count(false), 1);
}

REGISTER_TYPED_TEST_SUITE_P(MeetingPlaceStoreContractTest, CreateDerivesColumnsAndRecordsHistoryAndAudit,
                            CountyLevelPlaceHasNoMunicipality, LocationErrorsNameTheProfileField,
                            UpdateBumpsVersionAndRecordsWhatChanged, UpdateWithAStaleVersionIsAConflict,
                            UnknownIdIsNotFound, DeleteIsSoftAndRecorded, RecordKindOverridesAndClears,
                            AnUpdateThatChangesNothingIsNotStored, RecordingTheSameKindAgainChangesNothing,
                            ListSortsInNorwegianOrder, ListSortsByLastUpdateWhenAsked, FullTextSearchStemsNorwegian,
                            RelevanceRanksNameMatchesFirstAndCountsTheSame, FullTextSearchFollowsUpdates,
                            FiltersByPlaceKindAndPublication, AllListsEveryLiveRecordById, PagingReportsTheTotal,
                            ImportIsAllOrNothing, RemoveExampleDataDeletesExamplesAndTheirHistory,
                            RemoveExamplesCountsDeletedExamplesToo, CreatedExampleCountsAsExample);

}  // namespace moteplass::store_contract
