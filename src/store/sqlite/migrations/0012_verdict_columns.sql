-- Speed (issue 13, item 9). The typology's kind and subtype kept beside the classification, so
-- that a list can be read without the classification (every reason in three languages, the
-- widest part of a row); the store writes them with every write of the classification.
ALTER TABLE meeting_places ADD COLUMN computed_kind TEXT;
ALTER TABLE meeting_places ADD COLUMN subtype TEXT;
UPDATE meeting_places
   SET computed_kind = json_extract(classification, '$.kind'),
       subtype = json_extract(classification, '$.subtype')
 WHERE classification IS NOT NULL;
-- The published live records, in the orders the lists use and by the filters the counts use:
-- the count of a list, the front page's tally and the rows of a page are read from these indexes
-- instead of every wide row of the table (whose profile and classification spill into overflow
-- pages), and a later page skips the rows before it in the index (the county is in the index for the
-- join with the regions, which would otherwise read each skipped row).
CREATE INDEX meeting_places_public_sort ON meeting_places(is_public, deleted_at, sort_key, id, county);
CREATE INDEX meeting_places_public_updated ON meeting_places(is_public, deleted_at, updated_at, id, county);
CREATE INDEX meeting_places_public_county ON meeting_places(is_public, deleted_at, county, kind);
CREATE INDEX meeting_places_public_kind ON meeting_places(is_public, deleted_at, kind, county);
