-- Search that finds places and kinds (core/search/search.h): a third column of tags (the
-- record's municipality, county, kind and subtype), ranked between the name and the
-- description. The terms are computed again at start: removing the recorded version makes
-- SqliteStore::Open refill the index (RefreshNorwegianText).
DROP TABLE meeting_place_text;
CREATE VIRTUAL TABLE meeting_place_text USING fts5(name, body, tags, tokenize = 'unicode61 remove_diacritics 0');
DELETE FROM settings WHERE key = 'norwegian_text_version';
