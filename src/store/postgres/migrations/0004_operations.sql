-- As SQLite's migration 0007: people, memberships, meetings and cases, each its canonical JSON
-- document in `data` (text, so that both backends hold the same bytes), with the columns the
-- store looks things up by. Ids are given by the store (one more than the largest).
CREATE TABLE people (
  id bigint PRIMARY KEY,
  data text NOT NULL,
  erased boolean NOT NULL DEFAULT false,
  version bigint NOT NULL DEFAULT 1,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);

CREATE TABLE memberships (
  id bigint PRIMARY KEY,
  meeting_place bigint NOT NULL REFERENCES meeting_places(id) ON DELETE CASCADE,
  person bigint NOT NULL REFERENCES people(id),
  data text NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);
CREATE INDEX memberships_meeting_place ON memberships(meeting_place, id);
CREATE INDEX memberships_person ON memberships(person, id);

CREATE TABLE meetings (
  id bigint PRIMARY KEY,
  meeting_place bigint NOT NULL REFERENCES meeting_places(id) ON DELETE CASCADE,
  data text NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);
CREATE INDEX meetings_meeting_place ON meetings(meeting_place, id);

CREATE TABLE cases (
  id bigint PRIMARY KEY,
  meeting_place bigint NOT NULL REFERENCES meeting_places(id) ON DELETE CASCADE,
  data text NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);
CREATE INDEX cases_meeting_place ON cases(meeting_place, id);
