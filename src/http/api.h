// The JSON API under /api/v1 (contracts/api.md): reference places, meeting places with history
// and recorded kinds, log-in, the typology and the OpenAPI document. Handlers check who may do
// what (core/account.h), validate every input with errors that name the field, and map store
// errors to status codes in one place (Response::FromError).
#pragma once

#include <functional>

#include "app/services.h"
#include "core/places/places.h"
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
  // The use cases' view of the above; its listener empties the caches a write touched.
  app::Services services{store, places};
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

// The id of the route's {id}; kNotFound (naming the id as given) when it is not a positive whole
// number.
Result<std::int64_t> RouteId(const Request& request, const char* what = "meeting place");

// Loads the meeting place of the route's {id} if the caller may see it: kNotFound for unknown,
// deleted or (to those not covered) unpublished ones (app::GetMeetingPlace).
Result<MeetingPlace> LoadVisible(AppContext& app, const Request& request);

// The ?sort value of an order ("name", "-updated", "relevance"), as ParseMeetingPlaceQuery reads it.
const char* SortParam(MeetingPlaceQuery::Sort sort);

}  // namespace moteplass::http
