-- Statistics Norway's table of immigrants and Norwegian-born to immigrant parents by municipality
-- and country background (store/ssb_store.h), as `moteplass ssb import` last read it: one table
-- at a time (ssb_tables has at most the row 1), its countries, its figures (NULL where SSB
-- withholds one) and the immigrant population per municipality and year computed from them.
CREATE TABLE ssb_tables (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  label TEXT NOT NULL,
  source TEXT NOT NULL,
  updated TEXT NOT NULL,
  table_id TEXT NOT NULL,
  sample INTEGER NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;

CREATE TABLE ssb_countries (
  code TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  position INTEGER NOT NULL,
  total INTEGER NOT NULL
) STRICT;

CREATE TABLE ssb_cells (
  municipality TEXT NOT NULL,
  country TEXT NOT NULL,
  category TEXT NOT NULL,
  year INTEGER NOT NULL,
  persons INTEGER,
  PRIMARY KEY (municipality, country, category, year)
) STRICT;

CREATE TABLE ssb_population (
  municipality TEXT NOT NULL,
  year INTEGER NOT NULL,
  persons INTEGER NOT NULL,
  PRIMARY KEY (municipality, year)
) STRICT;

-- The handbook (store/handbook_store.h): its pages in order, and every version of each, its
-- content the canonical JSON of core/handbook (text in nb, nn and en, the kinds it links).
CREATE TABLE handbook_pages (
  slug TEXT PRIMARY KEY,
  position INTEGER NOT NULL
) STRICT;

CREATE TABLE handbook_versions (
  slug TEXT NOT NULL REFERENCES handbook_pages(slug),
  version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'review', 'published')),
  content TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  PRIMARY KEY (slug, version)
) STRICT;
