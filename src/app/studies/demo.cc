#include "app/studies/demo.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>

#include "app/studies/guides.h"
#include "core/status_macros.h"
#include "core/studies/coding.h"
#include "core/studies/interview.h"
#include "core/studies/study.h"

namespace moteplass::app {
namespace {

using nlohmann::json;

constexpr std::size_t kPlaces = 25;

// What informants said, after the report's chapter 5 (invented, as every word here).
constexpr std::array<const char*, 6> kWorksWell = {
    "Det er noen få ildsjeler som holder det hele i gang. Uten dem hadde det stoppet opp.",
    "Vi blir litt hørt. Det er bedre enn ingenting, men vi merker sjelden at det vi sier, blir brukt.",
    "Møtene er blitt et sted der vi blir kjent med hverandre og med folk i kommunen.",
    "Vi får informasjon tidlig om saker som angår oss, og kan si fra.",
    "Det beste er kontakten med politikerne; de kjenner oss nå.",
    "Lederen vår gjør en stor jobb, nesten alene."};
constexpr std::array<const char*, 5> kImprovements = {
    "Vi trenger opplæring i hvordan kommunen arbeider og hvordan en sak går.",
    "Flere saker må komme til oss før de er avgjort, ikke etterpå.",
    "Flere burde vite at vi finnes; mange innvandrere har aldri hørt om oss.",
    "Vi trenger en fast sekretær, så det ikke står på én person.",
    "Det må bli lettere for ungdom og kvinner å være med."};
constexpr std::array<const char*, 3> kNotTrained = {
    "Nei, vi fikk ingen opplæring. Vi måtte finne ut av det selv.",
    "Ingen opplæring. Jeg visste ikke hva en høring var da jeg begynte.",
    "Det var et kort møte i starten, men ikke noe mer."};

json Answer(const std::string& question, const json& value, const json& text = nullptr) {
  return {{"question", question}, {"value", value}, {"text", text}, {"status", "answered"}};
}

// The answers of informant `n` (0, 1, 2 of its meeting place) of the place `k`.
json Answers(const json& profile, std::size_t k, std::size_t n, bool authority, bool contradict) {
  json a = json::array();
  const bool hearing = profile.value("functions", json::object()).value("hearing_body", false);
  const std::size_t m = k * 3 + n;
  a.push_back(Answer("own_role", nullptr,
                     authority ? "Jeg er saksbehandler i kommunen og sekretær for møteplassen."
                               : (n == 0 ? "Jeg er leder, valgt av organisasjonene." : "Jeg er medlem.")));
  const bool trained = m % 5 == 4;
  a.push_back(Answer("training_offered", trained ? "yes" : "no", trained ? nullptr : json(kNotTrained[m % 3])));
  a.push_back(trained ? Answer("training_useful", "yes") : Answer("training_needed", "yes"));
  if (profile.contains("meetings_per_year") && profile["meetings_per_year"].is_number_integer()) {
    a.push_back(Answer("meeting_frequency", profile["meetings_per_year"]));
  }
  if (profile.contains("established_year")) a.push_back(Answer("established", profile["established_year"]));
  if (profile.contains("initiative")) {
    // The chair of the contradicting place remembers the initiative as their own.
    a.push_back(Answer("initiative", contradict && n == 0 ? json("immigrant_population") : profile["initiative"]));
  }
  // Whether it is a hearing body: the informants of the contradicting place do not agree.
  const bool says_hearing = contradict ? n != 1 : hearing;
  a.push_back(Answer(
      "hearing_body", says_hearing ? "yes" : "no",
      contradict && n == 1 ? json("Rådet er ikke formelt høringsinstans; vi spør dem når vi rekker det.") : json()));
  a.push_back(Answer("delegated_authority", "no"));
  const bool heard = authority || m % 3 != 2;
  a.push_back(Answer("place_influence", heard ? "yes" : "no"));
  a.push_back(heard ? Answer("place_influence_how", nullptr, "Vi blir litt hørt, særlig når saken angår oss direkte.")
                    : Answer("place_influence_why_not", nullptr, "Det er få høringer, og sakene kommer for sent."));
  a.push_back(Answer("reflects_population", m % 4 == 1 ? "no" : "yes"));
  if (m % 4 == 1) a.push_back(Answer("reflects_problem", "yes"));
  a.push_back(Answer("known_outside", m % 3 == 0 ? "yes" : "no"));
  a.push_back(m % 3 == 0 ? Answer("known_from", nullptr, "Gjennom organisasjonene og moskeen.")
                         : Answer("known_suggestions", nullptr, "Informasjon på flere språk, og på sosiale medier."));
  a.push_back(Answer("hard_to_agree", "no"));
  a.push_back(Answer("authority_contact", "yes"));
  a.push_back(Answer("contact_satisfied", contradict && n == 0 ? "no" : "yes"));
  a.push_back(Answer("continue_taking_part", "yes"));
  a.push_back(Answer("helps_further", m % 2 == 0 ? "yes" : "no"));
  a.push_back(Answer("works_well", nullptr, kWorksWell[m % kWorksWell.size()]));
  a.push_back(Answer("improvements", nullptr, kImprovements[m % kImprovements.size()]));
  return a;
}

// The common trait (the default codebook's code) an example coder gives an answer as a whole, or
// "": one code per code group at most (the report's side of it), so that coding adds no
// disagreement to the informants' own; the matrix's disagreements stay the closed answers'.
std::string TraitOf(const json& answer) {
  const std::string question = answer.value("question", std::string());
  const json value = answer.value("value", json());
  const json said = answer.value("text", json());
  const std::string text = said.is_string() ? said.get<std::string>() : std::string();
  if (question == "training_offered" && value == "no") return "training_none";
  if (question == "training_needed" && value == "yes") return "training_wanted";
  if (question == "place_influence" && value == "no") return "influence_not_heard";
  if (question == "reflects_population" && value == "no") return "not_representative";
  if (question == "known_outside" && value == "no") return "known_little";
  if ((question == "works_well" || question == "improvements") &&
      (text.find("ildsjeler") != std::string::npos || text.find("alene") != std::string::npos ||
       text.find("én person") != std::string::npos)) {
    return "fiery_souls";
  }
  return "";
}

// Codes the interview's answers whole with TraitOf.
Status CodeExample(Services& s, std::int64_t study, const StudyRecord& interview, const WriteContext& ctx) {
  for (const json& answer : interview.data.value("answers", json::array())) {
    const std::string code = TraitOf(answer);
    if (code.empty()) continue;
    ASSIGN_OR_RETURN(json coding, studies::ParseCoding({{"interview", interview.id},
                                                        {"question", answer["question"]},
                                                        {"start", nullptr},
                                                        {"end", nullptr},
                                                        {"code", code}}));
    RETURN_IF_ERROR(studies::CheckCoding(coding, answer, studies::DefaultCodebook()));
    coding["answer_revision"] = answer.value("revision", std::int64_t{1});
    coding["coder"] = ctx.by;
    RETURN_IF_ERROR(s.store.studies().CreateCoding(study, coding, ctx));
  }
  return {};
}

}  // namespace

Result<std::int64_t> LoadExampleStudy(Services& s, const Principal& who) {
  ASSIGN_OR_RETURN(std::vector<StudyRecord> studies, s.store.studies().ListStudies());
  for (const StudyRecord& r : studies) {
    if (r.data.value("example", false)) return std::int64_t{0};
  }
  ASSIGN_OR_RETURN(std::vector<MeetingPlace> all, s.store.meeting_places().All());
  std::vector<const MeetingPlace*> places;
  for (const MeetingPlace& p : all) {
    if (p.example && p.deleted_at.empty() && places.size() < kPlaces) places.push_back(&p);
  }
  if (places.empty()) return std::int64_t{0};
  ASSIGN_OR_RETURN(GuideVersion guide, GetGuide(s, "participant-2007", 0));
  json ids = json::array(), municipalities = json::array();
  std::set<std::string> seen;
  for (const MeetingPlace* p : places) {
    ids.push_back(p->id);
    if (!p->municipality.empty() && seen.insert(p->municipality).second) municipalities.push_back(p->municipality);
  }
  const json body = {
      {"name", "Eksempelstudie: møteplassene sett fra innsiden (oppdiktet)"},
      {"description",
       "Et oppdiktet eksempel på en kartlegging etter rapportens metode, med intervjuguiden for deltakere. "
       "Informanter, svar og sitater er laget for demonstrasjonen og bygger på funnene i rapporten fra 2007."},
      {"region", nullptr},
      {"municipalities", municipalities},
      {"meeting_places", ids},
      {"guides", {"participant-2007"}},
      {"starts", "2026-01-05"},
      {"ends", "2026-06-30"},
      {"leads", {"demo-admin"}},
      {"interviewers", json::array()},
      {"analysts", json::array()},
      {"identities_delete_after", "2027-06-30"}};
  ASSIGN_OR_RETURN(json doc, studies::ParseStudy(body));
  doc["example"] = true;
  const WriteContext ctx{who.user ? who.user->username : "system", 0};
  ASSIGN_OR_RETURN(StudyRecord study, s.store.studies().CreateStudy(doc, ctx));

  // The first meeting place with hearing status is where the informants contradict each other.
  std::size_t contradict = 0;
  for (std::size_t k = 0; k < places.size(); ++k) {
    if (places[k]->input.profile.value("functions", json::object()).value("hearing_body", false)) {
      contradict = k;
      break;
    }
  }
  std::int64_t count = 0;
  for (std::size_t k = 0; k < places.size(); ++k) {
    const std::size_t n_informants = k == contradict ? 3 : (k % 3 == 0 ? 2 : 1);
    for (std::size_t n = 0; n < n_informants; ++n) {
      const bool authority = n == 1 || (n_informants == 1 && k % 4 == 3);
      const int day = 2 + static_cast<int>((k * 3 + n) % 26);
      char date[11];
      std::snprintf(date, sizeof date, "2026-02-%02d", day);
      json informant = {{"side", authority ? "authority" : "immigrant_population"},
                        {"role", authority ? (n == 1 ? "secretary" : "official") : (n == 0 ? "chair" : "member")},
                        {"meeting_place", places[k]->id},
                        {"gender", (k + n) % 2 == 0 ? "woman" : "man"},
                        {"minor", false},
                        {"consent", {{"form", "oral"}, {"date", date}, {"guardian_informed", nullptr}}}};
      ASSIGN_OR_RETURN(json parsed, studies::ParseInformant(informant));
      ASSIGN_OR_RETURN(StudyRecord created, s.store.studies().CreateInformant(study.id, parsed, ctx));
      ++count;
      json interview = {{"informant", created.id},
                        {"meeting_place", places[k]->id},
                        {"guide_version", guide.version},
                        {"mode", k % 5 == 0 ? "in_person" : "phone"},
                        {"started_at", std::string(date) + "T10:00:00Z"},
                        {"ended_at", std::string(date) + "T10:45:00Z"},
                        {"interviewer", "demo-admin"},
                        {"reviewed_for_identifiers", true},
                        {"answers", Answers(places[k]->input.profile, k, n, authority, k == contradict)}};
      ASSIGN_OR_RETURN(json checked, studies::ParseInterview(interview, guide.document));
      ASSIGN_OR_RETURN(StudyRecord recorded, s.store.studies().CreateInterview(study.id, checked, ctx));
      RETURN_IF_ERROR(CodeExample(s, study.id, recorded, ctx));
    }
  }
  return count;
}

Result<std::int64_t> RemoveExampleStudies(Services& s, const Principal& who) {
  ASSIGN_OR_RETURN(std::vector<StudyRecord> studies, s.store.studies().ListStudies());
  std::int64_t removed = 0;
  for (const StudyRecord& r : studies) {
    if (!r.data.value("example", false)) continue;
    RETURN_IF_ERROR(s.store.studies().DeleteStudy(r.id, WriteContext{who.user ? who.user->username : "system", 0}));
    ++removed;
  }
  return removed;
}

}  // namespace moteplass::app
