// The key that seals informants' identities (core/studies/study.h), kept in a file outside the
// database so that a copied database or backup holds no names. `serve --key-file FILE` (default:
// identities.key next to the SQLite database, data/identities.key for PostgreSQL).
#pragma once

#include <string>

#include "core/error.h"

namespace moteplass::app {

// The key in `path`; a new random key written there with mode 0600 when the file does not exist
// (its folder is made). kInvalid (pointer "/key-file") when the file can be read by others than
// its owner, or does not hold a key.
Result<std::string> LoadOrCreateIdentityKey(const std::string& path);

// Where the key lives by default for a database given as --db.
std::string DefaultIdentityKeyPath(const std::string& db);

}  // namespace moteplass::app
