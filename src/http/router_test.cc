#include "http/router.h"

#include <zlib.h>

#include <gtest/gtest.h>

#include "http/api_kit.h"
#include "http/auth.h"
#include "http/register/query.h"
#include "http/server.h"

namespace moteplass::http {
namespace {

using nlohmann::json;

Request Get(std::string path, std::vector<std::pair<std::string, std::string>> query = {}) {
  Request r;
  r.method = "GET";
  r.path = std::move(path);
  r.query = std::move(query);
  return r;
}

Response NotFound(Request&) { return Response::FromError(Error::NotFound("nothing here")); }

TEST(Router, MatchesPlaceholdersAndAnswers405WithAllow) {
  Router router;
  router.Add("GET", "/api/v1/things/{id}", [](Request& r) { return Response::Json(200, {{"id", r.params["id"]}}); });
  router.Add("PUT", "/api/v1/things/{id}", [](Request&) { return Response::NoContent(); });
  Request get = Get("/api/v1/things/42");
  Response ok = router.Dispatch(get, NotFound);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(json::parse(ok.body)["id"], "42");

  Request post = Get("/api/v1/things/42");
  post.method = "POST";
  Response not_allowed = router.Dispatch(post, NotFound);
  EXPECT_EQ(not_allowed.status, 405);
  EXPECT_EQ(not_allowed.Get("Allow"), "GET, PUT, HEAD");
  EXPECT_EQ(json::parse(not_allowed.body)["error"]["code"], "method_not_allowed");

  Request head = Get("/api/v1/things/7");
  head.method = "HEAD";
  EXPECT_EQ(router.Dispatch(head, NotFound).status, 200);

  Request unknown = Get("/api/v1/things/42/more");
  EXPECT_EQ(router.Dispatch(unknown, NotFound).status, 404);
}

TEST(Router, ErrorsCarryCodeMessageAndPointer) {
  Response r = Response::FromError(Error::Invalid("expected a whole number", "/page"));
  EXPECT_EQ(r.status, 400);
  json body = json::parse(r.body);
  EXPECT_EQ(body["error"]["code"], "invalid");
  EXPECT_EQ(body["error"]["pointer"], "/page");
  EXPECT_EQ(r.Get("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(StatusOf(Error::Unauthenticated("x")), 401);
  EXPECT_EQ(StatusOf(Error::Forbidden("x")), 403);
  EXPECT_EQ(StatusOf(Error::Conflict("x")), 409);
  EXPECT_EQ(StatusOf(Error{ErrorCode::kTooLarge, "too_large", "x", "", {}}), 413);
  EXPECT_EQ(StatusOf(Error{ErrorCode::kTooManyRequests, "too_many_requests", "x", "", {}}), 429);
}

TEST(Router, DecodesPathsQueriesAndCookies) {
  EXPECT_EQ(PercentDecode("/kommuner/%C3%98rland", false), "/kommuner/Ørland");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_FALSE(PercentDecode("%zz", false));
  EXPECT_FALSE(PercentDecode("%4", false));
  EXPECT_FALSE(PercentDecode("%00", false));
  EXPECT_FALSE(PercentDecode("%C3", false));        // cut UTF-8
  EXPECT_FALSE(PercentDecode("%ED%A0%80", false));  // a surrogate
  EXPECT_FALSE(PercentDecode("%C0%AF", false));     // overlong
  EXPECT_EQ(PercentDecode("%F0%9F%98%80", false), "\U0001F600");
  auto q = ParseQuery("q=m%C3%B8teplass&county=03&empty=&flag");
  ASSERT_TRUE(q);
  ASSERT_EQ(q->size(), 4u);
  EXPECT_EQ((*q)[0].second, "møteplass");
  EXPECT_EQ((*q)[2].second, "");
  EXPECT_EQ((*q)[3].first, "flag");
  EXPECT_FALSE(ParseQuery("q=%"));
  EXPECT_EQ(PercentEncode("Ørland og Å"), "%C3%98rland%20og%20%C3%85");

  Request r;
  r.headers["cookie"] = "a=1; moteplass_session=abc; lang=nn";
  EXPECT_EQ(r.Cookie("moteplass_session"), "abc");
  EXPECT_EQ(r.Cookie("lang"), "nn");
  EXPECT_EQ(r.Cookie("missing"), "");
}

TEST(Api, ListEnvelopeLinksKeepTheOtherParameters) {
  Request r = Get("/api/v1/meeting-places", {{"county", "03"}, {"page", "2"}, {"q", "råd"}});
  json list = ListEnvelope(r, json::array(), 45, 2, 20);
  EXPECT_EQ(list["pagination"]["totalElements"], 45);
  EXPECT_EQ(list["pagination"]["totalPages"], 3);
  EXPECT_EQ(list["pagination"]["currentPage"], 2);
  EXPECT_EQ(list["links"]["first"], "/api/v1/meeting-places?county=03&q=r%C3%A5d&page=1");
  EXPECT_EQ(list["links"]["prev"], "/api/v1/meeting-places?county=03&q=r%C3%A5d&page=1");
  EXPECT_EQ(list["links"]["next"], "/api/v1/meeting-places?county=03&q=r%C3%A5d&page=3");
  EXPECT_EQ(list["links"]["last"], "/api/v1/meeting-places?county=03&q=r%C3%A5d&page=3");
  json first = ListEnvelope(Get("/x"), json::array(), 0, 1, 20);
  EXPECT_TRUE(first["links"]["prev"].is_null());
  EXPECT_TRUE(first["links"]["next"].is_null());
  EXPECT_EQ(first["pagination"]["totalPages"], 1);
}

TEST(Api, QueryParametersAreValidatedNamingTheParameter) {
  Places places = DefaultPlaces();
  auto check = [&](std::vector<std::pair<std::string, std::string>> query, const std::string& pointer) {
    auto q = registry::ParseMeetingPlaceQuery(Get("/api/v1/meeting-places", std::move(query)), places);
    ASSERT_FALSE(q.ok());
    EXPECT_EQ(q.error().pointer, pointer);
    EXPECT_EQ(q.error().code, ErrorCode::kInvalid);
  };
  check({{"page", "0"}}, "/page");
  check({{"page", "x"}}, "/page");
  check({{"per_page", "101"}}, "/per_page");
  check({{"county", "99"}}, "/county");
  check({{"municipality", "9999"}}, "/municipality");
  check({{"region", "atlantis"}}, "/region");
  check({{"kind", "club"}}, "/kind");
  check({{"sort", "size"}}, "/sort");
  auto ok = registry::ParseMeetingPlaceQuery(
      Get("/x", {{"county", "03"}, {"kind", "council"}, {"sort", "-updated"}, {"page", "2"}, {"per_page", "5"}}),
      places);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->county, "03");
  EXPECT_EQ(ok->sort, MeetingPlaceQuery::Sort::kUpdatedDesc);
  EXPECT_EQ(ok->page, 2);
  EXPECT_EQ(ok->per_page, 5);
}

TEST(Server, ResponsesGetSecurityHeadersAndGzipWhenAccepted) {
  Response small = Response::Json(200, {{"a", 1}});
  FinishResponse(small, "gzip");
  EXPECT_EQ(small.Get("Content-Encoding"), "");  // not worth it under 1 KiB
  EXPECT_EQ(small.Get("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(small.Get("Content-Security-Policy").find("script-src 'self'"), std::string::npos);

  std::string text(5000, 'x');
  Response big = Response::Json(200, {{"text", text}});
  const std::string original = big.body;
  FinishResponse(big, "br, gzip;q=0.8");
  ASSERT_EQ(big.Get("Content-Encoding"), "gzip");
  EXPECT_LT(big.body.size(), original.size());
  // Inflate and compare.
  z_stream zs{};
  ASSERT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  std::string out(original.size() + 16, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(big.body.data());
  zs.avail_in = static_cast<uInt>(big.body.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  EXPECT_EQ(out, original);

  Response refused = Response::Json(200, {{"text", text}});
  FinishResponse(refused, "gzip;q=0");
  EXPECT_EQ(refused.Get("Content-Encoding"), "");
}

TEST(Auth, LoginLimiterBlocksAfterTooManyFailuresAndForgetsAfterTheWindow) {
  LoginLimiter limiter(3, 5, std::chrono::seconds(60));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limiter.RetryAfter("kari", "10.0.0.1"), 0);
    limiter.RecordFailure("kari", "10.0.0.1");
  }
  EXPECT_GT(limiter.RetryAfter("kari", "10.0.0.2"), 0);  // per username, from anywhere
  EXPECT_EQ(limiter.RetryAfter("ola", "10.0.0.2"), 0);
  limiter.RecordFailure("ola", "10.0.0.1");
  limiter.RecordFailure("per", "10.0.0.1");
  EXPECT_GT(limiter.RetryAfter("someone", "10.0.0.1"), 0);  // per address
  limiter.Reset("kari");
  EXPECT_EQ(limiter.RetryAfter("kari", "10.0.0.9"), 0);
  LoginLimiter short_window(1, 10, std::chrono::seconds(0));
  short_window.RecordFailure("a", "b");
  EXPECT_EQ(short_window.RetryAfter("a", "b"), 0);
}

}  // namespace
}  // namespace moteplass::http

namespace moteplass::http {
namespace {

TEST(RouterMetadata, RoutesKeepTheirInfoAndTheRequestSeesIt) {
  Router router;
  RouteInfo info;
  info.cacheable = true;
  info.cache_tag = "meeting_place:{id}";
  std::string seen_tag;
  router.Add(
      "GET", "/moteplasser/{id}",
      [&](Request& r) {
        seen_tag = r.route ? r.route->cache_tag : "";
        return Response::NoContent();
      },
      info);
  ASSERT_EQ(router.Routes().size(), 1u);
  EXPECT_EQ(router.Routes()[0].pattern, "/moteplasser/{id}");
  std::map<std::string, std::string> params;
  ASSERT_NE(router.Match("HEAD", "/moteplasser/7", &params), nullptr);
  EXPECT_EQ(params.at("id"), "7");
  EXPECT_EQ(router.Match("POST", "/moteplasser/7", nullptr), nullptr);
  Request r;
  r.method = "GET";
  r.path = "/moteplasser/7";
  router.Dispatch(r, [](Request&) { return Response::NoContent(); });
  EXPECT_EQ(seen_tag, "meeting_place:{id}");
}

}  // namespace
}  // namespace moteplass::http

namespace moteplass::http {
namespace {

TEST(Auth, LockoutDelayDoublesFromTheLimitAndIsCapped) {
  EXPECT_EQ(LockoutDelay(0, 5, 60, 900), 0);
  EXPECT_EQ(LockoutDelay(4, 5, 60, 900), 0);
  EXPECT_EQ(LockoutDelay(5, 5, 60, 900), 60);
  EXPECT_EQ(LockoutDelay(6, 5, 60, 900), 120);
  EXPECT_EQ(LockoutDelay(8, 5, 60, 900), 480);
  EXPECT_EQ(LockoutDelay(9, 5, 60, 900), 900);
  EXPECT_EQ(LockoutDelay(1000, 5, 60, 900), 900);
}

TEST(Router, LogSafePathEscapesWhatCouldForgeOrColourALogLine) {
  EXPECT_EQ(LogSafePath("/moteplasser/17"), "/moteplasser/17");
  EXPECT_EQ(LogSafePath("/moteplasser/\n2026-11-25 FAKE admin logged in"),
            "/moteplasser/\\x0a2026-11-25 FAKE admin logged in");
  EXPECT_EQ(LogSafePath("/a\r\x1b[31mred\\"), "/a\\x0d\\x1b[31mred\\x5c");
  EXPECT_EQ(LogSafePath("/kommuner/\xc3\xb8"), "/kommuner/\\xc3\\xb8");
  const std::string cut = LogSafePath("/" + std::string(500, 'a'));
  EXPECT_LE(cut.size(), 110u);
  EXPECT_TRUE(cut.ends_with("..."));
}

}  // namespace
}  // namespace moteplass::http
