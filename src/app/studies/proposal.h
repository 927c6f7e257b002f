// Proposals to the register from a mapping study (contracts/studies.md, "Proposal"; the rules in
// core/studies/proposal.h). Reading one is for those the study names (study.read); accepting
// fields is for its leads and administrators (study.manage) who may also change the meeting
// place (meeting_place.update): the accepted fields go through the register's ordinary write
// path (app::UpdateMeetingPlace, If-Match required), so the typology classifies the meeting place
// again as its participants see it, and the history entry says {"source": {"study": id}}, never
// which informant said what.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "app/services.h"
#include "core/register/meeting_place.h"

namespace moteplass::app {

// The proposal for one of the study's meeting places, with "classification": the typology's
// verdict on the profile with every field the informants agree on (and the majority's value where
// they do not), beside "current_kind".
Result<nlohmann::json> GetProposal(Services& s, const Principal& who, std::int64_t study, std::int64_t meeting_place);

// Writes the accepted fields (body {"pointers": [...]}) to the meeting place.
Result<MeetingPlace> AcceptProposal(Services& s, const Principal& who, std::int64_t study, std::int64_t meeting_place,
                                    const nlohmann::json& body, std::int64_t expected_version);

// A meeting place the study found that the register lacks (contracts/studies.md, "Proposal"): the
// body is a meeting place as the register's API takes it; it is created unpublished through the
// register's own use case (meeting_place.create decides where; the history says {"study": id})
// and added to the study's meeting places. For the study's leads (study.manage). A municipal one
// must lie in one of the study's municipalities when the study names any (kInvalid,
// "/profile/municipality").
Result<MeetingPlace> RegisterFoundMeetingPlace(Services& s, const Principal& who, std::int64_t study,
                                               const nlohmann::json& body);
// The same for a body already parsed (the register's form).
Result<MeetingPlace> RegisterFoundMeetingPlace(Services& s, const Principal& who, std::int64_t study,
                                               MeetingPlaceInput input);

}  // namespace moteplass::app
