-- Failed log-ins, counted in the database rather than in a server's memory (http/auth.h,
-- LoginLimiter), so that the limits hold for every process on one database. A key is
-- "user:" or "addr:" followed by a hash (of the lower-cased name, of the address): neither a
-- typed name nor an address is ever stored. Old rows are purged as new failures come in.
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;

CREATE INDEX login_failures_key ON login_failures(key, at);
CREATE INDEX login_failures_at ON login_failures(at);
