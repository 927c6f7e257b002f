// What every use case works with: the store, the places the register knows, and who to tell
// when a write has changed something (the page and API caches listen, by cache tag).
//
// A use case is one thing a user does: authorise (core/access), validate, classify, store with
// history and audit in one transaction (store/), and tell the listeners. The API, the pages and
// the command line call the same use case, so the three doors cannot drift apart.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/access/access.h"
#include "core/places/places.h"
#include "store/store.h"

namespace moteplass::app {

// Called after a committed write with the cache tags it touched ("meeting_places",
// "meeting_place:17", ...).
using ChangeListener = std::function<void(const std::vector<std::string>& tags)>;

struct Services {
  Store& store;
  const Places& places;
  ChangeListener changed = [](const std::vector<std::string>&) {};
  // The key that seals informants' identities (app/studies/identity_key.h); empty where no
  // identity is read or written (identities are then refused).
  std::string identity_key = {};
};

// The principal of the command line: the operator of the machine, who may do what an
// administrator may; the audit log and the history name them `name` ("cli", "import", "system"
// for the demo data).
Principal CommandLinePrincipal(const std::string& name = "cli");

// Decides whether `who` may do `action` at `where` and, for an audited action, writes the
// decision to the audit log ("denied" now; an allowed decision is recorded by the write itself,
// or by Outcome()). Returns kUnauthenticated or kForbidden when refused.
Status Authorize(Services& services, const Principal& who, Action action, const RecordLocation& where,
                 const std::string& target_type, const std::string& target_id);

// Audits how an allowed, audited action ended when it did not end in a committed write (a
// committed write audits itself): "invalid", "conflict", "not_found" or "error"; and passes
// `status` on. For reads that are audited (history), `status` ok writes "ok".
Status Outcome(Services& services, const Principal& who, Action action, const std::string& target_type,
               const std::string& target_id, Status status, bool wrote);

// The name the audit log and the history give the principal ("" for the public).
std::string AuthorOf(const Principal& who);
// What a write by `who` carries: its author, and the version the change was based on (0: any).
WriteContext WriteContextOf(const Principal& who, std::int64_t expected_version = 0);

}  // namespace moteplass::app
