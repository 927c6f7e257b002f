-- As SQLite's migration 0013: guide versions, studies, informants (with tombstones) and their
-- sealed identities.
CREATE TABLE guide_versions (
  guide text COLLATE "C" NOT NULL,
  version bigint NOT NULL,
  document text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  created_by text NOT NULL,
  PRIMARY KEY (guide, version)
);

CREATE TABLE studies (
  id bigint PRIMARY KEY,
  data text NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);

CREATE TABLE informants (
  id bigint PRIMARY KEY,
  study bigint NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  number bigint NOT NULL,
  data text NOT NULL,
  withdrawn text COLLATE "C",
  version bigint NOT NULL DEFAULT 1,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  UNIQUE (study, number)
);

CREATE TABLE informant_identities (
  informant bigint PRIMARY KEY REFERENCES informants(id) ON DELETE CASCADE,
  sealed text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);

CREATE TABLE interviews (
  id bigint PRIMARY KEY,
  study bigint NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  informant bigint NOT NULL REFERENCES informants(id) ON DELETE CASCADE,
  data text NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);
CREATE INDEX interviews_study ON interviews(study, id);
CREATE INDEX interviews_informant ON interviews(informant);
