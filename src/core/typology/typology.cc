#include "core/typology/typology.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/resources.h"
#include "core/typology/rules.h"

namespace moteplass {
namespace {

using nlohmann::json;
using typology_rules::HasDialoguePurpose;

double Round2(double x) { return std::round(x * 100.0) / 100.0; }

std::string Percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100.0))); }

// Accumulates the fit of one model: each criterion has a weight and a score from 0 to 1, and
// may leave a reason for (supports) or against the model.
class ModelScore {
 public:
  ModelScore(std::string model, std::vector<Reason>* reasons) : model_(std::move(model)), reasons_(reasons) {}

  // A criterion that counted; a reason is written when `key` is not empty.
  void Add(const char* criterion, double weight, double score, std::string key = "", bool supports = true,
           MessageArgs args = {}) {
    total_ += weight;
    got_ += weight * score;
    if (!key.empty()) {
      reasons_->push_back(Reason{model_, criterion, supports, std::move(key), std::move(args)});
    }
  }
  double Fit() const { return total_ > 0 ? Round2(got_ / total_) : 0.0; }

 private:
  std::string model_;
  std::vector<Reason>* reasons_;
  double got_ = 0;
  double total_ = 0;
};

// One reason per function the body has, or one saying it has none.
void AddFunction(ModelScore& m, const Profile& p, bool none_is_against) {
  // The report's meeting places are not decision-making bodies (ch. 1, ch. 3): delegated
  // authority counts against every model.
  if (p.functions.delegated_authority) m.Add("delegated_authority", 2, 0, "typology.function.delegated", false);
  if (p.functions.hearing_body) {
    m.Add("function", 1, 1, "typology.function.hearing_body");
  } else if (p.functions.advisory_body) {
    m.Add("function", 1, 1, "typology.function.advisory_body");
  } else {
    m.Add("function", 1, 0, none_is_against ? "typology.function.none" : "", false);
  }
}

double ScoreCouncil(const Profile& p, std::vector<Reason>* reasons) {
  ModelScore m("council", reasons);
  const Seats& s = p.seats;
  const int total = s.Total();
  if (total > 0) {
    const double share = static_cast<double>(s.immigrant_population) / total;
    MessageArgs args{{"i", std::to_string(s.immigrant_population)},
                     {"t", std::to_string(total)},
                     {"pct", Percent(share)},
                     {"n", std::to_string(total)}};  // "1 fast plass" when there is one seat
    if (share >= 0.6) {
      m.Add("composition", 3, 1, "typology.composition.majority", true, args);
    } else if (share > 0.5) {
      m.Add("composition", 3, 0.5, "typology.composition.narrow_majority", true, args);
    } else {
      m.Add("composition", 3, 0, "typology.composition.minority", false, args);
    }
  } else {
    m.Add("composition", 3, 0);
  }
  const std::string& sel = p.immigrant_members_selected_by;
  if (sel == "organisations_elect" || sel == "election_among_nominees") {
    m.Add("selection", 3, 1, "typology.selection." + sel);
  } else if (sel == "authority_appoints" && s.immigrant_population * 10 >= total * 6 && total > 0) {
    // "et politisk valg fra byrådet": a council whose members the city government chose (ch. 3).
    m.Add("selection", 3, 0.5, "typology.selection.political_choice");
  } else if (sel != "not_applicable") {
    m.Add("selection", 3, 0, "typology.selection." + sel, false);
  } else {
    m.Add("selection", 3, 0);
  }
  const std::string& rep = p.immigrant_members_represent;
  if (rep == "organisations") {
    m.Add("representation", 2, 1, "typology.represent.organisations");
  } else if (rep == "immigrant_population") {
    m.Add("representation", 2, 0.5, "typology.represent.immigrant_population");
  } else if (rep == "themselves") {
    m.Add("representation", 2, 0, "typology.represent.themselves", false);
  } else {
    m.Add("representation", 2, 0);
  }
  if (p.rotation == "elections") {
    m.Add("rotation", 1, 1, "typology.rotation.elections");
  } else if (p.rotation == "appointed_terms" || p.rotation == "little_rotation") {
    m.Add("rotation", 1, 0, "typology.rotation." + p.rotation, false);
  } else {
    m.Add("rotation", 1, 0);
  }
  if (p.HasPurpose("political_influence")) {
    m.Add("purpose", 2, 1, "typology.purpose.political_influence");
  } else if (p.HasPurpose("integration")) {
    m.Add("purpose", 2, 0.5, "typology.purpose.integration");
  } else if (HasDialoguePurpose(p)) {
    m.Add("purpose", 2, 0, "typology.purpose.dialogue", false);
  } else {
    m.Add("purpose", 2, 0);
  }
  AddFunction(m, p, /*none_is_against=*/true);
  return m.Fit();
}

double ScoreContactCommittee(const Profile& p, std::vector<Reason>* reasons) {
  ModelScore m("contact_committee", reasons);
  const Seats& s = p.seats;
  const int authority = s.politicians + s.administration + s.police;
  if (s.immigrant_population > 0 || authority > 0) {
    MessageArgs args{{"i", std::to_string(s.immigrant_population)}, {"a", std::to_string(authority)}};
    const double share =
        authority > 0 ? static_cast<double>(s.immigrant_population) / (s.immigrant_population + authority) : 1.0;
    const double off = std::abs(share - 0.5);
    if (off <= 0.1 + 1e-9) {
      m.Add("composition", 3, 1, "typology.composition.equal", true, args);
    } else if (off <= 0.2 + 1e-9) {
      m.Add("composition", 3, 0.5);
    } else {
      m.Add("composition", 3, 0, "typology.composition.unequal", false, args);
    }
  } else {
    m.Add("composition", 3, 0);
  }
  const std::string& sel = p.immigrant_members_selected_by;
  const auto& also = p.immigrant_members_also_selected_by;
  const bool mixed_without_election = !also.empty() && sel != "organisations_elect" &&
                                      sel != "election_among_nominees" &&
                                      std::none_of(also.begin(), also.end(), [](const std::string& w) {
                                        return w == "organisations_elect" || w == "election_among_nominees";
                                      });
  if (sel == "authority_appoints") {
    m.Add("selection", 3, 1, "typology.selection.authority_appoints");
  } else if (mixed_without_election) {
    // "Noen var rekruttert gjennom personlige nettverk, noen fordi de var kjent for å være
    // ressurssterke personer, og noen ... som representanter for innvandrerorganisasjoner" (ch. 3).
    m.Add("selection", 3, 1, "typology.selection.mixed_no_election");
  } else if (sel == "hand_picked") {
    m.Add("selection", 3, 0.3);
  } else if (sel == "election_among_nominees") {
    // "det ikke ligger en valgprosess til grunn" (ch. 3): an election committee is the council's way.
    m.Add("selection", 3, 0, "typology.selection.election_process", false);
  } else if (sel == "organisations_elect" || sel == "open_participation") {
    m.Add("selection", 3, 0, "typology.selection." + sel, false);
  } else {
    m.Add("selection", 3, 0);
  }
  const std::string& rep = p.immigrant_members_represent;
  if (rep == "immigrant_population") {
    m.Add("representation", 2, 1, "typology.represent.immigrant_population");
  } else if (rep == "organisations") {
    m.Add("representation", 2, 0.5, "typology.represent.organisations");
  } else if (rep == "themselves") {
    m.Add("representation", 2, 0.3);
  } else {
    m.Add("representation", 2, 0);
  }
  if (s.politicians > 0 && p.authority_role == "permanent_members") {
    m.Add("authority", 2, 1, "typology.authority.permanent_members", true, {{"n", std::to_string(s.politicians)}});
  } else if (s.politicians > 0) {
    m.Add("authority", 2, 0.5);
  } else {
    m.Add("authority", 2, 0, "typology.authority.no_politicians", false);
  }
  if (p.rotation == "appointed_terms") {
    m.Add("rotation", 1, 1, "typology.rotation.appointed_terms");
  } else if (p.rotation == "elections") {
    m.Add("rotation", 1, 0.3);
  } else if (p.rotation == "little_rotation") {
    m.Add("rotation", 1, 0, "typology.rotation.little_rotation", false);
  } else {
    m.Add("rotation", 1, 0);
  }
  if (p.HasPurpose("intermediary")) {
    m.Add("purpose", 2, 1, "typology.purpose.intermediary");
  } else if (p.HasPurpose("political_influence")) {
    m.Add("purpose", 2, 0.5, "typology.purpose.political_influence");
  } else if (HasDialoguePurpose(p)) {
    m.Add("purpose", 2, 0, "typology.purpose.dialogue", false);
  } else {
    m.Add("purpose", 2, 0);
  }
  AddFunction(m, p, /*none_is_against=*/true);
  return m.Fit();
}

double ScoreDialogue(const Profile& p, std::vector<Reason>* reasons) {
  ModelScore m("dialogue", reasons);
  const Seats& s = p.seats;
  const std::string& sel = p.immigrant_members_selected_by;
  if (sel == "hand_picked") {
    m.Add("selection", 3, 1, "typology.selection.hand_picked");
  } else if (sel == "authority_appoints" || sel == "open_participation") {
    m.Add("selection", 3, 0.3);
  } else if (sel == "organisations_elect" || sel == "election_among_nominees") {
    m.Add("selection", 3, 0, "typology.selection." + sel, false);
  } else {
    m.Add("selection", 3, 0);
  }
  const std::string& rep = p.immigrant_members_represent;
  if (rep == "themselves") {
    m.Add("representation", 2, 1, "typology.represent.themselves");
  } else if (rep == "organisations") {
    m.Add("representation", 2, 0, "typology.represent.organisations", false);
  } else if (rep == "immigrant_population") {
    m.Add("representation", 2, 0.3);
  } else {
    m.Add("representation", 2, 0);
  }
  if (p.authority_role == "chair_and_secretariat") {
    m.Add("authority", 2, 1, "typology.authority.chair_and_secretariat");
  } else if (p.chair == "administration" || p.chair == "police" || p.chair == "mayor" || p.chair == "politician") {
    m.Add("authority", 2, 0.5);
  } else {
    m.Add("authority", 2, 0);
  }
  if (p.rotation == "little_rotation") {
    m.Add("rotation", 1, 1, "typology.rotation.little_rotation");
  } else if (p.rotation == "elections") {
    m.Add("rotation", 1, 0, "typology.rotation.elections", false);
  } else if (p.rotation == "appointed_terms") {
    m.Add("rotation", 1, 0.3);
  } else {
    m.Add("rotation", 1, 0);
  }
  if (HasDialoguePurpose(p)) {
    m.Add("purpose", 2, 1, "typology.purpose.dialogue");
  } else if (p.HasPurpose("political_influence")) {
    m.Add("purpose", 2, 0, "typology.purpose.political_influence", false);
  } else {
    m.Add("purpose", 2, 0);
  }
  if (s.other > 0) {
    m.Add("composition", 1, 1, "typology.composition.others", true, {{"n", std::to_string(s.other)}});
  } else if (s.police > 0) {
    m.Add("composition", 1, 1, "typology.composition.police", true, {{"n", std::to_string(s.police)}});
  } else {
    m.Add("composition", 1, 0);
  }
  return m.Fit();
}

std::string JoinTexts(const std::vector<std::string>& keys, Lang lang) {
  std::string out;
  for (const auto& key : keys) {
    if (!out.empty()) out += ", ";
    out += Msg(key, lang);
  }
  return out;
}

// "the council model" for a model, the kind's name otherwise.
std::string KindOrModel(const std::string& kind, Lang lang) {
  if (std::find(kModels.begin(), kModels.end(), kind) != kModels.end()) return Msg("typology.model." + kind, lang);
  return KindLabel(kind, lang);
}

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

std::string Reason::Text(Lang lang) const {
  MessageArgs filled = args;
  // Arguments that are themselves catalogue keys (lists of them joined by '|') are translated.
  for (auto& [name, value] : filled) {
    if (value.starts_with("typology.")) {
      std::vector<std::string> keys;
      std::stringstream in(value);
      for (std::string k; std::getline(in, k, '|');) keys.push_back(k);
      value = JoinTexts(keys, lang);
    }
  }
  return Msg(key, lang, filled);
}

namespace {

// The immigrant population's share of the standing seats held by it and the authorities; -1
// when neither holds any.
double ImmigrantShare(const Seats& s) {
  const int both = s.immigrant_population + s.politicians + s.administration + s.police;
  return both > 0 ? static_cast<double>(s.immigrant_population) / both : -1;
}

// Between council and contact committee, when both fit about as well, the composition decides
// (appendix 5; ch. 3): a clear immigrant majority, or an election process, is the council's; about
// equal shares without an election is the contact committee's. Returns the model to prefer, or
// -1 when the composition does not settle it.
int CompositionDecides(const Profile& p) {
  const double share = ImmigrantShare(p.seats);
  if (share < 0) return -1;
  const std::string& sel = p.immigrant_members_selected_by;
  const bool election = sel == "organisations_elect" || sel == "election_among_nominees";
  if (share >= 0.6 - 1e-9) return 0;
  if (share >= 0.4 - 1e-9 && !election) return 1;
  if (share > 0.5 && election) return 0;
  return -1;
}

}  // namespace

Classification Classify(const Profile& p) {
  Classification c;
  c.id = p.id;
  typology_rules::CheckDefinition(p, &c);

  // Fit to the three models. Their reasons only matter for a meeting place.
  std::vector<Reason> model_reasons;
  c.fit[0] = ScoreCouncil(p, &model_reasons);
  c.fit[1] = ScoreContactCommittee(p, &model_reasons);
  c.fit[2] = ScoreDialogue(p, &model_reasons);
  if (!c.is_meeting_place) return c;

  // The kind: a distinctive trait decides the kinds outside the models; a forum the police set
  // up, chair and chose the members of is a police forum; otherwise the best model (the first
  // in the report's order on a tie), with the composition deciding between council and contact
  // committee when they come close.
  std::vector<Reason> kind_reasons;
  c.kind = typology_rules::OtherKind(p, &kind_reasons);
  std::size_t best = static_cast<std::size_t>(std::max_element(c.fit.begin(), c.fit.end()) - c.fit.begin());
  bool decided_by_structure = false;
  if (c.kind.empty() && typology_rules::PoliceForumByStructure(p) && best != 2) {
    best = 2;
    decided_by_structure = true;
    kind_reasons.push_back({"dialogue", "police", true, "typology.police.runs_it_decides", {}});
  } else if (c.kind.empty() && best < 2 && c.fit[best] >= kSingleModelFit &&
             std::abs(c.fit[0] - c.fit[1]) <= kAlsoFitsMargin) {
    const int decided = CompositionDecides(p);
    if (decided >= 0 && c.fit[decided] >= c.fit[2] - 1e-9) {
      if (static_cast<std::size_t>(decided) != best) decided_by_structure = true;
      best = static_cast<std::size_t>(decided);
      const Seats& s = p.seats;
      const int authority = s.politicians + s.administration + s.police;
      kind_reasons.push_back(
          {std::string(kModels[best]),
           "composition",
           true,
           best == 0 ? "typology.composition.decides_council" : "typology.composition.decides_contact",
           {{"i", std::to_string(s.immigrant_population)}, {"a", std::to_string(authority)}}});
    }
  }
  if (c.kind.empty()) {
    c.kind = std::string(kModels[best]);
    kind_reasons.push_back({c.kind,
                            "fit",
                            true,
                            "typology.best_model",
                            {{"model", "typology.model." + c.kind}, {"fit", Percent(c.fit[best])}}});
    const double top = *std::max_element(c.fit.begin(), c.fit.end());
    for (std::size_t i = 0; i < kModels.size(); ++i) {
      if (i != best && c.fit[i] > 0 && c.fit[i] >= std::min(c.fit[best], top) - kAlsoFitsMargin) {
        c.also_fits.emplace_back(kModels[i]);
      }
    }
    if (c.fit[best] < kSingleModelFit && !decided_by_structure) {
      c.certainty = "no_single_model";
      kind_reasons.push_back(
          {c.kind, "fit", false, "typology.certainty.no_single_model", {{"fit", Percent(c.fit[best])}}});
    } else {
      c.certainty = c.also_fits.empty() ? "clear" : "borderline";
    }
  } else {
    // Outside the models, a model is listed when the arena also works much like one.
    for (std::size_t i = 0; i < kModels.size(); ++i) {
      if (c.fit[i] >= 0.6) c.also_fits.emplace_back(kModels[i]);
    }
    c.certainty = c.also_fits.empty() ? "clear" : "borderline";
  }
  // The police-forum subtype of the dialogue model.
  if (c.kind == "dialogue") {
    auto how = typology_rules::PoliceRunsIt(p);
    if (!how.empty()) {
      c.subtype = "police_forum";
      std::string joined;
      for (const auto& k : how) joined += (joined.empty() ? "" : "|") + k;
      kind_reasons.push_back({"dialogue", "police", true, "typology.other.police_runs", {{"how", joined}}});
    }
  }
  c.reasons.insert(c.reasons.end(), kind_reasons.begin(), kind_reasons.end());
  c.reasons.insert(c.reasons.end(), model_reasons.begin(), model_reasons.end());
  return c;
}

std::string TypologyVersion() {
  // FNV-1a: the same text gives the same number on every machine and build.
  std::uint64_t hash = 14695981039346656037ull;
  for (char ch : resources::Get("src/core/messages/typology.json")) {
    hash = (hash ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
  }
  std::ostringstream out;
  out << kTypologyRules << "-" << std::hex << hash;
  return out.str();
}

json ToJson(const Classification& c) {
  json fit = json::object();
  for (std::size_t i = 0; i < kModels.size(); ++i) fit[std::string(kModels[i])] = c.fit[i];
  json reasons = json::array();
  for (const auto& r : c.reasons) {
    reasons.push_back({{"kind", NullIfEmpty(r.kind)},
                       {"criterion", r.criterion},
                       {"supports", r.supports},
                       {"text_nb", r.Text(Lang::kNb)},
                       {"text_nn", r.Text(Lang::kNn)},
                       {"text_en", r.Text(Lang::kEn)}});
  }
  return json{
      {"id", NullIfEmpty(c.id)},     {"is_meeting_place", c.is_meeting_place}, {"failed_criteria", c.failed_criteria},
      {"kind", NullIfEmpty(c.kind)}, {"subtype", NullIfEmpty(c.subtype)},      {"fit", fit},
      {"also_fits", c.also_fits},    {"certainty", NullIfEmpty(c.certainty)},  {"reasons", reasons}};
}

Result<json> ClassifyDocument(const json& document) {
  const bool single = document.is_object();
  if (!single && !document.is_array()) {
    return Error::Invalid("expected a profile (a JSON object) or an array of profiles", "", "invalid_profile");
  }
  json results = json::array();
  const std::size_t n = single ? 1 : document.size();
  for (std::size_t i = 0; i < n; ++i) {
    const json& item = single ? document : document[i];
    auto profile = ParseProfile(item);
    if (!profile.ok()) {
      Error e = profile.error();
      std::string who = "profile " + std::to_string(i);
      if (item.is_object() && item.contains("id") && item["id"].is_string()) {
        who += " (id " + json(item["id"].get<std::string>()).dump() + ")";
      }
      e.message = who + ": " + (e.pointer.empty() ? "" : e.pointer + ": ") + e.message;
      e.slug = "invalid_profile";
      e.index = static_cast<int>(i);
      return e;
    }
    results.push_back(ToJson(Classify(*profile)));
  }
  return results;
}

std::string ClassificationText(const json& results, Lang lang) {
  const std::string text_key = "text_" + std::string(LangCode(lang));
  std::ostringstream out;
  for (const auto& r : results) {
    out << (r["id"].is_string() ? r["id"].get<std::string>() : std::string("-")) << ": ";
    if (r["is_meeting_place"].get<bool>()) {
      out << KindLabel(r["kind"].get<std::string>(), lang);
      if (r["subtype"].is_string()) out << ", " << Msg("typology.subtype." + r["subtype"].get<std::string>(), lang);
    } else {
      out << Msg("typology.not_meeting_place", lang) << " (" << Msg("typology.text.failed", lang) << ": ";
      bool first = true;
      for (const auto& f : r["failed_criteria"]) {
        out << (first ? "" : "; ") << CriterionLabel(f.get<std::string>(), lang);
        first = false;
      }
      out << ")";
    }
    out << "\n  " << Msg("typology.text.fit", lang) << ":";
    for (auto model : kModels) {
      out << " " << Msg("typology.model." + std::string(model), lang) << " "
          << Percent(r["fit"][std::string(model)].get<double>()) << " %";
      if (model != kModels.back()) out << ",";
    }
    out << "\n";
    if (!r["also_fits"].empty()) {
      out << "  " << Msg("typology.text.also_fits", lang) << ":";
      for (const auto& k : r["also_fits"]) out << " " << Msg("typology.model." + k.get<std::string>(), lang);
      out << "\n";
    }
    if (r.contains("certainty") && r["certainty"].is_string()) {
      const std::string certainty = r["certainty"].get<std::string>();
      out << "  " << Msg("typology.text.certainty", lang) << ": "
          << Msg("typology.certainty." + certainty + (certainty == "no_single_model" ? "_label" : ""), lang) << "\n";
    }
    for (const auto& reason : r["reasons"]) {
      out << "  " << (reason["supports"].get<bool>() ? "+ " : "- ") << reason[text_key].get<std::string>();
      if (reason["kind"].is_string()) {
        out << " (" << Msg(reason["supports"].get<bool>() ? "typology.text.for" : "typology.text.against", lang) << " "
            << KindOrModel(reason["kind"].get<std::string>(), lang) << ")";
      }
      out << "\n";
    }
  }
  return out.str();
}

bool IsKind(std::string_view kind) { return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end(); }

std::string KindLabel(std::string_view kind, Lang lang) {
  if (!IsKind(kind)) return std::string(kind);
  return Msg("typology.kind." + std::string(kind), lang);
}

std::string CriterionLabel(std::string_view criterion, Lang lang) {
  if (std::find(kCriteria.begin(), kCriteria.end(), criterion) == kCriteria.end()) return std::string(criterion);
  return Msg("typology.criterion." + std::string(criterion), lang);
}

}  // namespace moteplass
