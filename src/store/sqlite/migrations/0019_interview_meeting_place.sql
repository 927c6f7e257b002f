-- Speed (issue 9, item 7). The meeting place an interview is about, kept beside its document (the
-- store writes it with every write of the document), so that the matrix of one meeting place reads
-- that meeting place's interviews and not every interview of the study.
ALTER TABLE interviews ADD COLUMN meeting_place INTEGER;
UPDATE interviews
   SET meeting_place = json_extract(data, '$.meeting_place')
 WHERE json_type(data, '$.meeting_place') = 'integer';
CREATE INDEX interviews_meeting_place ON interviews(study, meeting_place, id);
