-- Suggestions from the public (issue 13, item 6; core/suggestions): a missing meeting place
-- (kind "missing": its name and municipality) or facts out of date on one (kind "outdated": the
-- meeting place). Open until a reviewer accepts or rejects it; the e-mail address (optional) is
-- erased when it is closed, and after 90 days while it is open.
CREATE TABLE suggestions (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('missing', 'outdated')),
  meeting_place_id INTEGER REFERENCES meeting_places(id),
  name TEXT NOT NULL,
  municipality TEXT NOT NULL,
  county TEXT NOT NULL,
  message TEXT NOT NULL,
  email TEXT,
  lang TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  closed_by TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;

CREATE INDEX suggestions_status ON suggestions(status, created_at);
