// The meeting-place list's query parameters (county, municipality, region, kind, q, changed_since,
// sort, page, per_page), read alike by the API's list, the directory page and the downloads.
#pragma once

#include "core/places/places.h"
#include "http/router.h"
#include "store/meeting_place_store.h"

namespace moteplass::http::registry {

// Validates the list filters into a store query; kInvalid with the parameter as pointer
// ("/county", "/sort", ...).
Result<MeetingPlaceQuery> ParseMeetingPlaceQuery(const Request& request, const Places& places);

// The ?sort value of an order ("name", "-updated", "relevance"), as ParseMeetingPlaceQuery reads it.
const char* SortParam(MeetingPlaceQuery::Sort sort);

}  // namespace moteplass::http::registry
