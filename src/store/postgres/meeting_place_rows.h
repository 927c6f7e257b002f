// The meeting-place row as the PostgreSQL store's two halves read it: the writes
// (meeting_place_store.cc) and the reads and the directory's list (meeting_place_query.cc).
// Internal to store/postgres.
#pragma once

#include <string>

#include "core/error.h"
#include "core/register/meeting_place.h"
#include "store/postgres/database.h"

namespace moteplass::postgres {

// "SELECT <every column MeetingPlaceFromRow reads> FROM meeting_places mp LEFT JOIN
// region_counties rc ...", without WHERE, ORDER or LIMIT.
const std::string& MeetingPlaceSelect();
// One row of MeetingPlaceSelect() as a record; kInternal when stored JSON does not parse.
Result<MeetingPlace> MeetingPlaceFromRow(const Statement& s);

}  // namespace moteplass::postgres
