#include "app/suggestions/suggestions.h"

#include "app/register/meeting_places.h"
#include "core/status_macros.h"

namespace moteplass::app {
namespace {

using suggestions::Suggestion;

constexpr const char* kEntity = "suggestion";
constexpr int kListLimit = 500;

}  // namespace

RecordLocation LocationOf(const Places& places, const Suggestion& s) {
  RecordLocation where;
  where.meeting_place_id = 0;  // a suggestion is not the meeting place's own record
  where.municipality = s.input.municipality;
  where.county = s.input.county;
  if (const County* county = FindCounty(places, s.input.county)) where.region = county->region;
  return where;
}

Result<Suggestion> SubmitSuggestion(Services& s, const Principal& who, const nlohmann::json& body) {
  ASSIGN_OR_RETURN(suggestions::SuggestionInput input, suggestions::ParseSuggestion(body, s.places));
  if (input.kind == "outdated") {
    Result<MeetingPlace> place = s.store.meeting_places().Get(input.meeting_place_id);
    if (!place.ok() && place.error().code != ErrorCode::kNotFound) return place.error();
    if (!place.ok() || !CanSee(Principal{}, *place)) {
      return Error::Invalid("no published meeting place has this id", "/meeting_place", "unknown_meeting_place");
    }
    input.municipality = place->municipality;
    input.county = place->county;
  }
  return s.store.suggestions().Create(input, WriteContext{AuthorOf(who), 0});
}

Result<std::vector<Suggestion>> ListSuggestions(Services& s, const Principal& who, const std::string& status) {
  if (!MayAnywhere(who, Action::kSuggestionReview)) {
    return Authorize(s, who, Action::kSuggestionReview, RecordLocation{}, kEntity, "").error();
  }
  if (status != "" && status != "open" && status != "accepted" && status != "rejected") {
    return Error::Invalid("status must be open, accepted, rejected or all", "/status");
  }
  ASSIGN_OR_RETURN(std::vector<Suggestion> all, s.store.suggestions().List(status, kListLimit));
  std::vector<Suggestion> mine;
  for (Suggestion& one : all) {
    if (Decide(who, Action::kSuggestionReview, LocationOf(s.places, one)).allowed) mine.push_back(std::move(one));
  }
  return mine;
}

Result<Suggestion> GetSuggestion(Services& s, const Principal& who, std::int64_t id) {
  if (who.anonymous()) return Authorize(s, who, Action::kSuggestionReview, RecordLocation{}, kEntity, "").error();
  ASSIGN_OR_RETURN(Suggestion one, s.store.suggestions().Get(id));
  RETURN_IF_ERROR(Authorize(s, who, Action::kSuggestionReview, LocationOf(s.places, one), kEntity, std::to_string(id)));
  return one;
}

Result<Suggestion> CloseSuggestion(Services& s, const Principal& who, std::int64_t id, bool accept,
                                   const std::string& reason, std::int64_t expected_version) {
  ASSIGN_OR_RETURN(Suggestion one, GetSuggestion(s, who, id));
  std::string cleaned;
  if (!accept) {
    Result<std::string> parsed = suggestions::ParseReason(reason);
    if (!parsed.ok()) {
      return Outcome(s, who, Action::kSuggestionReview, kEntity, std::to_string(id), parsed.error(), false).error();
    }
    cleaned = *parsed;
  }
  Result<Suggestion> closed = s.store.suggestions().Close(id, accept ? "accepted" : "rejected", cleaned,
                                                          WriteContext{AuthorOf(who), expected_version});
  if (!closed.ok()) {
    return Outcome(s, who, Action::kSuggestionReview, kEntity, std::to_string(id), closed.error(), false).error();
  }
  s.changed({"suggestions"});
  return closed;
}

}  // namespace moteplass::app
