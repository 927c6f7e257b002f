// The accounts' use cases (the command line's `user` and `token` commands): list the accounts,
// add one, turn it off or on, and give it an API token. Only those the access table allows
// (administrators) may; every change is audited in the same transaction.
#pragma once

#include <string>
#include <vector>

#include "app/services.h"

namespace moteplass::app {

// Every account, in the store's order (by user name).
Result<std::vector<User>> ListUsers(Services& s, const Principal& who);

// Adds an account. The scope must exist: a region id, a municipality or county number, or a
// meeting place's id, as the role needs (kInvalid, pointer "/scope", when not).
Result<User> AddUser(Services& s, const Principal& who, const std::string& username, const std::string& password_hash,
                     Role role, const std::string& scope);

// Disables (ending its sessions) or enables an account; kNotFound for an unknown name.
Status SetUserDisabled(Services& s, const Principal& who, const std::string& username, bool disabled);

// Stores the hash of a new API token for `username`; kNotFound for an unknown name.
Status AddToken(Services& s, const Principal& who, const std::string& username, const std::string& token_hash);

}  // namespace moteplass::app
