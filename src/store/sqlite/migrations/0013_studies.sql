-- Mapping studies (contracts/studies.md): the versions of the interview guides, each its
-- canonical JSON document (core/studies/guide.h); studies and their informants, each its
-- document; and the informants' identities, sealed (core/studies/study.h: the key lives in a
-- file outside the database). An informant who withdraws keeps only a tombstone row
-- (withdrawn set; data holds the pseudonym, the date and the imported submission ids), so that
-- its number is never given again. The same on PostgreSQL (migration 0008).
CREATE TABLE guide_versions (
  guide TEXT NOT NULL,
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (guide, version)
) STRICT;

CREATE TABLE studies (
  id INTEGER PRIMARY KEY,
  data TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE informants (
  id INTEGER PRIMARY KEY,
  study INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  data TEXT NOT NULL,
  withdrawn TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (study, number)
) STRICT;

CREATE TABLE informant_identities (
  informant INTEGER PRIMARY KEY REFERENCES informants(id) ON DELETE CASCADE,
  sealed TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE interviews (
  id INTEGER PRIMARY KEY,
  study INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  informant INTEGER NOT NULL REFERENCES informants(id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX interviews_study ON interviews(study, id);
CREATE INDEX interviews_informant ON interviews(informant);
