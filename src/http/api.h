// The JSON API under /api/v1 (contracts/api.md): reference places, meeting places with history
// and recorded kinds, log-in, the typology and the OpenAPI document. Handlers check who may do
// what (core/account.h), validate every input with errors that name the field, and map store
// errors to status codes in one place (Response::FromError).
#pragma once

#include <functional>

#include "core/places.h"
#include "http/auth.h"
#include "http/router.h"
#include "store/store.h"

namespace moteplass::http {

struct AppContext {
  Store& store;
  Authenticator& auth;
  Places places;  // loaded at start
  // The address the public reaches the site at, without a trailing slash, for absolute links
  // (sitemap.xml); --public-url, else the address the server listens on.
  std::string public_url;
  // Called after every successful write (the page cache listens).
  std::function<void()> on_change = [] {};
};

void AddApiRoutes(Router& router, AppContext& app);

// The list envelope of OParl: {"data", "pagination", "links"}; links keep the request's other
// query parameters.
nlohmann::json ListEnvelope(const Request& request, nlohmann::json data, std::int64_t total, int page,
                            int per_page);

// Reads `page` and `per_page` (pointer "/page", "/per_page" on error).
struct Paging {
  int page = 1;
  int per_page = 20;
};
Result<Paging> ParsePaging(const Request& request, int default_per_page, int max_per_page);

// Validates the list filters (county, municipality, region, kind, q, sort) into a store query.
Result<MeetingPlaceQuery> ParseMeetingPlaceQuery(const Request& request, const Places& places);

// Where a stored or proposed meeting place sits, for access decisions.
RecordLocation LocationOf(const MeetingPlace& place);
RecordLocation LocationOf(const MeetingPlaceInput& input, const Places& places, std::int64_t id);

// Loads the meeting place of the route's {id} if the caller may see it: kNotFound for unknown,
// deleted or (to those not covered) unpublished ones, so that the answer does not reveal that an
// unpublished record exists.
Result<MeetingPlace> LoadVisible(AppContext& app, const Request& request);

// The ?sort value of an order ("name", "-updated", "relevance"), as ParseMeetingPlaceQuery reads it.
const char* SortParam(MeetingPlaceQuery::Sort sort);

// True when the caller may see this record (published and not deleted, or covered by the role).
bool CanSee(const Principal& who, const MeetingPlace& place);

}  // namespace moteplass::http
