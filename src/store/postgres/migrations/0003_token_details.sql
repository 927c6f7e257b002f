-- As SQLite's migration 0006: API tokens get a number (to list and revoke them one by one), a
-- name, an expiry, the time each was last used, and the time it was revoked. Disabling a user
-- revokes its tokens. Times are register times or NULL. The number is given by the store (one
-- more than the largest, under the write lock), not by a sequence, so that both backends agree.
ALTER TABLE tokens ADD COLUMN id bigint NOT NULL DEFAULT 0;
ALTER TABLE tokens ADD COLUMN name text NOT NULL DEFAULT '';
ALTER TABLE tokens ADD COLUMN expires_at text COLLATE "C";
ALTER TABLE tokens ADD COLUMN last_used_at text COLLATE "C";
ALTER TABLE tokens ADD COLUMN revoked_at text COLLATE "C";
UPDATE tokens SET id = numbered.n
  FROM (SELECT hash, row_number() OVER (ORDER BY created_at, hash) AS n FROM tokens) AS numbered
 WHERE tokens.hash = numbered.hash;
CREATE UNIQUE INDEX tokens_id ON tokens(id);
CREATE INDEX tokens_user ON tokens(user_id);
