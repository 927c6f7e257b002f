// Moving meeting places in and out of the register as JSON: `moteplass import`, `export`,
// and the demo data (and demo account) that `serve --demo` and `demo load|remove` manage. An
// import is all or nothing.
#pragma once

#include <string>
#include <string_view>

#include "app/services.h"
#include "core/error.h"
#include "store/store.h"

namespace moteplass::cli {

// Parses `text` (a JSON array of meeting-place bodies, as `export` writes them), validates and
// classifies each, and stores them in one transaction, each by its id: a record with that id is
// updated, one without is created with the id, example flag, recorded kind and history the file
// gives (app::ImportRecords); never a duplicate. Returns how many were stored. Fails with
// kInvalid and a message naming the record (0-based index, name) and the field when any record
// is invalid; nothing is stored then.
Result<std::size_t> ImportMeetingPlaces(app::Services& services, std::string_view text, bool example,
                                        const Principal& who);

// Loads the embedded demo data (data/demo/meeting-places.json) as example records when the
// register has no meeting places; returns how many were loaded (0 when it had some).
Result<std::size_t> LoadDemoData(app::Services& services);

// The account `serve --demo` creates in a register without users, so that a newcomer can log in;
// `demo remove` disables it.
inline constexpr const char* kDemoAdmin = "demo-admin";
inline constexpr const char* kDemoPassword = "moteplass-demo";

// Adds kDemoAdmin (an administrator, password kDemoPassword) when the register has no users;
// true when it did. Never fails: without the account the demo still serves its pages.
bool EnsureDemoAdmin(app::Services& services);

// Every live meeting place as a JSON array that ImportMeetingPlaces accepts: its body, id,
// example flag, recorded kind and history (oldest first), so that an export imports back into an
// empty register as it was, and into the same register changes nothing.
Result<std::string> ExportMeetingPlaces(Store& store);

// The published meeting places (what a visitor may see, in the directory's order: by name) on the
// open-data schema (core/register/open_data.h, docs/DATA.md): `format` "csv" gives the same text
// as /moteplasser.csv, "json" the same rows as open_data::Json. `public_url` (no trailing slash)
// makes each row's url absolute.
Result<std::string> ExportOpenData(app::Services& services, const std::string& format, const std::string& public_url);

}  // namespace moteplass::cli
