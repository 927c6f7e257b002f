-- Settings the store keeps about itself, e.g. "norwegian_text_version": the collation and
-- stemming rules the stored sort keys and search stems were computed with (core/norwegian.h).
-- When the program's rules differ at start, SqliteStore::Open computes them again.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
