-- The first schema of the register. Run once, inside a transaction, by SqliteStore::Open;
-- schema_migrations records that it ran. Timestamps are ISO 8601 UTC text ("2026-11-24T10:00:00Z"),
-- which sorts correctly as text. JSON is stored as text.

-- Places: loaded from the embedded reference data at first start.
CREATE TABLE counties (
  number TEXT PRIMARY KEY,
  name TEXT NOT NULL
) STRICT;

CREATE TABLE municipalities (
  number TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  county TEXT NOT NULL REFERENCES counties(number)
) STRICT;

-- IMDi regions are configurable, so a meeting place's region is looked up through its county
-- when read instead of being copied into every row (it would go stale when regions change).
CREATE TABLE regions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  position INTEGER NOT NULL
) STRICT;

CREATE TABLE region_counties (
  county TEXT PRIMARY KEY REFERENCES counties(number),
  region TEXT NOT NULL REFERENCES regions(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE meeting_places (
  id INTEGER PRIMARY KEY,
  profile TEXT NOT NULL,
  description TEXT NOT NULL,
  how_to_take_part TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  website TEXT NOT NULL,
  established TEXT NOT NULL,
  ceased TEXT NOT NULL,
  is_public INTEGER NOT NULL,
  -- Derived from the profile when written, for filtering and sorting.
  name TEXT NOT NULL,
  sort_key BLOB NOT NULL,
  level TEXT NOT NULL,
  municipality TEXT REFERENCES municipalities(number),
  county TEXT REFERENCES counties(number),
  classification TEXT,
  recorded_kind TEXT,
  recorded_justification TEXT,
  recorded_by TEXT,
  recorded_at TEXT,
  -- The kind in force: the recorded one if any, else the computed one.
  kind TEXT,
  example INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;

CREATE INDEX meeting_places_sort ON meeting_places(sort_key, id);
CREATE INDEX meeting_places_updated ON meeting_places(updated_at, id);
CREATE INDEX meeting_places_county ON meeting_places(county);
CREATE INDEX meeting_places_municipality ON meeting_places(municipality);
CREATE INDEX meeting_places_kind ON meeting_places(kind);
CREATE INDEX meeting_places_example ON meeting_places(example);

-- Full-text search: rowid is the meeting place's id, `stems` the Norwegian stems of its name
-- and description (core/norwegian.h). Diacritics are kept so that "Ørland" never matches "Orland".
CREATE VIRTUAL TABLE meeting_place_text USING fts5(stems, tokenize = 'unicode61 remove_diacritics 0');

CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  meeting_place_id INTEGER NOT NULL REFERENCES meeting_places(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  by TEXT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL
) STRICT;

CREATE INDEX history_meeting_place ON history(meeting_place_id, id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  -- Case-insensitive, so that "Admin" cannot be created beside "admin".
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  scope TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
) STRICT;

-- Only hashes of session cookies and tokens are kept; the secrets themselves never are.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE tokens (
  hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL
) STRICT;

-- Who did what to which record, and how it went. No personal data beyond the acting username.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  by TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  outcome TEXT NOT NULL
) STRICT;
