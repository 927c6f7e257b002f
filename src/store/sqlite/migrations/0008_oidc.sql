-- Log-in with OpenID Connect (http/oidc). An administrator links an account to an identity at a
-- provider: the provider's issuer and the value of the claim the server matches on (`sub`, or
-- ID-porten's `pid`), given by `moteplass user link`. An identity opens one account; an account
-- may have several identities. Unlinked identities are refused, never created.
CREATE TABLE identities (
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (issuer, subject)
) STRICT;

CREATE INDEX identities_user ON identities(user_id);

-- Log-ins under way: what the browser's return from the provider is checked against. Kept under
-- the hash of `state` (and of the browser's cookie), taken once, and for ten minutes at most.
CREATE TABLE oidc_logins (
  state_hash TEXT PRIMARY KEY,
  browser_hash TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  next TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;

CREATE INDEX oidc_logins_expires ON oidc_logins(expires_at);
