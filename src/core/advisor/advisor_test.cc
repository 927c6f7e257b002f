// The advisor: one case per piece of the report's advice (tests/advisor/report-cases.json, each
// with its source), properties that must hold for every situation, the input's validation and
// the examples from the register.
#include "core/advisor/advisor.h"

#include <fstream>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "core/json_text.h"

namespace moteplass::advisor {
namespace {

using nlohmann::json;

const Places& TestPlaces() {
  static const Places places = DefaultPlaces();
  return places;
}

json ReadCases() {
  std::ifstream in(std::string(MOTEPLASS_SOURCE_DIR) + "/tests/advisor/report-cases.json");
  return json::parse(in);
}

std::vector<RegisterPlace> ParseRegister(const json& list) {
  std::vector<RegisterPlace> out;
  for (const auto& p : list) {
    out.push_back({p["id"].get<std::int64_t>(), p["name"].get<std::string>(), p["municipality"].get<std::string>(),
                   p["county"].get<std::string>(), p["region"].get<std::string>(), p["kind"].get<std::string>(), "", "",
                   ""});
  }
  return out;
}

json AdviseJson(const json& body, std::vector<RegisterPlace> published = {}, bool has_register = false) {
  AdviceContext ctx(TestPlaces());
  ctx.published = std::move(published);
  ctx.has_register = has_register;
  auto result = AdviseDocument(body, ctx);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? *result : json::object();
}

const json* Ranked(const json& advice, const std::string& kind) {
  for (const auto& r : advice["ranking"]) {
    if (r["kind"] == kind) return &r;
  }
  return nullptr;
}

std::size_t Position(const json& advice, const std::string& kind) {
  for (std::size_t i = 0; i < advice["ranking"].size(); ++i) {
    if (advice["ranking"][i]["kind"] == kind) return i;
  }
  return 99;
}

const json* Step(const json& advice, const std::string& slug) {
  for (const auto& s : advice["checklist"]) {
    if (s["step"] == slug) return &s;
  }
  return nullptr;
}

TEST(AdvisorReport, EveryCaseGetsTheAdviceOfItsPassage) {
  const json cases = ReadCases();
  ASSERT_GE(cases.size(), 20u);
  std::set<std::string> ids;
  for (const auto& c : cases) {
    const std::string id = c["id"].get<std::string>();
    SCOPED_TRACE(id);
    EXPECT_TRUE(ids.insert(id).second) << "duplicate id";
    ASSERT_TRUE(c.contains("source") && c["source"].get<std::string>().size() > 10) << "every case cites the report";
    const json advice = c.contains("register") ? AdviseJson(c["case"], ParseRegister(c["register"]), true)
                                               : AdviseJson(c["case"]);
    const json& e = c["expect"];
    if (e.contains("first")) {
      EXPECT_EQ(advice["ranking"][0]["kind"], e["first"]);
    }
    if (e.contains("order")) {
      for (std::size_t i = 1; i < e["order"].size(); ++i) {
        EXPECT_LT(Position(advice, e["order"][i - 1]), Position(advice, e["order"][i]))
            << e["order"][i - 1] << " before " << e["order"][i];
      }
    }
    for (const auto& kind : e.value("absent", json::array())) EXPECT_EQ(Ranked(advice, kind), nullptr) << kind;
    for (const auto& want : e.value("reasons", json::array())) {
      const json* r = Ranked(advice, want["kind"]);
      ASSERT_NE(r, nullptr) << want["kind"];
      bool found = false;
      for (const auto& reason : (*r)["reasons"]) {
        found = found || (reason["criterion"] == want["criterion"] && reason["supports"] == want["supports"]);
      }
      EXPECT_TRUE(found) << want.dump();
    }
    for (const auto& want : e.value("risks", json::array())) {
      const json* r = Ranked(advice, want["kind"]);
      ASSERT_NE(r, nullptr) << want["kind"];
      bool found = false;
      for (const auto& risk : (*r)["risks"]) {
        found = found ||
                risk["text_en"].get<std::string>().find(want["en_contains"].get<std::string>()) != std::string::npos;
      }
      EXPECT_TRUE(found) << want.dump();
    }
    for (const auto& kind : e.value("complements", json::array())) {
      bool found = false;
      for (const auto& comp : advice["complements"]) found = found || comp["kind"] == kind;
      EXPECT_TRUE(found) << "complement " << kind;
    }
    for (const auto& slug : e.value("steps", json::array())) EXPECT_NE(Step(advice, slug), nullptr) << slug;
    for (const auto& slug : e.value("no_steps", json::array())) EXPECT_EQ(Step(advice, slug), nullptr) << slug;
    if (e.contains("first_step")) {
      EXPECT_EQ(advice["checklist"][0]["step"], e["first_step"]);
    }
    const json contains = e.value("step_en_contains", json::object());
    const json not_contains = e.value("step_en_not_contains", json::object());
    const json subtypes = e.value("subtype", json::object());
    for (const auto& [slug, text] : contains.items()) {
      const json* s = Step(advice, slug);
      ASSERT_NE(s, nullptr) << slug;
      EXPECT_NE((*s)["text_en"].get<std::string>().find(text.get<std::string>()), std::string::npos) << slug;
    }
    for (const auto& [slug, text] : not_contains.items()) {
      const json* s = Step(advice, slug);
      ASSERT_NE(s, nullptr) << slug;
      EXPECT_EQ((*s)["text_en"].get<std::string>().find(text.get<std::string>()), std::string::npos) << slug;
    }
    for (const auto& [kind, subtype] : subtypes.items()) {
      const json* r = Ranked(advice, kind);
      ASSERT_NE(r, nullptr);
      EXPECT_EQ((*r)["subtype"], subtype);
    }
  }
}

// Every combination of the answers that matter, for the properties below.
std::vector<json> Grid() {
  std::vector<json> out;
  const std::vector<json> wills = {"weak", "unknown", "some", "strong"};
  const std::vector<json> needs = {nullptr, "influence", "dialogue", "both"};
  const std::vector<json> organisations = {nullptr, 0, 1, 2, 3, 10};
  const std::vector<json> populations = {nullptr, 300, 5000};
  const std::vector<json> themes = {json::array(), {"racism"}, {"police", "youth"}};
  const std::vector<json> immigration = {json::array(), {"refugees"}};
  for (const auto& municipality : {"1856", "4601"}) {
    for (const auto& w : wills) {
      for (const auto& n : needs) {
        for (const auto& o : organisations) {
          for (const auto& p : populations) {
            for (const auto& t : themes) {
              for (const auto& i : immigration) {
                json s = {{"municipality", municipality}, {"political_will", w}, {"themes", t}, {"immigration", i}};
                if (!n.is_null()) s["need"] = n;
                if (!o.is_null()) s["immigrant_organisations"] = o;
                if (!p.is_null()) s["immigrant_population"] = p;
                out.push_back(s);
              }
            }
          }
        }
      }
    }
  }
  return out;
}

double Score(const json& advice, const std::string& kind) {
  const json* r = Ranked(advice, kind);
  return r == nullptr ? -1 : (*r)["score"].get<double>();
}

TEST(AdvisorProperties, RemovingAllImmigrantOrganisationsNeverRaisesTheCouncilModel) {
  for (const json& s : Grid()) {
    if (!s.contains("immigrant_organisations")) continue;
    json none = s;
    none["immigrant_organisations"] = 0;
    EXPECT_LE(Score(AdviseJson(none), "council"), Score(AdviseJson(s), "council")) << s.dump();
  }
}

TEST(AdvisorProperties, StrongerPoliticalWillNeverLowersTheCouncilOrContactModel) {
  const std::vector<std::string> order = {"weak", "unknown", "some", "strong"};
  for (const json& s : Grid()) {
    if (s["political_will"] == "strong") continue;
    const auto at = std::find(order.begin(), order.end(), s["political_will"].get<std::string>());
    json stronger = s;
    stronger["political_will"] = *(at + 1);
    const json a = AdviseJson(s);
    const json b = AdviseJson(stronger);
    EXPECT_LE(Score(a, "council"), Score(b, "council")) << s.dump();
    EXPECT_LE(Score(a, "contact_committee"), Score(b, "contact_committee")) << s.dump();
  }
}

TEST(AdvisorProperties, FewerImmigrantsNeverLowerTheDialogueModel) {
  for (const json& s : Grid()) {
    if (!s.contains("immigrant_population") || s["immigrant_population"] == 300) continue;
    json fewer = s;
    fewer["immigrant_population"] = 300;
    EXPECT_GE(Score(AdviseJson(fewer), "dialogue"), Score(AdviseJson(s), "dialogue")) << s.dump();
  }
}

TEST(AdvisorProperties, TheSameInputGivesTheSameAdviceAndEveryPointIsTraceable) {
  const std::regex source(R"(^report ch\. [0-9], pp?\. [0-9]+(-[0-9]+)?$)");
  for (const json& s : Grid()) {
    const json a = AdviseJson(s);
    ASSERT_EQ(a, AdviseJson(s)) << s.dump();
    ASSERT_GE(a["ranking"].size(), 3u);
    std::set<std::string> kinds;
    double previous = 2;
    std::size_t previous_order = 0;
    for (const auto& r : a["ranking"]) {
      kinds.insert(r["kind"].get<std::string>());
      const double score = r["score"].get<double>();
      EXPECT_GE(score, 0.0);
      EXPECT_LE(score, 1.0);
      const std::size_t order = static_cast<std::size_t>(
          std::find(kAdviceKinds.begin(), kAdviceKinds.end(), r["kind"].get<std::string>()) - kAdviceKinds.begin());
      // Best first; ties in the contract's fixed order.
      EXPECT_TRUE(score < previous || (score == previous && order > previous_order)) << s.dump();
      previous = score;
      previous_order = order;
      for (const auto& reason : r["reasons"]) {
        EXPECT_TRUE(std::regex_match(reason["source"].get<std::string>(), source)) << reason["source"];
        EXPECT_EQ(reason["kind"], r["kind"]);
        EXPECT_EQ(reason["supports"].get<bool>(), reason["weight"].get<double>() >= 0);
        for (const char* lang : {"text_nb", "text_nn", "text_en"}) {
          EXPECT_FALSE(reason[lang].get<std::string>().starts_with("[")) << reason[lang];
          EXPECT_EQ(reason[lang].get<std::string>().find('{'), std::string::npos) << reason[lang];
        }
      }
    }
    EXPECT_TRUE(kinds.contains("council") && kinds.contains("contact_committee") && kinds.contains("dialogue"));
    for (const auto& step : a["checklist"]) {
      EXPECT_TRUE(std::regex_match(step["source"].get<std::string>(), source)) << step["source"];
    }
  }
}

TEST(AdvisorProperties, AChecklistHasTheReportsStepsInAFixedOrder) {
  const json a = AdviseJson({{"municipality", "4601"}});
  std::vector<std::string> steps;
  for (const auto& s : a["checklist"]) steps.push_back(s["step"].get<std::string>());
  const std::vector<std::string> want = {
      "needs_analysis", "political_anchoring", "dialogue_both_parties", "start_up_help", "training",    "run_in_year",
      "paid_leader",    "broad_recruitment",   "continuity_plan",       "get_known",     "cooperation", "grants",
      "network"};
  EXPECT_EQ(steps, want);
}

std::string ErrorPointer(const json& body, bool has_register = false, std::vector<RegisterPlace> published = {}) {
  AdviceContext ctx(TestPlaces());
  ctx.published = std::move(published);
  ctx.has_register = has_register;
  auto result = AdviseDocument(body, ctx);
  if (result.ok()) return "(ok)";
  EXPECT_EQ(result.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(result.error().slug, "invalid_situation");
  EXPECT_TRUE(result.error().message.starts_with(result.error().pointer)) << result.error().message;
  return result.error().pointer;
}

TEST(AdvisorInput, RefusesWhatItDoesNotKnowNamingTheField) {
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"colour", "blue"}}), "/colour");
  EXPECT_EQ(ErrorPointer({{"municipality", "9999"}}), "/municipality");
  EXPECT_EQ(ErrorPointer({{"municipality", 4601}}), "/municipality");
  EXPECT_EQ(ErrorPointer(json::object()), "/municipality");
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"immigrant_population", -1}}), "/immigrant_population");
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"immigrant_population", 1.5}}), "/immigrant_population");
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"immigration", {"labour", "tourists"}}}), "/immigration/1");
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"immigration", {"labour", "labour"}}}), "/immigration/1");
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"immigrant_organisations", "many"}}), "/immigrant_organisations");
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"political_will", "huge"}}), "/political_will");
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"need", "money"}}), "/need");
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"themes", "racism"}}), "/themes");
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"youth", "yes"}}), "/youth");
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"existing", {12, 0}}}), "/existing/1");
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"existing", {12}}}, true), "/existing/0");
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"existing", {12}}}, false), "(ok)");
  EXPECT_EQ(ErrorPointer({{"municipality", "4601"}, {"a/b", 1}}), "/a~1b");
  EXPECT_EQ(ErrorPointer(json::array()), "");
}

TEST(AdvisorExamples, ComparableMeetingPlacesOfTheRightKindAtMostThree) {
  // Sømna (1 976 inhabitants, Nordland, IMDi Nord) asks; the register has contact committees in
  // places big and small, near and far.
  std::vector<RegisterPlace> published = {
      {1, "Kontaktutvalget i Oslo", "0301", "03", "ost", "contact_committee", "", "", ""},
      {2, "Kontaktutvalget på Røst", "1856", "18", "nord", "contact_committee", "", "", ""},
      {3, "Kontaktutvalget i Tolga", "3426", "34", "indre-ost", "contact_committee", "", "", ""},
      {4, "Innvandrerrådet i Bergen", "4601", "46", "vest", "council", "", "", ""},
      {5, "Kontaktutvalget i Sømna", "1812", "18", "nord", "contact_committee", "", "", ""},
      {6, "Kontaktutvalget i Bergen", "4601", "46", "vest", "contact_committee", "", "", ""},
      {7, "Dialogforum i Heim", "5055", "50", "midt-norge", "dialogue", "", "", ""},
  };
  const json a = AdviseJson({{"municipality", "1812"},
                             {"immigrant_organisations", 1},
                             {"political_will", "some"},
                             {"need", "both"},
                             {"existing", {5}}},
                            published, true);
  const json* contact = Ranked(a, "contact_committee");
  ASSERT_NE(contact, nullptr);
  std::vector<std::int64_t> ids;
  for (const auto& e : (*contact)["examples"]) ids.push_back(e["id"].get<std::int64_t>());
  // Tolga (nearly the same size) first, then Røst (same region, smaller), then Bergen before Oslo;
  // never its own existing one (5), never a council.
  EXPECT_EQ(ids, (std::vector<std::int64_t>{3, 2, 6}));
  EXPECT_EQ((*contact)["examples"][1]["municipality"], "1856");
  EXPECT_EQ((*Ranked(a, "dialogue"))["examples"].size(), 1u);
  EXPECT_EQ((*Ranked(a, "council"))["examples"][0]["id"], 4);
}

TEST(AdvisorText, TextForPeopleInEachLanguage) {
  const json a = AdviseJson(
      {{"municipality", "1812"}, {"immigrant_organisations", 1}, {"political_will", "some"}, {"need", "both"}});
  EXPECT_NE(AdviceText(a, Lang::kNb).find("1. Kontaktutvalg"), std::string::npos) << AdviceText(a, Lang::kNb);
  EXPECT_NE(AdviceText(a, Lang::kNn).find("1. Kontaktutval"), std::string::npos);
  EXPECT_NE(AdviceText(a, Lang::kEn).find("1. Contact committee"), std::string::npos);
  EXPECT_NE(AdviceText(a, Lang::kEn).find("[report ch. 5, p. 68]"), std::string::npos);
  EXPECT_NE(AdviceText(a, Lang::kNn).find("[rapporten kap. 5, s. 68]"), std::string::npos);
  EXPECT_EQ(SourceLabel("report ch. 5, pp. 69-70", Lang::kNb), "rapporten kap. 5, s. 69\u201370");
  EXPECT_EQ(SourceLabel("report ch. 5, pp. 69-70", Lang::kEn), "report ch. 5, pp. 69\u201370");
}

TEST(AdvisorPopulation, EveryMunicipalityHasItsInhabitants) {
  for (const auto& m : TestPlaces().municipalities) {
    auto it = MunicipalityPopulation().find(m.number);
    ASSERT_NE(it, MunicipalityPopulation().end()) << m.number;
    EXPECT_GT(it->second, 0);
  }
  EXPECT_EQ(MunicipalityPopulation().at("1856"), 460);
}

// Alstahaug has 7 421 inhabitants, over kSmallMunicipality, but under 1 000 of immigrant
// background in the imported SSB table: with the table, a situation that leaves the number out is
// read as "few immigrants" (report ch. 5, p. 69), and the reason names SSB and the year.
TEST(AdvisorSsb, TheImportedTableGivesTheImmigrantPopulationLeftOut) {
  const json body = {{"municipality", "1820"}, {"need", "both"}};
  AdviceContext without(TestPlaces());
  const json plain = *AdviseDocument(body, without);
  AdviceContext with(TestPlaces());
  with.immigrant_population = {{"1820", 800}, {"0301", 251000}};
  with.immigrant_population_year = 2024;
  const json ssb = *AdviseDocument(body, with);
  auto criteria = [](const json& advice, const std::string& kind) {
    std::set<std::string> out;
    for (const auto& r : (*Ranked(advice, kind))["reasons"]) out.insert(r["criterion"].get<std::string>());
    return out;
  };
  EXPECT_FALSE(criteria(plain, "dialogue").contains("size"));
  EXPECT_TRUE(criteria(ssb, "dialogue").contains("size"));
  EXPECT_GT((*Ranked(ssb, "dialogue"))["score"].get<double>(), (*Ranked(plain, "dialogue"))["score"].get<double>());
  std::string text;
  for (const auto& r : (*Ranked(ssb, "council"))["reasons"]) {
    if (r["criterion"] == "size") text = r["text_nn"].get<std::string>();
  }
  EXPECT_NE(text.find("800 innbyggjarar"), std::string::npos) << text;
  EXPECT_NE(text.find("SSB 2024"), std::string::npos) << text;
  // A number given in the request wins over the table.
  json given = body;
  given["immigrant_population"] = 5000;
  EXPECT_FALSE(criteria(*AdviseDocument(given, with), "dialogue").contains("size"));
}

TEST(AdvisorSsb, ComparableMunicipalitiesByImmigrantPopulation) {
  // Fredrikstad (85 230 inhabitants, IMDi Øst) asks; Sandnes (83 702, Vest) and Drammen (104 487,
  // Indre Øst) are both outside its region. By inhabitants Sandnes is the nearer; by immigrant
  // population, when the SSB table has all three, the nearer is the one closest in that.
  std::vector<RegisterPlace> published = {
      {1, "Rådet i Drammen", "3301", "33", "indre-ost", "council", "", "", ""},
      {2, "Rådet i Sandnes", "1108", "11", "vest", "council", "", "", ""},
  };
  AdviceContext ctx(TestPlaces());
  ctx.published = published;
  ctx.has_register = true;
  const json body = {{"municipality", "3107"}};
  EXPECT_EQ((*Ranked(*AdviseDocument(body, ctx), "council"))["examples"][0]["id"], 2);
  ctx.immigrant_population = {{"3107", 17000}, {"3301", 17500}, {"1108", 4000}};
  ctx.immigrant_population_year = 2024;
  EXPECT_EQ((*Ranked(*AdviseDocument(body, ctx), "council"))["examples"][0]["id"], 1);
}

}  // namespace
}  // namespace moteplass::advisor
