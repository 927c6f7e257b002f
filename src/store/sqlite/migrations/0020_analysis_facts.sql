-- Speed (issue 11, item 6). What the analyses read of people, memberships and cases
-- (OperationsStore::FactsForAnalysis): a few fields of each document, as virtual columns computed
-- from `data` (a field of another type than the one named reads as NULL) and kept, with the
-- columns the analyses group by, in one covering index per table. SQLite computes them once, when
-- a row is written (by any writer), and the analyses read the index alone instead of parsing every
-- document on every request. PostgreSQL reads the same fields from the documents (no migration).
ALTER TABLE people ADD COLUMN fact_gender TEXT
  AS (CASE json_type(data, '$.gender') WHEN 'text' THEN json_extract(data, '$.gender') END) VIRTUAL;
ALTER TABLE people ADD COLUMN fact_birth_year INTEGER
  AS (CASE json_type(data, '$.birth_year') WHEN 'integer' THEN json_extract(data, '$.birth_year') END) VIRTUAL;
-- A special category, in the index as it is in the document; read only for origin_spread.
ALTER TABLE people ADD COLUMN fact_country TEXT
  AS (CASE json_type(data, '$.country_of_background') WHEN 'text' THEN json_extract(data, '$.country_of_background') END)
  VIRTUAL;
CREATE INDEX people_facts ON people(erased, id, fact_gender, fact_birth_year, fact_country);

ALTER TABLE memberships ADD COLUMN fact_role TEXT
  AS (CASE json_type(data, '$.role') WHEN 'text' THEN json_extract(data, '$.role') END) VIRTUAL;
ALTER TABLE memberships ADD COLUMN fact_starts TEXT
  AS (CASE json_type(data, '$.starts') WHEN 'text' THEN json_extract(data, '$.starts') END) VIRTUAL;
ALTER TABLE memberships ADD COLUMN fact_ends TEXT
  AS (CASE json_type(data, '$.ends') WHEN 'text' THEN json_extract(data, '$.ends') END) VIRTUAL;
CREATE INDEX memberships_facts ON memberships(meeting_place, id, person, fact_role, fact_starts, fact_ends);

ALTER TABLE cases ADD COLUMN fact_received TEXT
  AS (CASE json_type(data, '$.received') WHEN 'text' THEN json_extract(data, '$.received') END) VIRTUAL;
ALTER TABLE cases ADD COLUMN fact_decided INTEGER AS (json_type(data, '$.decision') IS 'object') VIRTUAL;
ALTER TABLE cases ADD COLUMN fact_outcome TEXT
  AS (CASE json_type(data, '$.decision.outcome') WHEN 'text' THEN json_extract(data, '$.decision.outcome') END)
  VIRTUAL;
ALTER TABLE cases ADD COLUMN fact_public INTEGER AS (json_type(data, '$.public') IS NOT 'false') VIRTUAL;
CREATE INDEX cases_facts ON cases(meeting_place, id, fact_received, fact_decided, fact_outcome, fact_public);
