-- As SQLite's migration 0017: the submissions imported from KoboToolbox or ODK per study, and
-- the source of a change in the history.
CREATE TABLE study_submissions (
  study bigint NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  submission text COLLATE "C" NOT NULL,
  informant bigint NOT NULL REFERENCES informants(id) ON DELETE CASCADE,
  interview bigint,
  marker text COLLATE "C" NOT NULL,
  imported_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (study, submission)
);
CREATE INDEX study_submissions_informant ON study_submissions(informant);

ALTER TABLE history ADD COLUMN source text;
