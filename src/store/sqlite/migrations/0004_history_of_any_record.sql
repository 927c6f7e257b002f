-- The change history covers any kind of record, keyed by entity type and id, so that members,
-- cases and later records get a history the same way meeting places do. Existing rows become
-- ('meeting_place', id). Removing a record's history is the writer's job (no foreign key can
-- point at "any table").
CREATE TABLE history_new (
  id INTEGER PRIMARY KEY,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  at TEXT NOT NULL,
  by TEXT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL
) STRICT;

INSERT INTO history_new (id, entity_type, entity_id, at, by, action, changes)
  SELECT id, 'meeting_place', CAST(meeting_place_id AS TEXT), at, by, action, changes FROM history;

DROP TABLE history;
ALTER TABLE history_new RENAME TO history;
CREATE INDEX history_entity ON history(entity_type, entity_id, id);
