-- Version 2: context lines for the map (roads, coastline).

CREATE TABLE road (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(200),
    kind VARCHAR(16) NOT NULL,
    source VARCHAR(1000),
    geom GEOMETRY(MULTILINESTRING, 4326) NOT NULL
);
CREATE {{SPATIAL_INDEX}} road_geom_idx ON road {{USING_GIST}} (geom);

CREATE TABLE coastline (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(200),
    source VARCHAR(1000),
    geom GEOMETRY(MULTILINESTRING, 4326) NOT NULL
);
CREATE {{SPATIAL_INDEX}} coastline_geom_idx ON coastline {{USING_GIST}} (geom);
