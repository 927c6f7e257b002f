// The structural profile of a meeting place (contracts/profile.schema.json): who sits there, how
// they got their seat, what the authorities do and what the arena is for. The typology reads
// it; the register stores it. ParseProfile validates a JSON profile against the schema (with
// valijson) and turns the first problem into a message a person can act on, naming the field.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace moteplass {

// Standing members, counted by what they sit as (a missing count is 0).
struct Seats {
  int immigrant_population = 0;
  int politicians = 0;
  int administration = 0;
  int police = 0;
  int other = 0;

  int Total() const { return immigrant_population + politicians + administration + police + other; }
};

// Who the standing members are, whatever they sit as; nullopt when not known.
struct People {
  std::optional<int> immigrant_background;
  std::optional<int> women;
  std::optional<int> youth;
};

struct Functions {
  bool hearing_body = false;
  bool advisory_body = false;
  bool delegated_authority = false;
};

// A validated profile. Enumerated fields keep the schema's words ("municipal", "hand_picked",
// ...), with the schema's defaults filled in for optional ones.
struct Profile {
  std::string id;  // the caller's identifier, "" when absent
  std::string name;
  std::string level;         // municipal, county, intermunicipal, national, police_district, county_governor
  std::string municipality;  // "" when absent
  std::string county;        // "" when absent
  std::optional<int> established_year;
  bool permanent = true;
  std::string recurrence;  // one_off, recurring_event, standing_body; "" when not known
  std::string venue = "none";
  std::string house_role;  // arena, initiator; "" when not known
  std::vector<std::string> started_meeting_places;
  std::string started_by;  // "" when absent
  std::string organisational_form = "public_body";
  std::string channel = "none";  // an established channel the report leaves out, or none
  std::string target_group = "everyone";
  std::string initiative;
  Seats seats;
  People people;
  std::string immigrant_members_selected_by;
  std::vector<std::string> immigrant_members_also_selected_by;  // mixed ways of choosing members
  std::string immigrant_members_represent;
  std::string authority_role;
  std::string authority_contact;  // regular, occasional, hearings_only; "" when not known
  std::string chair = "unknown";
  Functions functions;
  std::vector<std::string> purposes;
  std::vector<std::string> themes;
  bool dialogue_between_parties = false;
  std::string rotation = "unknown";
  std::optional<double> meetings_per_year;

  bool HasPurpose(const std::string& purpose) const;
};

// Validates `json` against profile.schema.json. On failure the Error has code kInvalid, slug
// "invalid_profile", a pointer relative to the profile ("/seats/politicians") and a message
// such as "expected a whole number >= 0, got -2".
Result<Profile> ParseProfile(const nlohmann::json& json);

// The profile schema (data/profile.schema.json, the contract's), parsed once: the validation here
// and the form's choices read the same copy.
const nlohmann::json& ProfileSchema();

}  // namespace moteplass
