// A meeting place's change history in plain words: each change's field by its label in the
// reader's language and its values as the pages show them (names of places, labels of choices,
// dates and times in Norwegian time), never JSON.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/journal.h"
#include "core/messages.h"
#include "core/places/places.h"

namespace moteplass::http::registry {

struct ChangeInWords {
  std::string field;
  std::string before;
  std::string after;
};

// The changes of one history entry in words, in the order stored. The resource's derived columns
// (name, level, municipality, county) repeat the profile's own fields and are left out when the
// profile's change is there. Who recorded a kind is shown only when `show_authors`.
std::vector<ChangeInWords> DescribeChanges(const std::vector<FieldChange>& changes, const Places& places, Lang lang,
                                           bool show_authors);

// One value in words, as for the field at `pointer`.
std::string DescribeValue(const std::string& pointer, const nlohmann::json& value, const Places& places, Lang lang);

}  // namespace moteplass::http::registry
