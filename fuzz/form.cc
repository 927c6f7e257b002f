// Fuzzes a posted form as the pages read it: the urlencoded body's decoding, the meeting-place
// form's fields turned into the API's body, its validation with errors in each language, and
// the form shown again with what was typed. Input: an application/x-www-form-urlencoded body.
#include "http/register/form.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/places/places.h"
#include "http/router.h"

using namespace moteplass;
using namespace moteplass::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Places places = DefaultPlaces();
  auto fields = ParseQuery(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!fields) return 0;
  nlohmann::json body = registry::BodyFromForm(*fields);
  // The language from the input's length: each run takes one, every language gets its turn.
  const Lang lang = std::array{Lang::kNb, Lang::kNn, Lang::kEn}[size % 3];
  registry::FormOutcome outcome = registry::ValidateForm(body, places, lang);
  (void)registry::FormView(body, outcome.errors, places, lang);
  return 0;
}
