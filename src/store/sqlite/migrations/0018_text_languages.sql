-- Texts in several languages (issue 13, item 3). The language the description and "how to take
-- part" are written in (nb, nn or en; bokmål for every record written before), and their
-- translations as a JSON object by language: {"en": {"description": "...", "how_to_take_part":
-- "..."}}. Written with every write of the record, through the one write path.
ALTER TABLE meeting_places ADD COLUMN text_language TEXT NOT NULL DEFAULT 'nb';
ALTER TABLE meeting_places ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
