-- Version 9: a change stamp per layer, so that what is derived from the layers (camera views, coverage, scorecards)
-- is kept and computed again only when something it depends on changed, whichever process changed it. Each row
-- counts the write transactions that changed its table: ANTT Map raises it in the transaction of every write it makes
-- (any process, H2 through AUTO_SERVER too); on PostgreSQL a statement trigger on every layer's table (installed by
-- the store when it migrates, so that tables of later migrations get one too) raises it for any other writer (psql, a
-- GIS tool, an older ANTT Map). Readers compare stamps before serving a kept value.
--
-- And an index of the incidents by area and day: an area's scorecard reads its incidents by area alone, which on
-- PostgreSQL scanned all of a province's 200,000 incidents (70 ms an area, most of the 2.4 s of a ward's 25 cards).

CREATE TABLE change_stamp (
    layer_table VARCHAR(64) PRIMARY KEY,
    stamp BIGINT DEFAULT 0 NOT NULL
);

--postgis CREATE FUNCTION change_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF current_setting('antt.change_stamped', true) IS DISTINCT FROM 'on' THEN EXECUTE format('INSERT INTO %I.change_stamp AS s (layer_table, stamp) VALUES (%L, 1) ON CONFLICT (layer_table) DO UPDATE SET stamp = s.stamp + 1', TG_TABLE_SCHEMA, TG_TABLE_NAME); END IF; RETURN NULL; END $$;

CREATE INDEX incident_area_day_idx ON incident (area_id, occurred_on);
