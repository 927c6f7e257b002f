-- API tokens get a number (to list and revoke them one by one), a name saying what each is for,
-- an expiry, the time each was last used, and the time it was revoked. A token works while it is
-- neither revoked nor expired and its user is enabled; disabling a user revokes its tokens, so
-- that enabling it again does not bring them back. expires_at, last_used_at and revoked_at are
-- register times (YYYY-MM-DDTHH:MM:SSZ) or NULL (never, not yet, not revoked). The number is
-- given by the store (one more than the largest), the same on PostgreSQL (migration 0003).
ALTER TABLE tokens ADD COLUMN id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tokens ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
ALTER TABLE tokens ADD COLUMN revoked_at TEXT;
UPDATE tokens SET id = (SELECT count(*) FROM tokens t WHERE t.created_at < tokens.created_at
                          OR (t.created_at = tokens.created_at AND t.hash <= tokens.hash));
CREATE UNIQUE INDEX tokens_id ON tokens(id);
CREATE INDEX tokens_user ON tokens(user_id);
