-- Version 8: exception decisions on incidents (K4b, K4d: an exception is a decision with evidence, not a flag) and
-- the agencies, enterprises and educational institutions X4 counts beside the residential areas.

CREATE TABLE exception_decision (
    id VARCHAR(64) PRIMARY KEY,
    incident_id VARCHAR(64) NOT NULL,
    check_id VARCHAR(8) NOT NULL,
    exception VARCHAR(32) NOT NULL,
    decided_by VARCHAR(200) NOT NULL,
    decided_on DATE NOT NULL,
    document_ref VARCHAR(200) NOT NULL,
    note VARCHAR(2000),
    area_id VARCHAR(64),
    ward_id VARCHAR(64)
);
CREATE INDEX exception_decision_incident_idx ON exception_decision (incident_id);
CREATE INDEX exception_decision_ward_idx ON exception_decision (ward_id, decided_on);

CREATE TABLE organisation (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    assessment_year INTEGER NOT NULL,
    registered BOOLEAN,
    registered_on DATE,
    registration_ref VARCHAR(200),
    recognised BOOLEAN,
    recognition_ref VARCHAR(200),
    recognition_decided_on DATE,
    source VARCHAR(1000),
    area_id VARCHAR(64),
    ward_id VARCHAR(64),
    geom GEOMETRY(POINT, 4326) NOT NULL
);
CREATE INDEX organisation_ward_year_idx ON organisation (ward_id, assessment_year);
CREATE {{SPATIAL_INDEX}} organisation_geom_idx ON organisation {{USING_GIST}} (geom);
