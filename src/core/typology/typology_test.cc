// The typology against the cases of contracts/examples (tests/typology/shared-cases.json, a
// copy) and the cases written from the report (tests/typology/report-cases.json), plus
// properties that must hold for every profile: the name never changes the verdict, and the
// reasons always explain it.
#include "core/typology/typology.h"

#include <algorithm>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "core/resources.h"

namespace moteplass {
namespace {

using nlohmann::json;

json ReadCases(const std::string& name) {
  std::ifstream in(std::string(MOTEPLASS_SOURCE_DIR) + "/tests/typology/" + name);
  if (!in) return json::array();
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

json AllCases() {
  json all = ReadCases("shared-cases.json");
  for (auto& c : ReadCases("report-cases.json")) all.push_back(c);
  return all;
}

Profile MustParse(const json& j) {
  auto p = ParseProfile(j);
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().pointer + ": " + p.error().message) << "\n" << j.dump();
  return p.ok() ? *p : Profile{};
}

std::string Describe(const json& c) { return c["case"].value("id", std::string("?")); }

TEST(Typology, EveryCaseGetsTheExpectedVerdict) {
  json cases = AllCases();
  ASSERT_GE(cases.size(), 6u);
  for (const auto& c : cases) {
    SCOPED_TRACE(Describe(c));
    json result = ToJson(Classify(MustParse(c["case"])));
    const json& expect = c["expect"];
    EXPECT_EQ(result["is_meeting_place"], expect["is_meeting_place"]) << result.dump(2);
    EXPECT_EQ(result["kind"], expect["kind"]) << result.dump(2);
    EXPECT_EQ(result["subtype"], expect["subtype"]) << result.dump(2);
    if (expect.contains("failed")) {
      EXPECT_EQ(result["failed_criteria"], expect["failed"]);
    }
    if (expect.contains("certainty")) {
      EXPECT_EQ(result["certainty"], expect["certainty"]) << result.dump(2);
    }
    if (expect.contains("also_fits")) {
      EXPECT_EQ(result["also_fits"], expect["also_fits"]) << result.dump(2);
    }
    if (expect.contains("reason_criterion_against")) {
      bool found = false;
      for (const auto& r : result["reasons"]) {
        if (r["criterion"] == expect["reason_criterion_against"] && !r["supports"].get<bool>()) found = true;
      }
      EXPECT_TRUE(found) << result.dump(2);
    }
  }
}

// Every case written for issue 15 names the report's passage it comes from.
TEST(Typology, EveryReportCaseCitesItsPassage) {
  for (const auto& c : ReadCases("report-cases.json")) {
    SCOPED_TRACE(Describe(c));
    ASSERT_TRUE(c.contains("source"));
    EXPECT_FALSE(c["source"].get<std::string>().empty());
  }
}

// A recurring event is never called one-off, in any language.
TEST(Typology, ARecurringEventIsNotCalledOneOff) {
  json event = ReadCases("shared-cases.json")[0]["case"];
  event["permanent"] = false;
  event["recurrence"] = "recurring_event";
  event["immigrant_members_selected_by"] = "open_participation";
  event["immigrant_members_represent"] = "themselves";
  event["authority_role"] = "occasional";
  event["purposes"] = {"activities", "mobilisation"};
  json r = ToJson(Classify(MustParse(event)));
  EXPECT_EQ(r["kind"], "theme_meeting");
  for (const auto& reason : r["reasons"]) {
    EXPECT_EQ(reason["text_en"].get<std::string>().find("one-off"), std::string::npos) << reason["text_en"];
    EXPECT_EQ(reason["text_nb"].get<std::string>().find("enkeltarrangement"), std::string::npos) << reason["text_nb"];
  }
}

TEST(Typology, ResultHasTheContractShape) {
  json result = ToJson(Classify(MustParse(ReadCases("shared-cases.json")[0]["case"])));
  EXPECT_EQ(result["id"], "ex-council");
  for (const char* key :
       {"is_meeting_place", "failed_criteria", "kind", "subtype", "fit", "also_fits", "certainty", "reasons"}) {
    EXPECT_TRUE(result.contains(key)) << key;
  }
  for (auto model : kModels) {
    double fit = result["fit"][std::string(model)].get<double>();
    EXPECT_GE(fit, 0.0);
    EXPECT_LE(fit, 1.0);
  }
  EXPECT_GT(result["fit"]["council"].get<double>(), result["fit"]["contact_committee"].get<double>());
  for (const auto& r : result["reasons"]) {
    for (const char* lang : {"text_nb", "text_nn", "text_en"}) {
      ASSERT_TRUE(r[lang].is_string());
      EXPECT_FALSE(r[lang].get<std::string>().empty());
      EXPECT_EQ(r[lang].get<std::string>().find('['), std::string::npos) << r[lang];  // no missing message
      EXPECT_EQ(r[lang].get<std::string>().find('{'), std::string::npos) << r[lang];  // no unfilled placeholder
    }
  }
  // The contract's example reason, word for word in English.
  bool found = false;
  for (const auto& r : result["reasons"]) {
    if (r["text_en"] == "6 of 9 standing seats (67 %) are held by the immigrant population, a clear majority")
      found = true;
  }
  EXPECT_TRUE(found) << result["reasons"].dump(2);
}

TEST(Typology, TheNameNeverChangesTheVerdict) {
  for (const auto& c : AllCases()) {
    SCOPED_TRACE(Describe(c));
    json original = ToJson(Classify(MustParse(c["case"])));
    for (const char* name : {"Innvandrerrådet", "Kontaktutvalget", "Dialogforum", "Politiforum", "x",
                             "Internasjonalt hus", "Moskeen", "Kvinnegruppa"}) {
      json renamed = c["case"];
      renamed["name"] = name;
      json result = ToJson(Classify(MustParse(renamed)));
      EXPECT_EQ(result, original) << name;
    }
  }
}

// The verdict follows from the reasons alone: every failed criterion has a reason against it;
// a meeting place has no reason against the definition and at least one reason for its kind;
// a police forum has a reason naming the police; fits are between 0 and 1.
void ExpectReasonsExplain(const json& r) {
  int against_definition = 0;
  for (const auto& reason : r["reasons"]) {
    if (reason["kind"].is_null() && !reason["supports"].get<bool>()) ++against_definition;
  }
  EXPECT_EQ(against_definition, static_cast<int>(r["failed_criteria"].size()));
  EXPECT_EQ(r["is_meeting_place"].get<bool>(), r["failed_criteria"].empty());
  if (r["is_meeting_place"].get<bool>()) {
    ASSERT_TRUE(r["kind"].is_string());
    bool for_kind = false;
    for (const auto& reason : r["reasons"]) {
      if (reason["kind"] == r["kind"] && reason["supports"].get<bool>()) for_kind = true;
    }
    EXPECT_TRUE(for_kind);
    for (const auto& other : r["also_fits"]) {
      EXPECT_NE(other, r["kind"]);
    }
    const std::string certainty = r["certainty"].get<std::string>();
    EXPECT_TRUE(certainty == "clear" || certainty == "borderline" || certainty == "no_single_model") << certainty;
    EXPECT_EQ(certainty == "borderline", certainty != "no_single_model" && !r["also_fits"].empty());
  } else {
    EXPECT_TRUE(r["kind"].is_null());
    EXPECT_TRUE(r["subtype"].is_null());
    EXPECT_TRUE(r["also_fits"].empty());
    EXPECT_TRUE(r["certainty"].is_null());
  }
  if (r["subtype"] == "police_forum") {
    EXPECT_EQ(r["kind"], "dialogue");
    bool police = false;
    for (const auto& reason : r["reasons"]) police = police || reason["criterion"] == "police";
    EXPECT_TRUE(police);
  }
  for (const auto& [model, fit] : r["fit"].items()) {
    EXPECT_GE(fit.get<double>(), 0.0) << model;
    EXPECT_LE(fit.get<double>(), 1.0) << model;
  }
}

TEST(Typology, ReasonsExplainTheVerdict) {
  json cases = AllCases();
  // Variations of every case widen the net: flip each boolean and shift each seat count.
  json profiles = json::array();
  for (const auto& c : cases) {
    profiles.push_back(c["case"]);
    for (const char* f : {"hearing_body", "advisory_body"}) {
      json v = c["case"];
      v["functions"][f] = !v["functions"][f].get<bool>();
      profiles.push_back(v);
    }
    json v = c["case"];
    v["dialogue_between_parties"] = !v["dialogue_between_parties"].get<bool>();
    profiles.push_back(v);
    for (const char* s : {"immigrant_population", "politicians", "administration", "police", "other"}) {
      for (int delta : {-3, 3}) {
        json w = c["case"];
        int n = w["seats"].value(s, 0) + delta;
        w["seats"][s] = n < 0 ? 0 : n;
        profiles.push_back(w);
      }
    }
  }
  for (const auto& profile : profiles) {
    auto parsed = ParseProfile(profile);
    if (!parsed.ok()) continue;  // a variation the schema rejects
    SCOPED_TRACE(profile.dump());
    ExpectReasonsExplain(ToJson(Classify(*parsed)));
  }
}

// A random profile drawn from the contract's schema: every enum value, boolean, count and list
// the schema allows, required fields always and optional ones half the time. Cross-field rules
// are left to ParseProfile, which rejects what the schema alone allows but the contract does not.
json RandomValue(const json& schema, std::mt19937& rng, const std::string& field) {
  auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; };
  auto between = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  if (schema.contains("enum")) return schema["enum"][between(0, static_cast<int>(schema["enum"].size()) - 1)];
  const std::string type = schema.value("type", std::string());
  if (type == "boolean") return chance(50);
  if (type == "integer" || type == "number") {
    const int lo = schema.value("minimum", 0);
    const int hi = std::min(schema.value("maximum", 40), lo + 40);
    return between(lo, hi);
  }
  if (type == "string") {
    if (field == "municipality") return chance(50) ? "0301" : "4601";
    if (field == "county") return chance(50) ? "03" : "46";
    static const char* names[] = {"Innvandrerrådet", "Kontaktutvalget", "Dialogforum", "Politiforum",
                                  "Internasjonalt hus"};
    return names[between(0, 4)];
  }
  if (type == "array") {
    json out = json::array();
    const json& items = schema["items"];
    if (items.contains("enum")) {
      for (const auto& v : items["enum"]) {
        if (chance(30)) out.push_back(v);
      }
    } else {
      for (int i = between(0, 2); i > 0; --i) out.push_back(RandomValue(items, rng, field));
    }
    return out;
  }
  json out = json::object();
  std::set<std::string> required;
  for (const auto& r : schema.value("required", json::array())) required.insert(r.get<std::string>());
  const json properties = schema.value("properties", json::object());
  for (const auto& [key, sub] : properties.items()) {
    if (key == "id") continue;
    if (required.count(key) || chance(50)) out[key] = RandomValue(sub, rng, key);
  }
  return out;
}

// Properties over thousands of random profiles, with a fixed seed so a failure can be replayed.
TEST(Typology, PropertiesHoldForRandomProfiles) {
  const json schema = json::parse(resources::Get("data/profile.schema.json"));
  std::mt19937 rng(20071);
  int valid = 0;
  int meeting_places = 0;
  for (int i = 0; i < 3000; ++i) {
    json profile = RandomValue(schema, rng, "");
    auto parsed = ParseProfile(profile);
    if (!parsed.ok()) continue;
    ++valid;
    SCOPED_TRACE(profile.dump());
    const json r = ToJson(Classify(*parsed));
    ExpectReasonsExplain(r);
    if (r["is_meeting_place"].get<bool>()) ++meeting_places;
    profile["name"] = "Et helt annet navn";
    EXPECT_EQ(ToJson(Classify(MustParse(profile))), r) << "renaming changed the verdict";
  }
  // The generator must reach both sides of the definition, or the test proves little.
  EXPECT_GT(valid, 1000);
  EXPECT_GT(meeting_places, 100);
  EXPECT_LT(meeting_places, valid - 100);
}

TEST(Typology, BoundaryCases) {
  json base = ReadCases("shared-cases.json")[0]["case"];  // a council
  // 60 % immigrant members, 40 % politicians, elected by organisations: a council.
  json sixty = base;
  sixty["seats"] = {{"immigrant_population", 6}, {"politicians", 4}};
  EXPECT_EQ(ToJson(Classify(MustParse(sixty)))["kind"], "council");
  // Half of each, appointed by the authorities, speaking for the population: a contact committee.
  json half = base;
  half["seats"] = {{"immigrant_population", 4}, {"politicians", 4}};
  half["immigrant_members_selected_by"] = "authority_appoints";
  half["immigrant_members_represent"] = "immigrant_population";
  half["rotation"] = "appointed_terms";
  half["purposes"] = {"intermediary"};
  EXPECT_EQ(ToJson(Classify(MustParse(half)))["kind"], "contact_committee");
  // A national body is not local.
  json national = base;
  national["level"] = "national";
  json r = ToJson(Classify(MustParse(national)));
  EXPECT_FALSE(r["is_meeting_place"].get<bool>());
  EXPECT_EQ(r["failed_criteria"], json::array({"not_local"}));
}

TEST(ClassifyDocument, ASingleProfileGivesAnArrayOfOne) {
  json doc = ReadCases("shared-cases.json")[1]["case"];
  auto r = ClassifyDocument(doc);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0]["kind"], "contact_committee");
}

TEST(ClassifyDocument, AnInvalidProfileNamesItsIndexIdAndField) {
  json doc = json::array();
  for (const auto& c : ReadCases("shared-cases.json")) doc.push_back(c["case"]);
  doc[3]["id"] = "mp-17";
  doc[3]["seats"]["politicians"] = -2;
  auto r = ClassifyDocument(doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(r.error().slug, "invalid_profile");
  EXPECT_EQ(r.error().pointer, "/seats/politicians");
  EXPECT_EQ(r.error().index, 3);
  EXPECT_EQ(r.error().message, "profile 3 (id \"mp-17\"): /seats/politicians: expected a whole number >= 0, got -2");
}

TEST(ClassifyDocument, OtherErrorPaths) {
  auto scalar = ClassifyDocument(json(42));
  ASSERT_FALSE(scalar.ok());
  EXPECT_EQ(scalar.error().slug, "invalid_profile");

  auto not_object = ClassifyDocument(json::array({json("x")}));
  ASSERT_FALSE(not_object.ok());
  EXPECT_EQ(not_object.error().index, 0);
  EXPECT_EQ(not_object.error().message.rfind("profile 0: ", 0), 0u) << not_object.error().message;

  json missing = ReadCases("shared-cases.json")[0]["case"];
  missing.erase("level");
  auto m = ClassifyDocument(missing);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().pointer, "/level");
  EXPECT_EQ(m.error().message, "profile 0 (id \"ex-council\"): /level: required field is missing");

  json bad_enum = ReadCases("shared-cases.json")[0]["case"];
  bad_enum["rotation"] = "sometimes";
  auto b = ClassifyDocument(bad_enum);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().pointer, "/rotation");

  auto empty = ClassifyDocument(json::array());
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(ClassificationText, SaysTheVerdictAndReasonsInEachLanguage) {
  json doc = json::array();
  for (const auto& c : ReadCases("shared-cases.json")) doc.push_back(c["case"]);
  auto r = ClassifyDocument(doc);
  ASSERT_TRUE(r.ok());
  std::string nb = ClassificationText(*r, Lang::kNb);
  EXPECT_NE(nb.find("ex-council: Innvandrerråd (rådsmodellen)"), std::string::npos) << nb;
  EXPECT_NE(nb.find("ex-police: Dialogforum (dialogmodellen), politiforum"), std::string::npos) << nb;
  EXPECT_NE(nb.find("ex-not: Ikke en møteplass"), std::string::npos) << nb;
  EXPECT_EQ(nb.find('['), std::string::npos) << nb;
  std::string en = ClassificationText(*r, Lang::kEn);
  EXPECT_NE(en.find("ex-contact: Contact committee"), std::string::npos) << en;
  std::string nn = ClassificationText(*r, Lang::kNn);
  EXPECT_NE(nn.find("Ikkje ein møteplass"), std::string::npos) << nn;
}

}  // namespace
}  // namespace moteplass
