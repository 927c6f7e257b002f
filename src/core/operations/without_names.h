// What a researcher sees of a meeting place's work (issue 10: "researchers read without names"):
// every membership, meeting and case, also those that are not public, with the people in them as
// ids only. The use cases (app/operations) apply WithoutNames to every record they hand a caller
// who may read without names (operations.read_without_names) but not the internal work
// (operations.read_internal); the API and the pages render what is left.
//
// Field by field (contracts/operations.md):
//   membership  everything kept: person (its id), role, seat, on_behalf_of (the organisation,
//               party or agency), paid, starts, ends. The person's name is not in the document;
//               the API leaves its "name" null for such a caller.
//   meeting     minutes dropped (free text that names who said what); attendance kept as person
//               ids; an agenda item that is not public keeps its number, order, proposer, case
//               and public flag but loses its title; the place (one line of free text) kept only
//               for a public meeting; times, kind, who called it, cancelled and public kept.
//   case        statement and the decision's note dropped (free text); the title of a case that
//               is not public dropped (exempt from public access, often because of whom it is
//               about); kind, bodies, archive number, dates, meeting, public, the decision's body,
//               date, outcome and reference kept.
//   person      never shown to such a caller; for completeness its name, birth year and special
//               categories are dropped.
// A dropped field stays in the document as null, as the contract's "unknown".
#pragma once

#include <nlohmann/json.hpp>

#include "core/operations/records.h"

namespace moteplass::ops {

// The canonical document `data` of a record of `kind` without names or free text that may name
// people, as listed above. Applying it twice gives the same document.
nlohmann::json WithoutNames(Kind kind, const nlohmann::json& data);

}  // namespace moteplass::ops
