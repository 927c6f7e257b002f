-- As SQLite's migration 0014: the acknowledgements of alerts (one occurrence: the alert's id and
-- `since`) and each user's feed token for the Atom feed, as its hash. The alerts themselves are
-- computed from the record on each read and never stored (core/operations/alerts.h).
CREATE TABLE alert_acknowledgements (
  alert_id text COLLATE "C" PRIMARY KEY,
  meeting_place bigint NOT NULL REFERENCES meeting_places(id) ON DELETE CASCADE,
  since text COLLATE "C" NOT NULL,
  acknowledged_by text NOT NULL,
  acknowledged_at text COLLATE "C" NOT NULL,
  until text COLLATE "C"
);
CREATE INDEX alert_acknowledgements_meeting_place ON alert_acknowledgements(meeting_place);

CREATE TABLE alert_feed_tokens (
  user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  token_hash text COLLATE "C" NOT NULL UNIQUE,
  created_at text COLLATE "C" NOT NULL
);
