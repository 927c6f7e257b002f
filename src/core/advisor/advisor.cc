// The advisor's rules (docs/ADVISOR.md has them as a table, each with its passage of the report
// and its test case in tests/advisor/report-cases.json).
#include "core/advisor/advisor.h"

#include <algorithm>
#include <cmath>

#include "core/status_macros.h"

namespace moteplass::advisor {
namespace {

// Where the report says it. Pages of the 2007 report (its page numbers).
constexpr const char* kOwnNeeds = "report ch. 5, p. 67";
constexpr const char* kCouncilFits = "report ch. 5, p. 68";
constexpr const char* kContactFits = "report ch. 5, p. 68";
constexpr const char* kContactWill = "report ch. 5, p. 69";
constexpr const char* kDialogueFits = "report ch. 5, p. 69";
constexpr const char* kHouses = "report ch. 5, pp. 69-70";
constexpr const char* kLocalNeeds = "report ch. 5, p. 70";
constexpr const char* kStartUp = "report ch. 5, p. 70";
constexpr const char* kContinuity = "report ch. 5, p. 71";
constexpr const char* kExpectations = "report ch. 5, pp. 71-72";
constexpr const char* kBothParties = "report ch. 5, p. 72";
constexpr const char* kTraining = "report ch. 5, pp. 72-73";
constexpr const char* kMoney = "report ch. 5, p. 73";
constexpr const char* kCooperation = "report ch. 5, pp. 73-74";
constexpr const char* kNetwork = "report ch. 5, p. 74";
constexpr const char* kPoliceForums = "report ch. 3, p. 36";
constexpr const char* kYouth = "report ch. 3, pp. 44-47";

double Round2(double x) { return std::round(x * 100.0) / 100.0; }

std::string Thousands(std::int64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u00a0";
    out += digits[i];
  }
  return out;
}

// The situation as the rules see it.
struct Facts {
  bool small = false;            // few people of immigrant background, or few inhabitants
  MessageArgs small_args;        // {n}: the number that made it small
  std::string small_key;         // which: "few_immigrants" or "small_municipality"
  bool has_formal_body = false;  // an existing council or contact committee
  std::string formal_name;
};

Facts Establish(const Situation& s, const AdviceContext& ctx) {
  Facts f;
  if (s.immigrant_population) {
    if (*s.immigrant_population < kFewImmigrants) {
      f.small = true;
      f.small_key = "few_immigrants";
      f.small_args = {{"n", Thousands(*s.immigrant_population)}};
    }
  } else if (auto ssb = ctx.immigrant_population.find(s.municipality); ssb != ctx.immigrant_population.end()) {
    // Left out, but an SSB table has been imported (contracts/advisor.md): its latest figure.
    if (ssb->second < kFewImmigrants) {
      f.small = true;
      f.small_key = "few_immigrants_ssb";
      f.small_args = {{"n", Thousands(ssb->second)}, {"year", std::to_string(ctx.immigrant_population_year)}};
    }
  } else if (auto it = ctx.population.find(s.municipality); it != ctx.population.end()) {
    if (it->second < kSmallMunicipality) {
      f.small = true;
      f.small_key = "small_municipality";
      f.small_args = {{"n", Thousands(it->second)}};
    }
  }
  for (std::int64_t id : s.existing) {
    for (const auto& p : ctx.published) {
      if (p.id == id && (p.kind == "council" || p.kind == "contact_committee") && !f.has_formal_body) {
        f.has_formal_body = true;
        f.formal_name = p.name;
      }
    }
  }
  return f;
}

// Collects the reasons of one kind and adds up their weights.
class Scorer {
 public:
  explicit Scorer(std::string kind) { ranked_.kind = std::move(kind); }
  void Rule(const char* criterion, double weight, const std::string& key, const char* source, MessageArgs args = {}) {
    ranked_.reasons.push_back(
        Reason{criterion, ranked_.kind, weight >= 0, weight, Text{"advisor.reason." + key, std::move(args), source}});
  }
  void Risk(const std::string& key, const char* source, MessageArgs args = {}) {
    ranked_.risks.push_back(Text{"advisor.risk." + key, std::move(args), source});
  }
  Ranked Done() {
    double score = 0.5;
    for (const auto& r : ranked_.reasons) score += r.weight;
    ranked_.score = Round2(std::clamp(score, 0.0, 1.0));
    return std::move(ranked_);
  }
  Ranked& ranked() { return ranked_; }

 private:
  Ranked ranked_;
};

void WillRules(Scorer& m, const Situation& s, double strong, double some, double weak, const char* source) {
  if (s.political_will == "strong") m.Rule("political_will", strong, m.ranked().kind + ".will_strong", source);
  if (s.political_will == "some") m.Rule("political_will", some, m.ranked().kind + ".will_some", source);
  if (s.political_will == "weak") m.Rule("political_will", weak, m.ranked().kind + ".will_weak", source);
}

Ranked Council(const Situation& s, const Facts& f) {
  Scorer m("council");
  WillRules(m, s, 0.2, 0.05, -0.25, kCouncilFits);
  if (s.immigrant_organisations) {
    const int n = *s.immigrant_organisations;
    if (n >= kFewOrganisations) {
      m.Rule("organisations", 0.25, "council.organisations_many", kCouncilFits, {{"n", std::to_string(n)}});
    } else if (n > 0) {
      m.Rule("organisations", -0.15, "council.organisations_few", kContactFits, {{"n", std::to_string(n)}});
    } else {
      m.Rule("organisations", -0.3, "council.organisations_none", kContactFits);
    }
  }
  if (s.need == "influence") m.Rule("need", 0.15, "council.need_influence", kCouncilFits);
  if (s.need == "both") m.Rule("need", 0.05, "council.need_both", kCouncilFits);
  if (s.need == "dialogue") m.Rule("need", -0.25, "council.need_dialogue", kDialogueFits);
  if (f.small) m.Rule("size", -0.15, "council." + f.small_key, kDialogueFits, f.small_args);
  if (f.has_formal_body) m.Rule("existing", -0.2, "existing_formal", kDialogueFits, {{"name", f.formal_name}});
  m.Risk("council.unknown", kCouncilFits);
  if (s.political_will != "strong") m.Risk("continuity", kContinuity);
  return m.Done();
}

Ranked ContactCommittee(const Situation& s, const Facts& f) {
  Scorer m("contact_committee");
  WillRules(m, s, 0.15, 0.05, -0.3, kContactWill);
  if (s.immigrant_organisations && *s.immigrant_organisations < kFewOrganisations) {
    m.Rule("organisations", 0.25, "contact_committee.organisations_few", kContactFits,
           {{"n", std::to_string(*s.immigrant_organisations)}});
  }
  if (s.need == "influence") m.Rule("need", 0.1, "contact_committee.need_influence", kContactFits);
  if (s.need == "both") m.Rule("need", 0.15, "contact_committee.need_both", kContactFits);
  if (f.small) m.Rule("size", -0.1, "contact_committee." + f.small_key, kDialogueFits, f.small_args);
  if (f.has_formal_body) m.Rule("existing", -0.2, "existing_formal", kDialogueFits, {{"name", f.formal_name}});
  m.Risk("contact_committee.politicians", kContactWill);
  m.Risk("contact_committee.representative", kContactFits);
  if (s.political_will != "strong") m.Risk("continuity", kContinuity);
  return m.Done();
}

Ranked Dialogue(const Situation& s, const Facts& f) {
  Scorer m("dialogue");
  if (s.need == "dialogue") m.Rule("need", 0.3, "dialogue.need_dialogue", kDialogueFits);
  if (s.need == "influence") m.Rule("need", -0.2, "dialogue.need_influence", kDialogueFits);
  std::string themes;
  for (const auto& t : s.themes) themes += (themes.empty() ? "" : "|") + ("advisor.theme." + t);
  if (!themes.empty()) m.Rule("themes", 0.2, "dialogue.themes", kDialogueFits, {{"themes", themes}});
  if (f.small) m.Rule("size", 0.2, "dialogue." + f.small_key, kDialogueFits, f.small_args);
  if (s.immigrant_organisations && *s.immigrant_organisations < kFewOrganisations) {
    m.Rule("organisations", 0.05, "dialogue.personal", kDialogueFits);
  }
  if (f.has_formal_body)
    m.Rule("existing", 0.1, "dialogue.complements_existing", kDialogueFits, {{"name", f.formal_name}});
  if (s.HasTheme("police")) {
    m.ranked().subtype = "police_forum";
    m.Rule("police", 0.05, "dialogue.police_forum", kPoliceForums);
  }
  m.Risk("dialogue.influence", kDialogueFits);
  return m.Done();
}

// International houses "fit" where people need a place to meet, not as the formal body.
bool HouseFits(const Situation& s) {
  return s.need == "dialogue" || s.need == "both" || s.HasImmigration("refugees") || s.HasImmigration("asylum_centre");
}

Ranked InternationalHouse(const Situation& s) {
  Scorer m("international_house");
  m.Rule("meeting_place", 0.1, "international_house.meeting_place", kHouses);
  if (s.HasImmigration("refugees") || s.HasImmigration("asylum_centre")) {
    m.Rule("immigration", 0.05, "international_house.newcomers", kLocalNeeds);
  }
  m.Rule("substitute", -0.3, "international_house.not_substitute", kHouses);
  m.Risk("international_house.funding", kMoney);
  return m.Done();
}

std::size_t Order(const std::string& kind) {
  return static_cast<std::size_t>(std::find(kAdviceKinds.begin(), kAdviceKinds.end(), kind) - kAdviceKinds.begin());
}

// Comparable municipalities: close in immigrant population when the SSB table has both (else in
// inhabitants), on a log scale, and in the same IMDi region. A meeting place without a
// municipality (county level), or one whose size is unknown, comes after every municipal one of
// similar size.
double Distance(const Situation& s, const RegisterPlace& p, const AdviceContext& ctx, const std::string& region) {
  double d = 0;
  const auto& sizes = ctx.immigrant_population.contains(s.municipality) &&
                              ctx.immigrant_population.contains(p.municipality)
                          ? ctx.immigrant_population
                          : ctx.population;
  auto a = sizes.find(s.municipality);
  auto b = sizes.find(p.municipality);
  if (a != sizes.end() && b != sizes.end() && a->second > 0 && b->second > 0) {
    d += std::abs(std::log(static_cast<double>(a->second) / static_cast<double>(b->second)));
  } else {
    d += 4.0;
  }
  if (region.empty() || p.region != region) d += 1.0;
  return d;
}

std::vector<RegisterPlace> Examples(const Situation& s, const std::string& kind, const AdviceContext& ctx) {
  std::string region;
  if (const Municipality* m = FindMunicipality(ctx.places, s.municipality)) {
    if (const County* c = FindCounty(ctx.places, m->county)) region = c->region;
  }
  std::vector<std::pair<double, const RegisterPlace*>> candidates;
  for (const auto& p : ctx.published) {
    if (p.kind != kind) continue;
    if (std::find(s.existing.begin(), s.existing.end(), p.id) != s.existing.end()) continue;
    candidates.emplace_back(Distance(s, p, ctx, region), &p);
  }
  std::sort(candidates.begin(), candidates.end(), [](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first < y.first;
    return x.second->id < y.second->id;
  });
  std::vector<RegisterPlace> out;
  for (std::size_t i = 0; i < candidates.size() && i < kMaxExamples; ++i) out.push_back(*candidates[i].second);
  return out;
}

std::vector<Complement> Complements(const Situation& s, const Facts& f, const std::vector<Ranked>& ranking) {
  std::vector<Complement> out;
  const std::string& best = ranking.front().kind;
  const bool formal_first = best == "council" || best == "contact_committee";
  const std::string dialogue_subtype = s.HasTheme("police") ? "police_forum" : "";
  if ((formal_first && (s.need == "both" || s.HasImmigration("refugees"))) || f.has_formal_body) {
    out.push_back({"dialogue", dialogue_subtype, Text{"advisor.complement.informal", {}, kDialogueFits}});
  } else if (best == "dialogue" && s.need == "both") {
    // A dialogue forum "can only to a degree" replace a formal body: the better formal one beside it.
    const std::string formal = std::find_if(ranking.begin(), ranking.end(), [](const Ranked& r) {
                                 return r.kind == "council" || r.kind == "contact_committee";
                               })->kind;
    out.push_back({formal, "", Text{"advisor.complement.formal." + formal, {}, kDialogueFits}});
  }
  if (best != "international_house" && (s.HasImmigration("refugees") || s.HasImmigration("asylum_centre"))) {
    out.push_back({"international_house", "", Text{"advisor.complement.house", {}, kHouses}});
  }
  return out;
}

std::vector<Step> Checklist(const Situation& s, const std::vector<Ranked>& ranking) {
  std::vector<Step> out;
  auto add = [&out](const char* step, const char* source, MessageArgs args = {}) {
    out.push_back({step, Text{std::string("advisor.step.") + step, std::move(args), source}});
  };
  add("needs_analysis", kOwnNeeds);
  add("political_anchoring", kContinuity);
  add("dialogue_both_parties", kBothParties);
  add("start_up_help", kStartUp);
  const bool formal_first = ranking.front().kind == "council" || ranking.front().kind == "contact_committee";
  out.push_back(
      {"training", Text{formal_first ? "advisor.step.training_formal" : "advisor.step.training", {}, kTraining}});
  add("run_in_year", kExpectations);
  add("paid_leader", kMoney);
  add("broad_recruitment", kContinuity);
  add("continuity_plan", kContinuity);
  add("get_known", kNetwork);
  if (s.HasImmigration("asylum_centre")) {
    out.push_back({"cooperation", Text{"advisor.step.cooperation_asylum", {}, kCooperation}});
  } else {
    add("cooperation", kCooperation);
  }
  add("grants", kMoney);
  add("network", kNetwork);
  if (s.youth || s.HasTheme("youth")) add("youth", kYouth);
  return out;
}

nlohmann::json Texts(const Text& t) {
  return {{"text_nb", t.Render(Lang::kNb)}, {"text_nn", t.Render(Lang::kNn)}, {"text_en", t.Render(Lang::kEn)}};
}

nlohmann::json NullIfEmpty(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

}  // namespace

std::string Text::Render(Lang lang) const {
  MessageArgs filled = args;
  // Arguments that are lists of catalogue keys (joined by '|') are translated and joined.
  for (auto& [name, value] : filled) {
    if (!value.starts_with("advisor.")) continue;
    std::string joined;
    std::size_t from = 0;
    while (from <= value.size()) {
      std::size_t bar = value.find('|', from);
      if (bar == std::string::npos) bar = value.size();
      if (!joined.empty()) joined += ", ";
      joined += Msg(value.substr(from, bar - from), lang);
      from = bar + 1;
    }
    value = joined;
  }
  return Msg(key, lang, filled);
}

Advice Advise(const Situation& s, const AdviceContext& ctx) {
  const Facts f = Establish(s, ctx);
  Advice a;
  a.ranking.push_back(Council(s, f));
  a.ranking.push_back(ContactCommittee(s, f));
  a.ranking.push_back(Dialogue(s, f));
  if (HouseFits(s)) a.ranking.push_back(InternationalHouse(s));
  std::stable_sort(a.ranking.begin(), a.ranking.end(), [](const Ranked& x, const Ranked& y) {
    if (x.score != y.score) return x.score > y.score;
    return Order(x.kind) < Order(y.kind);
  });
  for (auto& r : a.ranking) r.examples = Examples(s, r.kind, ctx);
  a.complements = Complements(s, f, a.ranking);
  a.checklist = Checklist(s, a.ranking);
  return a;
}

nlohmann::json ToJson(const Advice& a) {
  using nlohmann::json;
  json ranking = json::array();
  for (const auto& r : a.ranking) {
    json reasons = json::array();
    for (const auto& reason : r.reasons) {
      json j = {{"criterion", reason.criterion},
                {"kind", reason.kind},
                {"supports", reason.supports},
                {"weight", reason.weight}};
      j.update(Texts(reason.text));
      j["source"] = reason.text.source;
      reasons.push_back(std::move(j));
    }
    json risks = json::array();
    for (const auto& risk : r.risks) {
      json j = Texts(risk);
      j["source"] = risk.source;
      risks.push_back(std::move(j));
    }
    json examples = json::array();
    for (const auto& e : r.examples) {
      examples.push_back({{"id", e.id}, {"name", e.name}, {"municipality", NullIfEmpty(e.municipality)}});
    }
    ranking.push_back({{"kind", r.kind},
                       {"subtype", NullIfEmpty(r.subtype)},
                       {"score", r.score},
                       {"reasons", reasons},
                       {"risks", risks},
                       {"examples", examples}});
  }
  json complements = json::array();
  for (const auto& c : a.complements) {
    json j = {{"kind", c.kind}, {"subtype", NullIfEmpty(c.subtype)}};
    j.update(Texts(c.text));
    j["source"] = c.text.source;
    complements.push_back(std::move(j));
  }
  json checklist = json::array();
  for (const auto& step : a.checklist) {
    json j = {{"step", step.step}};
    j.update(Texts(step.text));
    j["source"] = step.text.source;
    checklist.push_back(std::move(j));
  }
  return {{"ranking", ranking}, {"complements", complements}, {"checklist", checklist}};
}

Result<nlohmann::json> AdviseDocument(const nlohmann::json& body, const AdviceContext& ctx) {
  ASSIGN_OR_RETURN(Situation s, ParseSituation(body, ctx.places));
  if (ctx.has_register) {
    for (std::size_t i = 0; i < s.existing.size(); ++i) {
      const bool known = std::any_of(ctx.published.begin(), ctx.published.end(),
                                     [&](const RegisterPlace& p) { return p.id == s.existing[i]; });
      if (!known) {
        const std::string at = "/existing/" + std::to_string(i);
        return Error::Invalid(at + ": no published meeting place has the id " + std::to_string(s.existing[i]), at,
                              "invalid_situation");
      }
    }
  }
  return ToJson(Advise(s, ctx));
}

}  // namespace moteplass::advisor
