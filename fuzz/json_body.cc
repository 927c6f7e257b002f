// Fuzzes the JSON a client sends: the body parser the API uses (size, syntax, a top-level
// object), the meeting-place validation that API, pages, import and command line share, and the
// classifier behind POST /api/v1/classify and `moteplass classify`, which takes a profile or a
// list of them, and the advisor behind POST /api/v1/advice and `moteplass advise`. Input: the
// request body.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/advisor/advisor.h"
#include "core/places/places.h"
#include "core/register/meeting_place.h"
#include "core/typology/typology.h"
#include "http/api_kit.h"

using namespace moteplass;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Places places = DefaultPlaces();
  http::Request request;
  request.method = "POST";
  request.headers["content-type"] = "application/json";
  request.body.assign(reinterpret_cast<const char*>(data), size);
  auto body = http::ParseJsonBody(request);
  if (!body.ok()) return 0;
  auto input = ParseMeetingPlaceInput(*body, places);
  if (input.ok()) {
    nlohmann::json classification = ClassifyInput(*input);
    (void)ComputedKind(classification);
    (void)DeriveColumns(*input, classification, places);
  }
  auto classified = ClassifyDocument(*body);
  if (classified.ok()) {
    for (Lang lang : {Lang::kNb, Lang::kNn, Lang::kEn}) (void)ClassificationText(*classified, lang);
  }
  advisor::AdviceContext context(places);
  auto advice = advisor::AdviseDocument(*body, context);
  if (advice.ok()) {
    for (Lang lang : {Lang::kNb, Lang::kNn, Lang::kEn}) (void)advisor::AdviceText(*advice, lang);
  }
  return 0;
}
