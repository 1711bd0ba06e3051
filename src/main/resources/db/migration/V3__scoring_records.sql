-- Version 3: what scoring against Thông tư 124/2021/TT-BCA needs: incident seriousness, social-order records,
-- household counts with an as-of date, and officers' attestations.

ALTER TABLE incident ADD COLUMN serious BOOLEAN;
ALTER TABLE incident ADD COLUMN deaths INTEGER;

CREATE TABLE social_order_record (
    id VARCHAR(64) PRIMARY KEY,
    area_id VARCHAR(64) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    recorded_on DATE NOT NULL,
    record_count INTEGER NOT NULL,
    description VARCHAR(1000),
    ward_id VARCHAR(64)
);
CREATE INDEX social_order_record_area_day_idx ON social_order_record (area_id, recorded_on);

CREATE TABLE household_count (
    id VARCHAR(64) PRIMARY KEY,
    area_id VARCHAR(64) NOT NULL,
    as_of DATE NOT NULL,
    resident_households INTEGER NOT NULL,
    registered_households INTEGER,
    source VARCHAR(1000),
    ward_id VARCHAR(64)
);
CREATE INDEX household_count_area_day_idx ON household_count (area_id, as_of);

CREATE TABLE attestation (
    id VARCHAR(64) PRIMARY KEY,
    subject_kind VARCHAR(8) NOT NULL,
    subject_id VARCHAR(64) NOT NULL,
    check_id VARCHAR(32) NOT NULL,
    period_year INTEGER NOT NULL,
    attested BOOLEAN NOT NULL,
    attested_by VARCHAR(200) NOT NULL,
    attested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    note VARCHAR(2000),
    document_ref VARCHAR(200)
);
CREATE INDEX attestation_subject_idx ON attestation (subject_id, period_year);
