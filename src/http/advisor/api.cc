// The advisor's JSON API: POST /api/v1/advice, the same advice as `moteplass advise`
// (contracts/advisor.md). No login; JSON only (415 otherwise); rate-limited per client (429).
#include "app/advisor/advice.h"
#include "http/advisor/module.h"
#include "http/api_kit.h"

namespace moteplass::http::advisor {

RateLimiter& AdviceLimiter() {
  static RateLimiter limiter(kAdviceRequestsPerMinute, std::chrono::seconds(60));
  return limiter;
}

namespace {

bool IsJson(const Request& req) {
  std::string type = req.Header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return type == "application/json";
}

}  // namespace

void AddApiRoutes(ModuleContext& m) {
  AppContext& app = m.app;
  m.router.Add("POST", std::string(kApiBase) + "/advice", [&app](Request& req) {
    if (const long wait = AdviceLimiter().Take(req.remote); wait > 0) {
      Response r =
          Response::FromError(Error{ErrorCode::kTooManyRequests,
                                    "too_many_requests",
                                    "too many requests for advice; try again in " + std::to_string(wait) + " seconds",
                                    "",
                                    {}});
      r.Set("Retry-After", std::to_string(wait));
      return r;
    }
    if (!IsJson(req)) {
      return Response::FromError(
          Error::Invalid("send the situation as application/json", "/headers/content-type", "unsupported_media_type"));
    }
    auto body = ParseJsonBody(req);
    if (!body.ok()) return Response::FromError(body.error());
    auto advice = app::Advise(app.services, *body);
    if (!advice.ok()) return Response::FromError(advice.error());
    return Response::Json(200, *advice);
  });
}

}  // namespace moteplass::http::advisor
