-- Full-text search with the name and the description as separate columns, so that results can
-- be ranked by relevance with a match in the name counting more (bm25 weights in
-- SqliteStore::ListMeetingPlaces). The stems are computed again at start: removing the
-- recorded version makes SqliteStore::Open refill the index (RefreshNorwegianText).
DROP TABLE meeting_place_text;
CREATE VIRTUAL TABLE meeting_place_text USING fts5(name, body, tokenize = 'unicode61 remove_diacritics 0');
DELETE FROM settings WHERE key = 'norwegian_text_version';
