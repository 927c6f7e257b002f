#include "app/studies/proposal.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "app/register/meeting_places.h"
#include "app/studies/guides.h"
#include "app/studies/studies.h"
#include "core/status_macros.h"
#include "core/studies/proposal.h"

namespace moteplass::app {
namespace {

using nlohmann::json;

Error NotTheStudys(std::int64_t meeting_place) {
  return Error::NotFound("the meeting place " + std::to_string(meeting_place) + " is not one of the study's");
}

// The proposal over what the study holds about the meeting place; `place` as the API shows it
// (empty when the caller may not see the meeting place).
Result<json> ProposalOf(Services& s, const StudyAccess& access, std::int64_t meeting_place, const json& place) {
  const json& places = access.study.data["meeting_places"];
  if (std::find(places.begin(), places.end(), json(meeting_place)) == places.end()) return NotTheStudys(meeting_place);
  const std::int64_t study = access.study.id;
  ASSIGN_OR_RETURN(std::vector<StudyRecord> informants, s.store.studies().ListInformants(study));
  ASSIGN_OR_RETURN(std::vector<StudyRecord> interviews, s.store.studies().ListInterviews(study));
  std::vector<studies::ProposalInformant> live;
  std::map<std::int64_t, const StudyRecord*> by_id;
  for (const StudyRecord& i : informants) {
    if (!i.withdrawn) by_id[i.id] = &i;
  }
  std::set<std::int64_t> listed;
  std::vector<json> docs;
  for (const StudyRecord& v : interviews) {
    const std::int64_t informant = v.data.value("informant", std::int64_t{0});
    auto i = by_id.find(informant);
    if (i == by_id.end()) continue;
    const json& mp = v.data["meeting_place"].is_null() ? i->second->data["meeting_place"] : v.data["meeting_place"];
    if (mp != json(meeting_place)) continue;
    docs.push_back(v.data);
    if (listed.insert(informant).second) live.push_back({informant, i->second->data.value("pseudonym", std::string())});
  }
  GuideDocuments guides(s);
  return studies::Proposal(meeting_place, place, live, docs, std::ref(guides));
}

}  // namespace

Result<json> GetProposal(Services& s, const Principal& who, std::int64_t study, std::int64_t meeting_place) {
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  auto place = GetMeetingPlace(s, who, meeting_place);
  const json current = place.ok() ? ToJson(*place) : json::object();
  ASSIGN_OR_RETURN(json proposal, ProposalOf(s, access, meeting_place, current));
  proposal["current_kind"] = place.ok() ? current["kind"] : json();
  proposal["classification"] = nullptr;
  if (place.ok()) {
    // The meeting place as its participants see it: every proposed field set.
    json seen = current;
    for (const json& f : proposal["fields"]) {
      try {
        seen[json::json_pointer(f["pointer"].get<std::string>())] = f["value"];
      } catch (const json::exception&) {
      }
    }
    auto input = ParseMeetingPlaceInput(seen, s.places);
    if (input.ok()) proposal["classification"] = ClassifyInput(*input);
  }
  return proposal;
}

Result<MeetingPlace> AcceptProposal(Services& s, const Principal& who, std::int64_t study, std::int64_t meeting_place,
                                    const json& body, std::int64_t expected_version) {
  const Action action = Action::kStudyManage;
  const std::string target = std::to_string(study);
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "study", target));
  auto input = [&]() -> Result<MeetingPlaceInput> {
    ASSIGN_OR_RETURN(MeetingPlace place, GetMeetingPlace(s, who, meeting_place));
    const json current = ToJson(place);
    ASSIGN_OR_RETURN(json proposal, ProposalOf(s, access, meeting_place, current));
    ASSIGN_OR_RETURN(json changed, studies::Accept(proposal, current, body));
    auto parsed = ParseMeetingPlaceInput(changed, s.places);
    if (!parsed.ok()) {
      Error e = parsed.error();
      e.message = e.pointer + ": " + e.message;
      e.pointer = "/pointers";
      return e;
    }
    return parsed;
  }();
  if (!input.ok()) return Outcome(s, who, action, "study", target, input.error(), false).error();
  return UpdateMeetingPlace(s, who, meeting_place, *input, expected_version, json{{"study", study}});
}

Result<MeetingPlace> RegisterFoundMeetingPlace(Services& s, const Principal& who, std::int64_t study,
                                               const json& body) {
  auto parsed = ParseMeetingPlaceInput(body, s.places);
  if (!parsed.ok()) {
    // Refused by the study's rules first, so that a body alone tells nothing to an outsider.
    ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
    RETURN_IF_ERROR(Authorize(s, who, Action::kStudyManage, access.where, "study", std::to_string(study)));
    return Outcome(s, who, Action::kStudyManage, "study", std::to_string(study), parsed.error(), false).error();
  }
  return RegisterFoundMeetingPlace(s, who, study, *parsed);
}

Result<MeetingPlace> RegisterFoundMeetingPlace(Services& s, const Principal& who, std::int64_t study,
                                               MeetingPlaceInput parsed) {
  const Action action = Action::kStudyManage;
  const std::string target = std::to_string(study);
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "study", target));
  auto input = [&]() -> Result<MeetingPlaceInput> {
    const json& municipalities = access.study.data["municipalities"];
    const json municipality = parsed.profile.value("municipality", json());
    if (parsed.profile.value("level", "") == "municipal" && municipalities.is_array() && !municipalities.empty() &&
        std::find(municipalities.begin(), municipalities.end(), municipality) == municipalities.end()) {
      return Error::Invalid("is not one of the study's municipalities", "/profile/municipality");
    }
    parsed.is_public = false;  // the lead publishes it, once checked, through the register
    return parsed;
  }();
  if (!input.ok()) return Outcome(s, who, action, "study", target, input.error(), false).error();
  ASSIGN_OR_RETURN(MeetingPlace place, CreateMeetingPlace(s, who, *input, json{{"study", study}}));
  // Linked to the study on its newest version (a lead may have saved the study in between).
  Error last = Error::Conflict("the study changed while the meeting place was linked to it");
  for (int attempt = 0; attempt < 3; ++attempt) {
    ASSIGN_OR_RETURN(StudyRecord now, s.store.studies().GetStudy(study));
    json data = now.data;
    data["meeting_places"].push_back(place.id);
    auto linked = s.store.studies().UpdateStudy(study, data, WriteContext{AuthorOf(who), now.version});
    if (linked.ok()) return place;
    last = linked.error();
    if (last.code != ErrorCode::kConflict) break;
  }
  return last;
}

}  // namespace moteplass::app
