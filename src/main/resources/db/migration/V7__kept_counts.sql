-- Version 7: counts per group kept up to date on every write (vn.anttmap.model.Tally), such as each residential
-- area's incidents that each check of the standard counts, per period year. A year's counts exist only from the first
-- time they are asked for; kept_count_state says under which definition (a digest of its conditions) they were built.
-- A write that cannot keep them (another definition, or a process that does not know them) removes them instead;
-- on PostgreSQL a trigger removes them after any write to the incidents that does not say it kept them (an older
-- ANTT Map, psql, a GIS tool editing the table). Writes that keep them take the layer's row in kept_count_lock.

CREATE TABLE kept_count_state (
    name VARCHAR(64) NOT NULL,
    period_year INTEGER NOT NULL,
    layer_table VARCHAR(64) NOT NULL,
    fingerprint VARCHAR(64) NOT NULL,
    built_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name, period_year)
);
CREATE INDEX kept_count_state_layer_idx ON kept_count_state (layer_table);

CREATE TABLE kept_count (
    name VARCHAR(64) NOT NULL,
    period_year INTEGER NOT NULL,
    group_key VARCHAR(64) NOT NULL,
    c0 BIGINT DEFAULT 0 NOT NULL,
    c1 BIGINT DEFAULT 0 NOT NULL,
    c2 BIGINT DEFAULT 0 NOT NULL,
    c3 BIGINT DEFAULT 0 NOT NULL,
    c4 BIGINT DEFAULT 0 NOT NULL,
    c5 BIGINT DEFAULT 0 NOT NULL,
    c6 BIGINT DEFAULT 0 NOT NULL,
    c7 BIGINT DEFAULT 0 NOT NULL,
    c8 BIGINT DEFAULT 0 NOT NULL,
    c9 BIGINT DEFAULT 0 NOT NULL,
    c10 BIGINT DEFAULT 0 NOT NULL,
    c11 BIGINT DEFAULT 0 NOT NULL,
    c12 BIGINT DEFAULT 0 NOT NULL,
    c13 BIGINT DEFAULT 0 NOT NULL,
    c14 BIGINT DEFAULT 0 NOT NULL,
    c15 BIGINT DEFAULT 0 NOT NULL,
    c16 BIGINT DEFAULT 0 NOT NULL,
    c17 BIGINT DEFAULT 0 NOT NULL,
    c18 BIGINT DEFAULT 0 NOT NULL,
    c19 BIGINT DEFAULT 0 NOT NULL,
    c20 BIGINT DEFAULT 0 NOT NULL,
    c21 BIGINT DEFAULT 0 NOT NULL,
    c22 BIGINT DEFAULT 0 NOT NULL,
    c23 BIGINT DEFAULT 0 NOT NULL,
    c24 BIGINT DEFAULT 0 NOT NULL,
    c25 BIGINT DEFAULT 0 NOT NULL,
    c26 BIGINT DEFAULT 0 NOT NULL,
    c27 BIGINT DEFAULT 0 NOT NULL,
    c28 BIGINT DEFAULT 0 NOT NULL,
    c29 BIGINT DEFAULT 0 NOT NULL,
    c30 BIGINT DEFAULT 0 NOT NULL,
    c31 BIGINT DEFAULT 0 NOT NULL,
    PRIMARY KEY (name, period_year, group_key)
);

CREATE TABLE kept_count_lock (
    layer_table VARCHAR(64) PRIMARY KEY
);

--postgis CREATE FUNCTION kept_count_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF current_setting('antt.kept_counts', true) IS DISTINCT FROM 'on' THEN EXECUTE format('DELETE FROM %I.kept_count_state WHERE layer_table = %L', TG_TABLE_SCHEMA, TG_TABLE_NAME); END IF; RETURN NULL; END $$;
--postgis CREATE TRIGGER incident_kept_count_guard AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident FOR EACH STATEMENT EXECUTE FUNCTION kept_count_guard();
