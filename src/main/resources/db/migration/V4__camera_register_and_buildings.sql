-- Version 4: a camera register that tells the truth (funding, footage sharing, last seen, resolution, maintenance
-- history) and building footprints that block cameras' views.

ALTER TABLE camera ADD COLUMN funding VARCHAR(32);
ALTER TABLE camera ADD COLUMN footage_sharing BOOLEAN;
ALTER TABLE camera ADD COLUMN last_seen_on DATE;
ALTER TABLE camera ADD COLUMN resolution_px INTEGER;

CREATE TABLE camera_maintenance (
    id VARCHAR(64) PRIMARY KEY,
    camera_id VARCHAR(64) NOT NULL,
    done_on DATE NOT NULL,
    action VARCHAR(16) NOT NULL,
    cost_vnd INTEGER,
    note VARCHAR(1000),
    area_id VARCHAR(64),
    ward_id VARCHAR(64)
);
CREATE INDEX camera_maintenance_camera_idx ON camera_maintenance (camera_id, done_on);

CREATE TABLE building (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(200),
    kind VARCHAR(32),
    source VARCHAR(1000),
    geom GEOMETRY(MULTIPOLYGON, 4326) NOT NULL
);
CREATE {{SPATIAL_INDEX}} building_geom_idx ON building {{USING_GIST}} (geom);
