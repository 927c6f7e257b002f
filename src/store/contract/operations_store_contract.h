// The contract of OperationsStore (store/operations.h) as a typed test suite that every backend
// instantiates (store_fixture.h says how): people, memberships, meetings and cases are stored as
// their documents with ids, versions and history; a person's special categories never reach the
// history as values; erasing a person keeps its memberships, anonymous; merging moves memberships
// and attendance.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/operations/records.h"
#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class OperationsStoreContractTest : public StoreContractTest<Backend> {
 protected:
  OperationsStore& ops() { return this->store().operations(); }

  ops::Record Add(ops::Kind kind, std::int64_t place, const nlohmann::json& body) {
    auto parsed = ops::Parse(kind, body);
    EXPECT_TRUE(parsed.ok()) << parsed.error().message << " " << parsed.error().pointer;
    if (!parsed.ok()) return {};
    auto created = ops().Create(kind, place, *parsed, kWriter);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? *created : ops::Record{};
  }
  ops::Record Person(const std::string& name, const nlohmann::json& extra = nlohmann::json::object()) {
    nlohmann::json body = {{"name", name}, {"gender", "woman"}};
    body.update(extra);
    return Add(ops::Kind::kPerson, 0, body);
  }
  ops::Record Membership(std::int64_t place, std::int64_t person, const std::string& seat = "immigrant_population") {
    return Add(ops::Kind::kMembership, place, {{"person", person}, {"seat", seat}, {"starts", "2023-11-01"}});
  }
  std::vector<HistoryEntry> History(const std::string& type, std::int64_t id) {
    auto h = this->journal().History(type, std::to_string(id));
    EXPECT_TRUE(h.ok()) << h.error().message;
    return h.ok() ? *h : std::vector<HistoryEntry>{};
  }
};

TYPED_TEST_SUITE_P(OperationsStoreContractTest);

TYPED_TEST_P(OperationsStoreContractTest, RecordsAreStoredWithIdsVersionsAndHistory) {
  MeetingPlace place = this->Create("Innvandrerrådet");
  ops::Record amina = this->Person("Amina Farah");
  EXPECT_EQ(amina.id, 1);
  EXPECT_EQ(amina.version, 1);
  EXPECT_EQ(amina.data["name"], "Amina Farah");
  EXPECT_FALSE(amina.created_at.empty());
  ops::Record m = this->Membership(place.id, amina.id);
  EXPECT_EQ(m.meeting_place, place.id);
  EXPECT_EQ(m.person, amina.id);
  ops::Record meeting = this->Add(ops::Kind::kMeeting, place.id, {{"starts_at", "2026-02-03T18:00:00+01:00"}});
  EXPECT_EQ(meeting.data["starts_at"], "2026-02-03T17:00:00Z");
  ops::Record c = this->Add(ops::Kind::kCase, place.id,
                            {{"title", "Høring om bosetting"}, {"kind", "hearing"}, {"received", "2026-02-01"}});
  EXPECT_EQ(c.id, 1);

  auto list = this->ops().List(ops::Kind::kMembership, place.id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  auto people = this->ops().List(ops::Kind::kPerson, place.id);
  ASSERT_TRUE(people.ok());
  ASSERT_EQ(people->size(), 1u);
  EXPECT_EQ((*people)[0].data["name"], "Amina Farah");

  nlohmann::json changed = c.data;
  changed["statement"] = "Rådet støtter forslaget.";
  auto updated = this->ops().Update(ops::Kind::kCase, c.id, changed, WriteContext{"kari", 1});
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->version, 2);
  // A stale version is refused; the same document changes nothing.
  auto stale = this->ops().Update(ops::Kind::kCase, c.id, c.data, WriteContext{"kari", 1});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto same = this->ops().Update(ops::Kind::kCase, c.id, changed, WriteContext{"kari", 2});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, 2);
  auto history = this->History("case", c.id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].action, "update");
  ASSERT_EQ(history[0].changes.size(), 1u);
  EXPECT_EQ(history[0].changes[0].pointer, "/statement");

  ASSERT_TRUE(this->ops().Delete(ops::Kind::kCase, c.id, kWriter).ok());
  auto gone = this->ops().Get(ops::Kind::kCase, c.id);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
  // The deletion keeps where the record was (and a membership's person), for OParl's deleted
  // objects; nothing of another type is listed.
  ASSERT_TRUE(this->ops().Delete(ops::Kind::kMembership, m.id, kWriter).ok());
  auto cases = this->journal().Deletions("case");
  ASSERT_TRUE(cases.ok()) << cases.error().message;
  ASSERT_EQ(cases->size(), 1u);
  EXPECT_EQ((*cases)[0].id, std::to_string(c.id));
  EXPECT_EQ((*cases)[0].entry.action, "delete");
  ASSERT_EQ((*cases)[0].entry.changes.size(), 1u);
  EXPECT_EQ((*cases)[0].entry.changes[0].pointer, "/meeting_place");
  EXPECT_EQ((*cases)[0].entry.changes[0].before, place.id);
  auto memberships = this->journal().Deletions("membership");
  ASSERT_TRUE(memberships.ok());
  ASSERT_EQ(memberships->size(), 1u);
  ASSERT_EQ((*memberships)[0].entry.changes.size(), 2u);
  EXPECT_EQ((*memberships)[0].entry.changes[1].pointer, "/person");
  EXPECT_EQ((*memberships)[0].entry.changes[1].before, amina.id);
  EXPECT_TRUE(this->journal().Deletions("meeting")->empty());
}

TYPED_TEST_P(OperationsStoreContractTest, RefusesUnknownMeetingPlacesAndPeople) {
  MeetingPlace place = this->Create("Kontaktutvalget");
  const std::size_t audited = this->Audit().size();
  auto no_place = this->ops().Create(ops::Kind::kCase, 999,
                                     {{"title", "x"}, {"kind", "hearing"}, {"received", "2026-01-01"}}, kWriter);
  ASSERT_FALSE(no_place.ok());
  EXPECT_EQ(no_place.error().code, ErrorCode::kNotFound);
  auto no_person = this->ops().Create(ops::Kind::kMembership, place.id,
                                      {{"person", 42}, {"seat", "other"}, {"starts", "2023-11-01"}}, kWriter);
  ASSERT_FALSE(no_person.ok());
  EXPECT_EQ(no_person.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(no_person.error().pointer, "/person");
  EXPECT_EQ(this->Audit().size(), audited) << "a refused write leaves no audit row";
}

TYPED_TEST_P(OperationsStoreContractTest, SpecialCategoriesNeverReachTheHistoryAsValues) {
  ops::Record p = this->Person(
      "Hodan Ali",
      {{"immigrant_background", true}, {"country_of_background", "SO"}, {"special_category_basis", "consent"}});
  nlohmann::json changed = p.data;
  changed["country_of_background"] = "declined";
  ASSERT_TRUE(this->ops().Update(ops::Kind::kPerson, p.id, changed, kWriter).ok());
  for (const HistoryEntry& e : this->History("person", p.id)) {
    for (const FieldChange& c : e.changes) {
      if (c.pointer == "/immigrant_background" || c.pointer == "/country_of_background") {
        EXPECT_TRUE(c.before.is_null()) << c.pointer;
        EXPECT_TRUE(c.after.is_null()) << c.pointer;
      }
      EXPECT_EQ(c.before.dump().find("SO"), std::string::npos);
      EXPECT_EQ(c.after.dump().find("SO"), std::string::npos);
    }
  }
}

TYPED_TEST_P(OperationsStoreContractTest, ErasingAPersonKeepsItsMembershipsAnonymous) {
  MeetingPlace place = this->Create("Innvandrerrådet");
  ops::Record p = this->Person("Ola Nordmann", {{"birth_year", 1970}});
  this->Membership(place.id, p.id, "politicians");
  ASSERT_TRUE(this->ops().Delete(ops::Kind::kPerson, p.id, kWriter).ok());
  auto erased = this->ops().Get(ops::Kind::kPerson, p.id);
  ASSERT_TRUE(erased.ok());
  EXPECT_TRUE(erased->erased);
  EXPECT_TRUE(erased->data["name"].is_null());
  EXPECT_TRUE(erased->data["birth_year"].is_null());
  EXPECT_EQ(erased->data["gender"], "woman");
  auto memberships = this->ops().List(ops::Kind::kMembership, place.id);
  ASSERT_TRUE(memberships.ok());
  EXPECT_EQ(memberships->size(), 1u);
  auto people = this->ops().List(ops::Kind::kPerson, place.id);
  ASSERT_TRUE(people.ok());
  EXPECT_TRUE(people->empty());
  // The history no longer holds the name.
  for (const HistoryEntry& e : this->History("person", p.id)) {
    for (const FieldChange& c : e.changes) EXPECT_EQ(c.after.dump().find("Nordmann"), std::string::npos);
  }
  auto again = this->ops().Delete(ops::Kind::kPerson, p.id, kWriter);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(OperationsStoreContractTest, MergingMovesMembershipsAndAttendance) {
  MeetingPlace place = this->Create("Dialogforum");
  ops::Record a = this->Person("Kari Nordmann");
  ops::Record b = this->Person("Kari Nordmann");
  ops::Record m = this->Membership(place.id, a.id);
  ops::Record meeting = this->Add(ops::Kind::kMeeting, place.id,
                                  {{"starts_at", "2026-03-01T17:00:00Z"}, {"attendance", {a.id, b.id}}});
  ASSERT_TRUE(this->ops().MergePeople(a.id, b.id, kWriter).ok());
  auto moved = this->ops().Get(ops::Kind::kMembership, m.id);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->person, b.id);
  EXPECT_EQ(moved->data["person"], b.id);
  auto met = this->ops().Get(ops::Kind::kMeeting, meeting.id);
  ASSERT_TRUE(met.ok());
  EXPECT_EQ(met->data["attendance"], nlohmann::json::array({b.id}));
  auto gone = this->ops().Get(ops::Kind::kPerson, a.id);
  ASSERT_TRUE(gone.ok());
  EXPECT_TRUE(gone->erased);
  auto self = this->ops().MergePeople(b.id, b.id, kWriter);
  ASSERT_FALSE(self.ok());
  EXPECT_EQ(self.error().code, ErrorCode::kInvalid);
}

TYPED_TEST_P(OperationsStoreContractTest, RemovingExamplesTakesTheirPeopleAndKeepsTheRest) {
  MeetingPlace example = CreatePlace(this->meeting_places(), "Eksempelrådet", "0301", "", /*example=*/true);
  MeetingPlace real = this->Create("Det virkelige rådet");
  ops::Record only_example = this->Person("Eksempel Person");
  ops::Record in_both = this->Person("Kari Begge");
  this->Membership(example.id, only_example.id);
  this->Membership(example.id, in_both.id);
  ops::Record kept = this->Membership(real.id, in_both.id);
  ops::Record c = this->Add(ops::Kind::kCase, example.id,
                            {{"title", "x"}, {"kind", "hearing"}, {"received", "2026-01-01"}});
  auto removed = this->ops().RemoveExamples(kWriter);
  ASSERT_TRUE(removed.ok()) << removed.error().message;
  EXPECT_EQ(*removed, 4);  // two memberships, a case, a person
  EXPECT_FALSE(this->ops().Get(ops::Kind::kPerson, only_example.id).ok());
  EXPECT_TRUE(this->ops().Get(ops::Kind::kPerson, in_both.id).ok());
  EXPECT_TRUE(this->ops().Get(ops::Kind::kMembership, kept.id).ok());
  EXPECT_FALSE(this->ops().Get(ops::Kind::kCase, c.id).ok());
  EXPECT_TRUE(this->History("case", c.id).empty());
  EXPECT_TRUE(this->History("person", only_example.id).empty());
  // Then the places themselves go as before.
  auto places = this->meeting_places().RemoveExamples(kWriter);
  ASSERT_TRUE(places.ok()) << places.error().message;
  EXPECT_EQ(*places, 1);
}

// A year's cases in one go: all stored in one transaction with their history, or none.
TYPED_TEST_P(OperationsStoreContractTest, CreateAllStoresAllOrNothing) {
  MeetingPlace place = this->Create("Innvandrerrådet");
  std::vector<nlohmann::json> cases;
  for (const char* title : {"Høring om bosetting", "Høring om tolketjenesten", "Høring om skolen"}) {
    auto parsed = ops::ParseCase({{"title", title}, {"kind", "hearing"}, {"received", "2026-02-01"}});
    ASSERT_TRUE(parsed.ok());
    cases.push_back(*parsed);
  }
  auto stored = this->ops().CreateAll(ops::Kind::kCase, place.id, cases, kWriter);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  ASSERT_EQ(stored->size(), 3u);
  EXPECT_EQ((*stored)[2].data["title"], "Høring om skolen");
  EXPECT_EQ(this->History("case", (*stored)[1].id).size(), 1u);
  // One refused record (a membership of a person who does not exist) and none is stored.
  ops::Record amina = this->Person("Amina Farah");
  std::vector<nlohmann::json> members;
  for (std::int64_t person : {amina.id, std::int64_t{999}}) {
    auto parsed =
        ops::ParseMembership({{"person", person}, {"seat", "immigrant_population"}, {"starts", "2023-11-01"}});
    ASSERT_TRUE(parsed.ok());
    members.push_back(*parsed);
  }
  auto refused = this->ops().CreateAll(ops::Kind::kMembership, place.id, members, kWriter);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  EXPECT_TRUE(this->ops().List(ops::Kind::kMembership, place.id)->empty());
  auto nowhere = this->ops().CreateAll(ops::Kind::kCase, 999, cases, kWriter);
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->ops().List(ops::Kind::kCase, place.id)->size(), 3u);
}

// The bulk read (ListEvery) gives, per meeting place, what List gives.
TYPED_TEST_P(OperationsStoreContractTest, ListEveryIsWhatListGivesForEachMeetingPlace) {
  MeetingPlace a = this->Create("Innvandrerrådet");
  MeetingPlace b = this->Create("Kontaktutvalget");
  ops::Record amina = this->Person("Amina Farah");
  ops::Record ola = this->Person("Ola Nordmann");
  this->Membership(b.id, amina.id);
  this->Membership(a.id, ola.id);
  this->Membership(a.id, amina.id, "politicians");
  this->Add(ops::Kind::kMeeting, b.id, {{"starts_at", "2026-02-03T18:00:00+01:00"}});
  this->Add(ops::Kind::kMeeting, a.id, {{"starts_at", "2026-03-03T18:00:00+01:00"}});
  this->Add(ops::Kind::kCase, a.id, {{"title", "Høring"}, {"kind", "hearing"}, {"received", "2026-01-10"}});
  for (ops::Kind kind : {ops::Kind::kMembership, ops::Kind::kMeeting, ops::Kind::kCase, ops::Kind::kPerson}) {
    auto every = this->ops().ListEvery(kind);
    ASSERT_TRUE(every.ok()) << every.error().message;
    std::vector<std::int64_t> got, want;
    for (const ops::Record& r : *every) got.push_back(r.id);
    for (std::int64_t place : {a.id, b.id}) {
      auto list = this->ops().List(kind, kind == ops::Kind::kPerson ? 0 : place);
      ASSERT_TRUE(list.ok());
      for (const ops::Record& r : *list) want.push_back(r.id);
      if (kind == ops::Kind::kPerson) break;
    }
    EXPECT_EQ(got, want) << ops::EntityType(kind);
    if (kind == ops::Kind::kMembership) {
      EXPECT_EQ((*every)[0].data, (*this->ops().List(kind, a.id))[0].data);
    }
  }
}

// The analyses' narrow read (FactsForAnalysis) gives the fields the documents hold, in the order
// ListEvery gives them; the country of background only when asked for.
TYPED_TEST_P(OperationsStoreContractTest, FactsForAnalysisAreTheDocumentsFields) {
  using nlohmann::json;
  MeetingPlace a = this->Create("Innvandrerrådet");
  MeetingPlace b = this->Create("Kontaktutvalget");
  ops::Record amina = this->Person(
      "Amina Farah", {{"birth_year", 1990}, {"country_of_background", "SO"}, {"special_category_basis", "consent"}});
  ops::Record ola = this->Person("Ola Nordmann", {{"gender", "man"}});
  ops::Record gone = this->Person("Kari Nordmann",
                                  {{"country_of_background", "declined"}, {"special_category_basis", "consent"}});
  this->Membership(b.id, amina.id);
  this->Add(ops::Kind::kMembership, a.id,
            {{"person", ola.id},
             {"role", "chair"},
             {"seat", "politicians"},
             {"starts", "2020-01-01"},
             {"ends", "2024-12-31"}});
  this->Membership(a.id, gone.id);
  ASSERT_TRUE(this->ops().Delete(ops::Kind::kPerson, gone.id, kWriter).ok());
  this->Add(ops::Kind::kCase, b.id, {{"title", "Høring"}, {"kind", "hearing"}, {"received", "2026-01-10"}});
  this->Add(ops::Kind::kCase, a.id,
            {{"title", "Budsjett"},
             {"kind", "hearing"},
             {"received", "2025-03-01"},
             {"public", false},
             {"decision", {{"outcome", "partly_followed"}}}});
  this->Add(ops::Kind::kCase, a.id,
            {{"title", "Plan"}, {"kind", "hearing"}, {"received", "2025-04-01"}, {"decision", json::object()}});
  auto text = [](const json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
  };
  for (bool countries : {false, true}) {
    auto facts = this->ops().FactsForAnalysis(countries);
    ASSERT_TRUE(facts.ok()) << facts.error().message;
    auto people = this->ops().ListEvery(ops::Kind::kPerson);
    ASSERT_EQ(facts->people.size(), people->size());
    for (std::size_t i = 0; i < people->size(); ++i) {
      const json& d = (*people)[i].data;
      EXPECT_EQ(facts->people[i].id, (*people)[i].id);
      EXPECT_EQ(facts->people[i].gender, text(d, "gender"));
      EXPECT_EQ(facts->people[i].birth_year,
                d["birth_year"].is_number_integer() ? std::optional<int>(d["birth_year"].get<int>()) : std::nullopt);
      EXPECT_EQ(facts->people[i].country_of_background, countries ? text(d, "country_of_background") : "");
    }
    EXPECT_EQ(facts->people[0].birth_year, 1990);
    EXPECT_EQ(facts->people[0].country_of_background, countries ? "SO" : "");
    auto memberships = this->ops().ListEvery(ops::Kind::kMembership);
    ASSERT_EQ(facts->memberships.size(), memberships->size());
    for (std::size_t i = 0; i < memberships->size(); ++i) {
      const ops::Record& m = (*memberships)[i];
      EXPECT_EQ(facts->memberships[i].meeting_place, m.meeting_place);
      EXPECT_EQ(facts->memberships[i].person, m.person);
      EXPECT_EQ(facts->memberships[i].role, text(m.data, "role"));
      EXPECT_EQ(facts->memberships[i].starts, text(m.data, "starts"));
      EXPECT_EQ(facts->memberships[i].ends, text(m.data, "ends"));
    }
    auto cases = this->ops().ListEvery(ops::Kind::kCase);
    ASSERT_EQ(facts->cases.size(), cases->size());
    for (std::size_t i = 0; i < cases->size(); ++i) {
      const ops::Record& c = (*cases)[i];
      const json decision = c.data.value("decision", json());
      EXPECT_EQ(facts->cases[i].meeting_place, c.meeting_place);
      EXPECT_EQ(facts->cases[i].received, text(c.data, "received"));
      EXPECT_EQ(facts->cases[i].decided, decision.is_object());
      EXPECT_EQ(facts->cases[i].outcome, decision.is_object() ? text(decision, "outcome") : "");
      EXPECT_EQ(facts->cases[i].is_public, c.data.value("public", true));
    }
    EXPECT_FALSE(facts->cases[0].is_public);
    EXPECT_EQ(facts->cases[0].outcome, "partly_followed");
    EXPECT_EQ(facts->cases[1].outcome, "unknown");
    EXPECT_FALSE(facts->cases[2].decided);
  }
}

REGISTER_TYPED_TEST_SUITE_P(OperationsStoreContractTest, RecordsAreStoredWithIdsVersionsAndHistory,
                            RefusesUnknownMeetingPlacesAndPeople, SpecialCategoriesNeverReachTheHistoryAsValues,
                            ErasingAPersonKeepsItsMembershipsAnonymous, MergingMovesMembershipsAndAttendance,
                            RemovingExamplesTakesTheirPeopleAndKeepsTheRest, CreateAllStoresAllOrNothing,
                            ListEveryIsWhatListGivesForEachMeetingPlace, FactsForAnalysisAreTheDocumentsFields);

}  // namespace moteplass::store_contract
