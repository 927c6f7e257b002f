-- Speed (issue 9, item 7). The meeting place an interview is about, kept beside its document (the
-- store writes it with every write of the document), so that the matrix of one meeting place reads
-- that meeting place's interviews and not every interview of the study (SQLite migration 0019).
ALTER TABLE interviews ADD COLUMN meeting_place bigint;
UPDATE interviews
   SET meeting_place = (data::jsonb ->> 'meeting_place')::bigint
 WHERE jsonb_typeof(data::jsonb -> 'meeting_place') = 'number';
CREATE INDEX interviews_meeting_place ON interviews(study, meeting_place, id);
