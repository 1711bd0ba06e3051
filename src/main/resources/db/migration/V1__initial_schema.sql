-- ANTT Map schema, version 1. Runs on H2GIS and on PostGIS; {{SPATIAL_INDEX}} and {{USING_GIST}} are
-- replaced per store. Geometries are EPSG:4326; columns follow vn.anttmap.model.Layer.

CREATE TABLE ward (
    id VARCHAR(64) PRIMARY KEY,
    code VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    kind VARCHAR(16),
    district VARCHAR(200),
    province VARCHAR(200),
    population INTEGER,
    valid_from DATE NOT NULL,
    valid_to DATE,
    source VARCHAR(1000),
    geom GEOMETRY(MULTIPOLYGON, 4326) NOT NULL
);
CREATE {{SPATIAL_INDEX}} ward_geom_idx ON ward {{USING_GIST}} (geom);

CREATE TABLE residential_area (
    id VARCHAR(64) PRIMARY KEY,
    code VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    kind VARCHAR(16),
    population INTEGER,
    households INTEGER,
    registered_households INTEGER,
    valid_from DATE NOT NULL,
    valid_to DATE,
    source VARCHAR(1000),
    ward_id VARCHAR(64),
    geom GEOMETRY(MULTIPOLYGON, 4326) NOT NULL
);
CREATE {{SPATIAL_INDEX}} residential_area_geom_idx ON residential_area {{USING_GIST}} (geom);
CREATE INDEX residential_area_ward_idx ON residential_area (ward_id);

CREATE TABLE security_team (
    id VARCHAR(64) PRIMARY KEY,
    area_id VARCHAR(64) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    name VARCHAR(200),
    member_count INTEGER NOT NULL,
    rating_year INTEGER NOT NULL,
    rating VARCHAR(32),
    disciplined_members INTEGER,
    ward_id VARCHAR(64)
);
CREATE INDEX security_team_area_idx ON security_team (area_id);

CREATE TABLE camera (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(200),
    bearing_deg DOUBLE PRECISION NOT NULL,
    fov_deg DOUBLE PRECISION NOT NULL,
    range_m DOUBLE PRECISION NOT NULL,
    kind VARCHAR(16) NOT NULL,
    owner VARCHAR(16) NOT NULL,
    status VARCHAR(16) NOT NULL,
    installed_on DATE,
    area_id VARCHAR(64),
    ward_id VARCHAR(64),
    geom GEOMETRY(POINT, 4326) NOT NULL
);
CREATE {{SPATIAL_INDEX}} camera_geom_idx ON camera {{USING_GIST}} (geom);
CREATE INDEX camera_ward_idx ON camera (ward_id);

CREATE TABLE incident (
    id VARCHAR(64) PRIMARY KEY,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    category VARCHAR(32) NOT NULL,
    severity VARCHAR(32),
    channel VARCHAR(16) NOT NULL,
    force_majeure BOOLEAN,
    promptly_handled BOOLEAN,
    description VARCHAR(4000),
    occurred_on DATE NOT NULL,
    area_id VARCHAR(64),
    ward_id VARCHAR(64),
    geom GEOMETRY(POINT, 4326) NOT NULL
);
CREATE {{SPATIAL_INDEX}} incident_geom_idx ON incident {{USING_GIST}} (geom);
CREATE INDEX incident_day_idx ON incident (occurred_on);
CREATE INDEX incident_ward_day_idx ON incident (ward_id, occurred_on);

CREATE TABLE mediated_dispute (
    id VARCHAR(64) PRIMARY KEY,
    mediated_on DATE NOT NULL,
    area_id VARCHAR(64),
    outcome VARCHAR(16),
    description VARCHAR(4000),
    ward_id VARCHAR(64),
    geom GEOMETRY(POINT, 4326)
);
CREATE INDEX mediated_dispute_ward_day_idx ON mediated_dispute (ward_id, mediated_on);

CREATE TABLE video_extraction (
    id VARCHAR(64) PRIMARY KEY,
    camera_id VARCHAR(64) NOT NULL,
    extracted_on DATE NOT NULL,
    incident_id VARCHAR(64),
    purpose VARCHAR(1000),
    area_id VARCHAR(64),
    ward_id VARCHAR(64)
);
CREATE INDEX video_extraction_ward_day_idx ON video_extraction (ward_id, extracted_on);
