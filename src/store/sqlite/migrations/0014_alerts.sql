-- Alerts (contracts/operations.md): the alerts are computed from the record on each read and
-- never stored (core/operations/alerts.h); stored are the acknowledgements of one occurrence of
-- an alert (its id and `since`), and each user's feed token for the Atom feed, as its hash.
CREATE TABLE alert_acknowledgements (
  alert_id TEXT PRIMARY KEY,
  meeting_place INTEGER NOT NULL REFERENCES meeting_places(id) ON DELETE CASCADE,
  since TEXT NOT NULL,
  acknowledged_by TEXT NOT NULL,
  acknowledged_at TEXT NOT NULL,
  until TEXT
) STRICT;
CREATE INDEX alert_acknowledgements_meeting_place ON alert_acknowledgements(meeting_place);

CREATE TABLE alert_feed_tokens (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;
