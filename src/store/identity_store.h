// Identities at OpenID Connect providers, linked to accounts, and the log-ins under way
// (http/oidc). Reached through Store::identities().
//
// An identity is the provider's issuer (its URL, exactly as the provider names itself) and the
// value of the claim the server matches on (`sub` by default, `pid` for ID-porten). Only an
// administrator links one to an account (`moteplass user link`); a log-in with an identity no
// one linked is refused, and never creates an account.
//
// What the journal gets (store/journal_store.h): linking and unlinking keep no history and add
// one audit row each, "user.link" and "user.unlink", target type "user" and the user's numeric
// id: never the identity itself (a national identity number is personal data). Log-ins under way
// are passing state, neither audited nor part of any record's history.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/accounts/account.h"
#include "core/error.h"
#include "store/write.h"

namespace moteplass {

struct IdentityLink {
  std::string issuer;
  std::string subject;
  std::int64_t user_id = 0;
  std::string username;
  std::string created_at;  // a register time (core/clock.h IsoTime)
};

// A log-in under way: what the return from the provider must match. The state itself and the
// browser's cookie are kept as hashes only.
struct PendingLogin {
  std::string state_hash;
  std::string browser_hash;
  std::string nonce;
  std::string code_verifier;  // PKCE (RFC 7636)
  std::string next;           // the page to go to afterwards
  std::string expires_at;     // a register time
};

class IdentityStore {
 public:
  virtual ~IdentityStore() = default;

  // Links the identity to the account named `username` (audited as "user.link"); kNotFound for
  // an unknown name, kConflict (pointer "/subject") when the identity is linked already (to any
  // account), kInvalid when issuer or subject is empty.
  virtual Status LinkIdentity(const std::string& username, const std::string& issuer, const std::string& subject,
                              const WriteContext& ctx) = 0;
  // Removes a link (audited as "user.unlink" against the account it opened); kNotFound when
  // there is none.
  virtual Status UnlinkIdentity(const std::string& issuer, const std::string& subject, const WriteContext& ctx) = 0;
  // Every link, by user name, then issuer and subject.
  virtual Result<std::vector<IdentityLink>> ListIdentities() = 0;
  // The account the identity opens, disabled or not (refusing a disabled one is the log-in's
  // job); kNotFound when it is linked to none.
  virtual Result<User> FindUserByIdentity(const std::string& issuer, const std::string& subject) = 0;

  // Keeps a log-in under way (and forgets expired ones); kInvalid (pointer "/expires_at") when
  // the expiry is no register time, kConflict when the state hash is in use.
  virtual Status AddPendingLogin(const PendingLogin& login) = 0;
  // Takes the log-in under way with this state hash: it is gone afterwards, so a state works
  // once. kNotFound when there is none, or it has expired.
  virtual Result<PendingLogin> TakePendingLogin(const std::string& state_hash) = 0;
};

}  // namespace moteplass
