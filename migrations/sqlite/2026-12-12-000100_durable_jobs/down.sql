DROP INDEX jobs_open;
ALTER TABLE jobs DROP COLUMN attempts;
ALTER TABLE jobs DROP COLUMN lease_until;
ALTER TABLE jobs DROP COLUMN lease_owner;
ALTER TABLE jobs DROP COLUMN input_json;
