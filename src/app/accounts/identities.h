// Linking accounts to identities at an OpenID Connect provider (the command line's `identity`
// commands): only those the access table lets manage users (administrators) may; each link and
// unlink is audited against the account's number (store/identity_store.h).
#pragma once

#include <string>
#include <vector>

#include "app/services.h"

namespace moteplass::app {

// Lets the identity (the provider's issuer and the value of the claim the server matches on)
// open the account `username`; kNotFound for an unknown name, kConflict when it opens one already.
Status LinkIdentity(Services& s, const Principal& who, const std::string& username, const std::string& issuer,
                    const std::string& subject);
// Removes a link; kNotFound when there is none.
Status UnlinkIdentity(Services& s, const Principal& who, const std::string& issuer, const std::string& subject);
// Every link, by user name.
Result<std::vector<IdentityLink>> ListIdentities(Services& s, const Principal& who);

}  // namespace moteplass::app
