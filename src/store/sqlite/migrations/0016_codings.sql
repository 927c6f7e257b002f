-- Coding of mapping studies (contracts/studies.md, "Codebook" and "Coding"): a study's own
-- codebook, when its leads have replaced the default one (data/codebooks/default.json), and the
-- codings of its interviews' answers, each its document (core/studies/coding.h). A coding goes
-- with its interview and its study (ON DELETE CASCADE): withdrawing an informant or deleting an
-- interview or a study erases its codings and memos in the same transaction. The same on
-- PostgreSQL (migration 0011).
CREATE TABLE codebooks (
  study INTEGER PRIMARY KEY REFERENCES studies(id) ON DELETE CASCADE,
  codes TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE codings (
  id INTEGER PRIMARY KEY,
  study INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  interview INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX codings_study ON codings(study, id);
CREATE INDEX codings_interview ON codings(interview);
