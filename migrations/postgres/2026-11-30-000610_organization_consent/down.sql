-- Back to the one-sided lifecycle: a pairing waiting for the county is `proposed` again, a
-- declined one `terminated`; the answers and the county's confirmation are dropped.
UPDATE pairings SET status = 'proposed' WHERE status = 'accepted';
UPDATE pairings SET status = 'terminated' WHERE status = 'declined';
ALTER TABLE project_organizations DROP COLUMN consent_by;
ALTER TABLE project_organizations DROP COLUMN consent_at;
ALTER TABLE project_organizations DROP COLUMN consent;
ALTER TABLE pairing_events DROP COLUMN organization_id;
ALTER TABLE pairing_events DROP COLUMN consent;
ALTER TABLE pairing_members DROP COLUMN consent_by;
ALTER TABLE pairing_members DROP COLUMN consent_at;
ALTER TABLE pairing_members DROP COLUMN consent;
DROP INDEX pairings_need_idx;
ALTER TABLE pairings DROP COLUMN confirmed_by;
ALTER TABLE pairings DROP COLUMN confirmed_at;
ALTER TABLE pairings DROP CONSTRAINT pairings_status_check;
ALTER TABLE pairings ADD CONSTRAINT pairings_status_check
    CHECK (status IN ('proposed', 'recommended', 'confirmed', 'active', 'concluded', 'terminated'));
