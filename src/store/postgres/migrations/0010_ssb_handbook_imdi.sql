-- As SQLite's migration 0015: Statistics Norway's table of immigrants and Norwegian-born to
-- immigrant parents by municipality and country background (store/ssb_store.h), one at a time.
CREATE TABLE ssb_tables (
  id bigint PRIMARY KEY CHECK (id = 1),
  label text NOT NULL,
  source text NOT NULL,
  updated text NOT NULL,
  table_id text NOT NULL,
  sample boolean NOT NULL,
  imported_at text COLLATE "C" NOT NULL
);

CREATE TABLE ssb_countries (
  code text COLLATE "C" PRIMARY KEY,
  label text NOT NULL,
  position bigint NOT NULL,
  total boolean NOT NULL
);

CREATE TABLE ssb_cells (
  municipality text COLLATE "C" NOT NULL,
  country text COLLATE "C" NOT NULL,
  category text COLLATE "C" NOT NULL,
  year bigint NOT NULL,
  persons bigint,
  PRIMARY KEY (municipality, country, category, year)
);

CREATE TABLE ssb_population (
  municipality text COLLATE "C" NOT NULL,
  year bigint NOT NULL,
  persons bigint NOT NULL,
  PRIMARY KEY (municipality, year)
);

-- The handbook (store/handbook_store.h), as SQLite's migration 0015.
CREATE TABLE handbook_pages (
  slug text COLLATE "C" PRIMARY KEY,
  position bigint NOT NULL
);

CREATE TABLE handbook_versions (
  slug text COLLATE "C" NOT NULL REFERENCES handbook_pages(slug),
  version bigint NOT NULL,
  status text COLLATE "C" NOT NULL CHECK (status IN ('draft', 'review', 'published')),
  content text NOT NULL,
  created_by text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  changed_by text NOT NULL,
  changed_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (slug, version)
);
