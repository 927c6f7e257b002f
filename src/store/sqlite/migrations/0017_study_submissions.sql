-- Answers imported from KoboToolbox or ODK (moteplass study import-answers): each submission
-- once per study, by its id (Kobo's _uuid, ODK's KEY, without "uuid:"), with the informant and
-- interview it became and the edit marker it came with (ODK's Edits), so that a second import
-- of the same file changes nothing and a newer edit becomes a new revision. The rows outlive a
-- withdrawn informant's interviews (its tombstone stays), so that a later import reports them
-- as withdrawn instead of bringing them back. And the source of a change in the history: a
-- change accepted from a mapping study carries {"study": id}. The same on PostgreSQL (0012).
CREATE TABLE study_submissions (
  study INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  submission TEXT NOT NULL,
  informant INTEGER NOT NULL REFERENCES informants(id) ON DELETE CASCADE,
  interview INTEGER,
  marker TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (study, submission)
) STRICT;
CREATE INDEX study_submissions_informant ON study_submissions(informant);

ALTER TABLE history ADD COLUMN source TEXT;
