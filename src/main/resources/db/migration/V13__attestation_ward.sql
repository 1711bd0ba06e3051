-- Version 13: the ward of each attestation, derived when it is written like every other layer's ward_id: the ward
-- itself for a ward's attestation, the area's ward for an area's. The access policy reads it, so that an officer sees
-- their own ward's area attestations by every way out (JSON, OGC, export), as the scorecards already did.
ALTER TABLE attestation ADD COLUMN ward_id VARCHAR(64);
UPDATE attestation SET ward_id = CASE WHEN subject_kind = 'ward' THEN subject_id
    ELSE (SELECT a.ward_id FROM residential_area a WHERE a.id = attestation.subject_id) END;
CREATE INDEX attestation_ward_idx ON attestation (ward_id, period_year);
