// What the read-only OParl view (core/oparl, http/oparl) shows: a body's meeting places and their
// work as a visitor sees it, through the same use cases and rules as the public pages
// (app/operations: members who agreed to be shown, public meetings with their public agenda
// items, public cases), and what used to be public and no longer is.
//
// Withdrawn objects ("deleted: true" in OParl): a meeting place deleted or unpublished, and a
// meeting, case or person that is no longer public, stay in the view when they were public once:
// the history tells (a "/public" or "/show_publicly" change to true, or a record created public).
// Not yet: a membership, meeting or case deleted outright (DELETE) leaves its table, and the
// history does not say which meeting place it belonged to, so it simply drops out of the view; an
// erased person's history is removed with it. Both need a row kept at deletion (a migration).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/services.h"
#include "core/operations/records.h"
#include "core/register/meeting_place.h"

namespace moteplass::app {

struct OparlOrganization {
  MeetingPlace place;
  std::vector<ops::Record> memberships;  // of members shown publicly, by id
  std::vector<ops::Record> meetings;     // public ones, by start
  std::vector<ops::Record> cases;        // public ones, by date received
};

struct OparlPerson {
  std::int64_t id = 0;
  std::string name;
  std::string created_at;
  std::string updated_at;
  std::vector<ops::Record> memberships;  // in this body's meeting places
};

// Something that was public and no longer is: its OParl type ("Organization", "Meeting",
// "Paper", "Membership", "Person"), id, and times (`modified`: when it stopped being public).
struct OparlWithdrawn {
  std::string type;
  std::int64_t id = 0;
  std::string created_at;
  std::string modified_at;
};

struct OparlBody {
  std::string code;                              // "0301" or "03"
  std::vector<OparlOrganization> organizations;  // by id
  std::vector<OparlPerson> people;               // by id; each once
  std::vector<OparlWithdrawn> withdrawn;
  std::string created_at;  // the earliest of its meeting places
  std::string updated_at;  // the latest
};

// The bodies (oparl::BodyCodeOf) that have a public meeting place or had one, in code order.
Result<std::vector<std::string>> OparlBodies(Services& s);
// One body as the public sees it; kNotFound when it is not one of OparlBodies.
Result<OparlBody> GetOparlBody(Services& s, const std::string& code);
// The body a record of the operations belongs to ("" when none or unknown): the body of its
// meeting place.
std::string OparlBodyOfRecord(Services& s, ops::Kind kind, std::int64_t id);
std::string OparlBodyOfPlace(Services& s, std::int64_t meeting_place);

}  // namespace moteplass::app
