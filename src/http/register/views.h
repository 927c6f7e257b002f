// How the register's pages show a meeting place in a list and in words: the kind as text, the
// place's name, a summary of the description. Used by the register's and the places' pages.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "core/places/places.h"
#include "core/register/meeting_place.h"

namespace moteplass::http::registry {

// The first 180 characters or so of a Markdown text as plain text, cut at a word.
std::string Summary(const std::string& markdown);
// "Innvandrerråd, kontaktutval"-style text of a resource's kind and subtype.
std::string KindText(const nlohmann::json& resource, Lang lang);
// The same from the record's fields (also when it was read without its classification).
std::string KindText(const MeetingPlace& place, Lang lang);
// The municipality's name, else the county's.
std::string PlaceName(const Places& places, const MeetingPlace& place);
// A meeting place as a list item for templates: name, href, kind_label, place_name, summary.
nlohmann::json ListItem(const Places& places, const MeetingPlace& place, Lang lang);

}  // namespace moteplass::http::registry
