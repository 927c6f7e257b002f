// Requests, responses and the table that maps a method and path to a handler. Independent of
// Beast: server.cc turns the wire format into a Request and a Response back into bytes, so that
// handlers (api.cc, pages) are plain functions that unit tests can call directly.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/accounts/account.h"
#include "core/error.h"

namespace moteplass::http {

struct RouteInfo;

struct Request {
  std::string method;                                      // "GET", "POST", ...
  std::string path;                                        // percent-decoded, without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;              // names in lower case
  std::string body;
  std::map<std::string, std::string> params;  // from the route pattern, e.g. {"id": "17"}
  std::string remote;                         // peer address, for rate limits only; never logged
  bool keep_alive = true;                     // the connection stays open after the response

  // Set by Authenticator::Identify.
  Principal principal;
  bool via_cookie = false;           // identified by the session cookie (then writes need CSRF)
  std::string session_hash;          // hash of the session cookie, "" without one
  std::string csrf_token;            // of that session
  const RouteInfo* route = nullptr;  // set by Router::Dispatch
  std::string route_pattern;         // set by Router::Dispatch: "/moteplasser/{id}", for the log

  std::string Header(std::string_view name) const;  // "" when absent
  std::optional<std::string> Query(std::string_view name) const;
  // The value of a cookie, "" when absent.
  std::string Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // The whole response, status line to body, serialized once and shared (a cached page, a static
  // file). When set, the server sends these bytes as they are; `status` is still set for the
  // access log, and `headers` and `body` are empty.
  std::shared_ptr<const std::string> wire;

  void Set(std::string name, std::string value);
  std::string Get(std::string_view name) const;  // "" when absent

  static Response Json(int status, const nlohmann::json& body);
  // `{"error": {"code", "message", "pointer"[, "index"]}}` with the status the code maps to.
  static Response FromError(const Error& error);
  static Response NoContent();
};

// Adds the headers every response carries unless its handler set them: Content-Security-Policy
// without inline script, nosniff, no framing, referrer policy, and Cache-Control: no-store.
void AddDefaultHeaders(Response& response);

// The response as HTTP/1.1 bytes, default headers added and Content-Length set, for a keep-alive
// connection: what a cached page or static file keeps in Response::wire.
std::shared_ptr<const std::string> Serialize(Response response);

// Whether stored bytes (Response::wire) may answer this request: a GET on a connection that stays
// open. A HEAD, or a connection that closes, gets a response built from its parts.
bool CanSendStored(const Request& request);

// True when Accept-Encoding allows gzip ("gzip", "gzip;q=0.5", not "gzip;q=0").
bool AcceptsGzip(std::string_view accept_encoding);

// The HTTP status of an error (400, 401, 403, 404, 409, 413, 429, 500).
int StatusOf(const Error& error);

// Percent-decodes a path segment or query component ('+' is a space only in queries).
// Returns nullopt for malformed escapes or decoded NUL bytes.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);
std::string PercentEncode(std::string_view s);
// Splits "a=1&b=2" into decoded pairs; nullopt when malformed.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseQuery(std::string_view query);

// A path as the access log may show it: printable ASCII as it is, a backslash and every other
// byte (newlines, control characters, terminal escapes, non-ASCII) as \xNN, cut after 100
// characters. A request can then never start a line of its own or colour a terminal.
std::string LogSafePath(std::string_view path);

using Handler = std::function<Response(Request&)>;

// A page a search engine may find through the sitemap: its path and when it last changed
// ("" when unknown).
struct SitemapEntry {
  std::string path;
  std::string lastmod;
};

// What a route is, besides its handler. robots.txt, the sitemap and the page cache come from it.
struct RouteInfo {
  // Anonymous GETs are kept in the page cache until a write touches `cache_tag`.
  bool cacheable = false;
  // Search engines may index it: robots.txt allows it and the sitemap lists it. Others are
  // disallowed in robots.txt.
  bool indexable = false;
  // The tag a cached response carries; "{name}" is filled from the route's placeholders
  // ("meeting_place:{id}"). A write names the tags it touched (app::ChangeListener).
  std::string cache_tag;
  // For an indexable route with placeholders: the concrete pages to list in the sitemap.
  std::function<std::vector<SitemapEntry>()> sitemap;
};

class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    RouteInfo info;
  };

  // `pattern` is a path whose segments may be "{name}" placeholders, e.g.
  // "/api/v1/meeting-places/{id}".
  void Add(std::string method, std::string pattern, Handler handler, RouteInfo info = {});
  // Every route, in the order added.
  const std::vector<Route>& Routes() const { return routes_; }
  // The route that serves this method and path (HEAD as GET), with its placeholders filled into
  // `params`; nullptr when none.
  const Route* Match(const std::string& method, const std::string& path,
                     std::map<std::string, std::string>* params) const;
  // Runs the handler for the request's method and path; a path that matches no pattern gets
  // `not_found`, a known path with another method gets 405 with an Allow header.
  Response Dispatch(Request& request, const Handler& not_found) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace moteplass::http
