-- A meeting place in operation (contracts/operations.md): the people who sit in it, their
-- memberships, its meetings and the cases it handles. Each record is its canonical JSON document
-- (core/operations/records.h) in `data`, with the columns the store looks things up by. Ids are
-- given by the store (one more than the largest), the same on PostgreSQL (migration 0004).
-- Times are register times (YYYY-MM-DDTHH:MM:SSZ). A person whose personal data was erased keeps
-- its row (erased = 1) so that the memberships pointing at it keep counts true.
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  data TEXT NOT NULL,
  erased INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE memberships (
  id INTEGER PRIMARY KEY,
  meeting_place INTEGER NOT NULL REFERENCES meeting_places(id) ON DELETE CASCADE,
  person INTEGER NOT NULL REFERENCES people(id),
  data TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX memberships_meeting_place ON memberships(meeting_place, id);
CREATE INDEX memberships_person ON memberships(person, id);

CREATE TABLE meetings (
  id INTEGER PRIMARY KEY,
  meeting_place INTEGER NOT NULL REFERENCES meeting_places(id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX meetings_meeting_place ON meetings(meeting_place, id);

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  meeting_place INTEGER NOT NULL REFERENCES meeting_places(id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX cases_meeting_place ON cases(meeting_place, id);
