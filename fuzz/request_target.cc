// Fuzzes what the server reads from a request's target before any handler runs: the path's
// percent-decoding, the query string's decoding, the headers a handler reads (cookies,
// If-Match), the list filters of the directory and the API (county, kind, q, sort, page, ...)
// and the paging parameters. Input: a request target such as "/moteplasser?county=46&q=r%C3%A5d",
// then optionally a newline and a Cookie header value, then a newline and an If-Match value.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/places/places.h"
#include "http/api_kit.h"
#include "http/register/query.h"
#include "http/router.h"

using namespace moteplass;
using namespace moteplass::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Places places = DefaultPlaces();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view target = input.substr(0, input.find('\n'));
  std::string_view rest = target.size() < input.size() ? input.substr(target.size() + 1) : std::string_view();
  std::string_view cookie = rest.substr(0, rest.find('\n'));
  std::string_view if_match = cookie.size() < rest.size() ? rest.substr(cookie.size() + 1) : std::string_view();

  const std::size_t question = target.find('?');
  Request request;
  request.method = "GET";
  auto path = PercentDecode(target.substr(0, question), /*plus_is_space=*/false);
  if (!path) return 0;
  request.path = *path;
  if (question != std::string_view::npos) {
    auto query = ParseQuery(target.substr(question + 1));
    if (!query) return 0;
    request.query = std::move(*query);
  }
  request.headers["cookie"] = std::string(cookie);
  request.headers["if-match"] = std::string(if_match);
  (void)request.Cookie("moteplass_session");
  (void)request.Cookie("moteplass_lang");
  (void)IfMatchVersion(request);
  (void)ParsePaging(request, 25, 100);
  (void)registry::ParseMeetingPlaceQuery(request, places);
  request.params["id"] = request.path;
  (void)RouteId(request);
  (void)PercentEncode(request.path);
  return 0;
}
