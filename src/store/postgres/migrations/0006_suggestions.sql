-- Suggestions from the public, as SQLite's migration 0011: a missing meeting place or facts out
-- of date on one, open until a reviewer accepts or rejects it; the e-mail address (optional) is
-- erased when it is closed, and after 90 days while it is open.
CREATE TABLE suggestions (
  id bigint PRIMARY KEY,
  kind text COLLATE "C" NOT NULL CHECK (kind IN ('missing', 'outdated')),
  meeting_place_id bigint REFERENCES meeting_places(id),
  name text NOT NULL,
  municipality text COLLATE "C" NOT NULL,
  county text COLLATE "C" NOT NULL,
  message text NOT NULL,
  email text,
  lang text COLLATE "C" NOT NULL,
  status text COLLATE "C" NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
  reason text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  closed_at text COLLATE "C" NOT NULL,
  closed_by text NOT NULL,
  version bigint NOT NULL
);

CREATE INDEX suggestions_status ON suggestions(status, created_at);
