// The typology (contracts/classification.md, docs/TYPOLOGY.md): is an arena a meeting place
// between the immigrant population and local authorities, which kind is it, and why.
//
// The judgement is rule-based and pure. Classify reads only the structure and function of a
// profile (never its name, as the report insists), checks the four criteria of the definition,
// scores the profile against the three models of the report's appendix 5 (council, contact
// committee, dialogue), recognises the kinds outside the models (international house, theme
// meeting, women's group, faith community) and the police-forum subtype, and records every
// reason for and against, so that a person can see why and disagree. Reason texts come from the
// message catalogue (src/core/messages/typology.json) in bokmål, nynorsk and English.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/messages.h"
#include "core/typology/profile.h"

namespace moteplass {

// The three models, in the order the report gives them.
inline constexpr std::array<std::string_view, 3> kModels = {"council", "contact_committee", "dialogue"};
// Every kind, the models first.
inline constexpr std::array<std::string_view, 7> kKinds = {
    "council",       "contact_committee", "dialogue",       "international_house",
    "theme_meeting", "womens_group",      "faith_community"};
inline constexpr std::array<std::string_view, 6> kCriteria = {
    "no_immigrant_participants", "no_local_authority", "not_local", "no_dialogue",
    "established_channel",       "initiator_only"};

// One criterion that counted. `kind` is the kind or model the reason speaks for or against, or
// "" for the definition of a meeting place; `criterion` names what was looked at
// ("composition", "selection", "immigrant_participants", ...); the text is the catalogue entry
// `key` filled with `args`.
struct Reason {
  std::string kind;
  std::string criterion;
  bool supports = true;
  std::string key;
  MessageArgs args;

  std::string Text(Lang lang) const;
};

struct Classification {
  std::string id;  // the profile's id, "" when it has none
  bool is_meeting_place = false;
  std::vector<std::string> failed_criteria;  // from kCriteria, in that order
  std::string kind;                          // from kKinds, "" when not a meeting place
  std::string subtype;                       // "police_forum" or ""
  std::array<double, 3> fit{};               // per kModels, 0..1, two decimals
  std::vector<std::string> also_fits;        // other models close to the best one
  std::string certainty;                     // clear, borderline, no_single_model; "" when not a meeting place
  std::vector<Reason> reasons;
};

// How close (in fit) another model must come to the best one to be listed in also_fits.
inline constexpr double kAlsoFitsMargin = 0.15;
// Below this fit no model fits well: the kind is the closest, and certainty says no_single_model.
inline constexpr double kSingleModelFit = 0.5;

Classification Classify(const Profile& profile);

// The version of the typology: its rules (kTypologyRules, raised whenever a rule changes a verdict)
// and the texts of its reasons (a checksum of src/core/messages/typology.json). A store keeps the
// version its stored verdicts were computed with and computes them again when it differs.
inline constexpr std::string_view kTypologyRules = "2";
std::string TypologyVersion();

// The result object of classification.md: id, is_meeting_place, failed_criteria, kind,
// subtype, fit, also_fits, certainty, reasons (each with kind, criterion, supports, text_nb, text_nn,
// text_en). Empty strings become null.
nlohmann::json ToJson(const Classification& classification);

// Classifies one profile or an array of profiles (the body of POST /api/v1/classify and the
// input of `moteplass classify`) into an array of results in input order. An invalid profile
// fails the whole call with code kInvalid, slug "invalid_profile", the pointer inside that
// profile, `index` its 0-based position (0 for a single profile), and a message such as
// `profile 3 (id "mp-17"): /seats/politicians: expected a whole number >= 0, got -2`.
Result<nlohmann::json> ClassifyDocument(const nlohmann::json& document);

// The same results for people (`moteplass classify --format text`): one block per profile with
// the verdict, the fit to each model and the reasons, in `lang`.
std::string ClassificationText(const nlohmann::json& results, Lang lang);

// The name of a kind ("council" -> "Innvandrerråd (rådsmodellen)") and of a failed criterion,
// in `lang`; the kind itself when unknown.
std::string KindLabel(std::string_view kind, Lang lang);
std::string CriterionLabel(std::string_view criterion, Lang lang);
bool IsKind(std::string_view kind);

}  // namespace moteplass
