// What the JSON API's handlers share: the base path, reading a JSON body, ids from the route,
// paging (?page, ?per_page) and the OParl list envelope, and If-Match. Every module's API routes
// use these, so that all lists page alike and all errors name the parameter.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "http/router.h"

namespace moteplass::http {

inline constexpr const char* kApiBase = "/api/v1";

// The request body as JSON; kInvalid naming "the request body" when it is not.
Result<nlohmann::json> ParseJsonBody(const Request& request);

// A positive whole number written without a leading zero ("17"); nullopt for anything else.
std::optional<std::int64_t> ParseId(const std::string& text);

// The id of the route's {id}; kNotFound ("no <what> has the id ...") when it is not one.
Result<std::int64_t> RouteId(const Request& request, const char* what = "meeting place");
// The same for another route parameter, such as {informant} or {coding}.
Result<std::int64_t> RouteId(const Request& request, const char* param, const char* what);

// A JSON answer carrying the record's version as its ETag ("3"), which If-Match then names.
Response JsonWithEtag(int status, const nlohmann::json& body, std::int64_t version);

// The version an If-Match header asks for: 0 when absent or "*"; kInvalid when malformed.
Result<std::int64_t> IfMatchVersion(const Request& request);

// The version a write to an existing record is based on: If-Match (0 for "*"), else the body's
// "version" member (`body` may be null), else -1 (none given: app::kNoPrecondition, 428).
// kInvalid naming the header or /version when malformed.
Result<std::int64_t> PreconditionVersion(const Request& request, const nlohmann::json* body);

// kInvalid naming the first query parameter that is not in `known` (pointer "/NAME"): a
// mistyped filter ("?kommune=0301") must not quietly list everything.
Status RefuseUnknownParams(const Request& request, std::span<const std::string_view> known);

// Reads `page` and `per_page` (pointer "/page", "/per_page" on error).
struct Paging {
  int page = 1;
  int per_page = 20;
};
Result<Paging> ParsePaging(const Request& request, int default_per_page, int max_per_page);

// The list envelope of OParl: {"data", "pagination", "links"}; links keep the request's other
// query parameters.
nlohmann::json ListEnvelope(const Request& request, nlohmann::json data, std::int64_t total, int page, int per_page);

// One page of a list held in memory (counties, municipalities, regions, a change history) as an
// OParl list, paged by ?page and ?per_page.
template <class T, class ToJsonFn>
Response PagedList(const Request& req, const std::vector<T>& all, ToJsonFn to_json, int default_per_page = 1000,
                   int max_per_page = 1000) {
  auto paging = ParsePaging(req, default_per_page, max_per_page);
  if (!paging.ok()) return Response::FromError(paging.error());
  nlohmann::json data = nlohmann::json::array();
  const std::size_t from = static_cast<std::size_t>(paging->page - 1) * paging->per_page;
  for (std::size_t i = from; i < all.size() && i < from + paging->per_page; ++i) data.push_back(to_json(all[i]));
  return Response::Json(200,
                        ListEnvelope(req, data, static_cast<std::int64_t>(all.size()), paging->page, paging->per_page));
}

// A Result as a response: the value rendered by `to_response`, or the error.
template <class T, class Fn>
Response Respond(const Result<T>& result, Fn to_response) {
  if (!result.ok()) return Response::FromError(result.error());
  return to_response(*result);
}

}  // namespace moteplass::http
