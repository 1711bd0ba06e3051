-- Version 17: an incident's handling (vn.anttmap.model.IncidentLifecycle): its status and each step's time and
-- author, the outcome, and the minutes from receiving to handling (derived on write, for the leaders' figures); and
-- a leader's scope kept where an officer's ward is (user_account.ward_id: a ward id, several separated by commas, or
-- "province:<name>"), so the column is widened. Existing incidents keep an empty status: their handling is unknown,
-- and every figure says so rather than counting them as handled or open.
ALTER TABLE incident ADD COLUMN status VARCHAR(16);
ALTER TABLE incident ADD COLUMN received_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident ADD COLUMN received_by VARCHAR(200);
ALTER TABLE incident ADD COLUMN assigned_to VARCHAR(200);
ALTER TABLE incident ADD COLUMN assigned_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident ADD COLUMN assigned_by VARCHAR(200);
ALTER TABLE incident ADD COLUMN verified_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident ADD COLUMN verified_by VARCHAR(200);
ALTER TABLE incident ADD COLUMN handled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident ADD COLUMN handled_by VARCHAR(200);
ALTER TABLE incident ADD COLUMN handling VARCHAR(16);
ALTER TABLE incident ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident ADD COLUMN closed_by VARCHAR(200);
ALTER TABLE incident ADD COLUMN handle_minutes INTEGER;
ALTER TABLE user_account ALTER COLUMN ward_id SET DATA TYPE VARCHAR(4000);
