// The advisor (contracts/advisor.md, docs/ADVISOR.md): which kind of meeting place fits a
// municipality, why, what can go wrong, what to add beside it and how to start it well.
//
// Like the typology it is rule-based, deterministic and explainable: every rule is a line of
// the report's chapter 5 ("Tips og gode grep", pp. 67-74; the youth part of chapter 3, pp.
// 44-47), weighs for or against one model, and leaves a reason with its source. Each model
// starts at 0.5; its score is that plus the weights of the rules that apply, kept between 0 and 1.
// Ties are broken in the fixed order of kAdviceKinds. Texts come from the message catalogue
// (src/core/messages/advisor.json) in bokmål, nynorsk and English.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/messages.h"
#include "core/places/places.h"

namespace moteplass::advisor {

// The kinds the advisor weighs, in the order that breaks ties.
inline constexpr std::array<std::string_view, 4> kAdviceKinds = {"council", "contact_committee", "dialogue",
                                                                 "international_house"};
inline constexpr std::array<std::string_view, 5> kImmigration = {"labour", "refugees", "family", "asylum_centre",
                                                                 "students"};
inline constexpr std::array<std::string_view, 4> kPoliticalWill = {"strong", "some", "weak", "unknown"};
inline constexpr std::array<std::string_view, 3> kNeeds = {"influence", "dialogue", "both"};
inline constexpr std::array<std::string_view, 8> kThemes = {"racism", "interfaith", "youth",  "family",
                                                            "work",   "police",     "health", "schools"};

// Below this many immigrant organisations there are "few, or none" to send representatives
// (report ch. 5, p. 68).
inline constexpr int kFewOrganisations = 3;
// A municipality with fewer people of immigrant background than this has "few" (ch. 5, p. 69);
// when that number is not given, one with fewer inhabitants than kSmallMunicipality is small.
inline constexpr std::int64_t kFewImmigrants = 1000;
inline constexpr std::int64_t kSmallMunicipality = 5000;
// At most this many examples from the register per kind.
inline constexpr std::size_t kMaxExamples = 3;

// A municipality's situation, the advisor's input (every field but the municipality optional).
struct Situation {
  std::string municipality;
  std::optional<std::int64_t> immigrant_population;
  std::vector<std::string> immigration;  // from kImmigration, in input order, no repeats
  std::optional<int> immigrant_organisations;
  std::string political_will = "unknown";
  std::string need;  // from kNeeds, "" when not given
  std::vector<std::string> themes;
  bool youth = false;
  std::vector<std::int64_t> existing;  // ids of meeting places the municipality has

  bool HasTheme(std::string_view theme) const;
  bool HasImmigration(std::string_view kind) const;
};

// Validates the input: unknown fields, wrong types and values, and a municipality that is not in
// `places` fail with kInvalid, slug "invalid_situation" and the field's JSON pointer.
Result<Situation> ParseSituation(const nlohmann::json& body, const Places& places);

// A published meeting place in the register, as the advisor sees it.
struct RegisterPlace {
  std::int64_t id = 0;
  std::string name;
  std::string municipality;  // "" when it has none
  std::string county;
  std::string region;
  std::string kind;     // the kind in force
  std::string subtype;  // "police_forum" or ""
  std::string phone;    // the meeting place's published contact, "" when none (for the page)
  std::string email;
};

// Inhabitants per municipality number (SSB 2024, data/population-2024.csv).
const std::map<std::string, std::int64_t>& MunicipalityPopulation();

// What the advisor knows besides the situation: the places, the inhabitants per municipality and
// the published meeting places of the register (empty when no register is at hand).
struct AdviceContext {
  explicit AdviceContext(const Places& p) : places(p) {}
  const Places& places;
  const std::map<std::string, std::int64_t>& population = MunicipalityPopulation();
  // The immigrant population per municipality (immigrants and Norwegian-born to immigrant
  // parents) from the imported SSB table, and its year; empty when none is imported. Used when a
  // situation leaves immigrant_population out, and to find comparable municipalities.
  std::map<std::string, std::int64_t> immigrant_population;
  int immigrant_population_year = 0;
  std::vector<RegisterPlace> published;
  // Whether `published` is the register (then every id in `existing` must be in it).
  bool has_register = false;
};

// A text from the catalogue: its key and arguments.
struct Text {
  std::string key;
  MessageArgs args;
  std::string source;  // the report passage, "report ch. 5, p. 68"
  std::string Render(Lang lang) const;
};

// One rule that applied: for (supports) or against `kind`, with its weight.
struct Reason {
  std::string criterion;
  std::string kind;
  bool supports = true;
  double weight = 0;
  Text text;
};

struct Ranked {
  std::string kind;
  std::string subtype;  // "police_forum" or ""
  double score = 0;     // 0..1, two decimals
  std::vector<Reason> reasons;
  std::vector<Text> risks;
  std::vector<RegisterPlace> examples;
};

struct Complement {
  std::string kind;
  std::string subtype;
  Text text;
};

struct Step {
  std::string step;  // a stable slug
  Text text;
};

struct Advice {
  std::vector<Ranked> ranking;  // best first
  std::vector<Complement> complements;
  std::vector<Step> checklist;
};

// The advice for a valid situation. Pure: the same input gives the same advice.
Advice Advise(const Situation& situation, const AdviceContext& context);

// The output object of advisor.md: ranking (kind, subtype, score, reasons with criterion, kind,
// supports, weight, text_nb, text_nn, text_en, source; risks; examples with id, name,
// municipality), complements, checklist (step, texts, source).
nlohmann::json ToJson(const Advice& advice);

// Parses, checks `existing` against the register when there is one (pointer /existing/N), and
// advises: the body of POST /api/v1/advice and the input of `moteplass advise`.
Result<nlohmann::json> AdviseDocument(const nlohmann::json& body, const AdviceContext& context);

// The advice for people (`moteplass advise --format text`), in `lang`.
std::string AdviceText(const nlohmann::json& advice, Lang lang);

// A source ("report ch. 5, pp. 69-70") as the reader's language writes it ("rapporten kap. 5,
// s. 69–70"); anything else as it is.
std::string SourceLabel(const std::string& source, Lang lang);

// The name of a kind the advisor names ("Kontaktutvalg (kontaktutvalgsmodellen)").
std::string AdviceKindLabel(std::string_view kind, std::string_view subtype, Lang lang);

}  // namespace moteplass::advisor
