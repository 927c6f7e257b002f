-- Coding of mapping studies: a study's own codebook and the codings of its interviews' answers;
-- a coding goes with its interview and its study. The same as SQLite's migration 0016.
CREATE TABLE codebooks (
  study bigint PRIMARY KEY REFERENCES studies(id) ON DELETE CASCADE,
  codes text NOT NULL,
  version bigint NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);

CREATE TABLE codings (
  id bigint PRIMARY KEY,
  study bigint NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  interview bigint NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
  data text NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);
CREATE INDEX codings_study ON codings(study, id);
CREATE INDEX codings_interview ON codings(interview);
