-- Version 6: indexes dropped for a bulk load into an empty table, kept here until they are built again (so that an
-- interrupted load gets them back when the store is next opened).

CREATE TABLE deferred_index (
    index_name VARCHAR(128) PRIMARY KEY,
    table_name VARCHAR(64) NOT NULL,
    definition VARCHAR(4000) NOT NULL
);
