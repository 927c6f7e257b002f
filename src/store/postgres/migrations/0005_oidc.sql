-- Log-in with OpenID Connect (http/oidc), as SQLite's migration 0008: identities at a provider
-- (issuer and the matched claim's value) linked to accounts by an administrator, and the log-ins
-- under way, under the hash of their `state`, taken once.
CREATE TABLE identities (
  issuer text COLLATE "C" NOT NULL,
  subject text COLLATE "C" NOT NULL,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (issuer, subject)
);

CREATE INDEX identities_user ON identities(user_id);

CREATE TABLE oidc_logins (
  state_hash text COLLATE "C" PRIMARY KEY,
  browser_hash text COLLATE "C" NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  next text NOT NULL,
  expires_at text COLLATE "C" NOT NULL
);

CREATE INDEX oidc_logins_expires ON oidc_logins(expires_at);
