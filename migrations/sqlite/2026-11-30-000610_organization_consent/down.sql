-- Back to the one-sided lifecycle: a pairing waiting for the county is `proposed` again, a
-- declined one `terminated`; the answers and the county's confirmation are dropped.
PRAGMA foreign_keys = OFF;
BEGIN;
UPDATE pairings SET status = 'proposed' WHERE status = 'accepted';
UPDATE pairings SET status = 'terminated' WHERE status = 'declined';
CREATE TABLE pairings_old (
    id TEXT PRIMARY KEY NOT NULL,
    county_code TEXT NOT NULL REFERENCES counties (code),
    lead_organization_id TEXT NOT NULL REFERENCES organizations (id),
    assistance_types TEXT NOT NULL DEFAULT '[]',
    channel TEXT NOT NULL CHECK (channel IN ('national_org', 'east_org', 'west_local_org', 'east_west_cooperation')),
    status TEXT NOT NULL CHECK (status IN ('proposed', 'recommended', 'confirmed', 'active', 'concluded', 'terminated')),
    planned_funds_fen BIGINT NOT NULL DEFAULT 0,
    planned_projects BIGINT NOT NULL DEFAULT 0,
    commitment TEXT NOT NULL DEFAULT '',
    start_date DATE,
    end_date DATE,
    review_flag BOOLEAN NOT NULL DEFAULT FALSE,
    review_reason TEXT,
    need_id TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO pairings_old SELECT id, county_code, lead_organization_id, assistance_types, channel, status,
    planned_funds_fen, planned_projects, commitment, start_date, end_date, review_flag, review_reason,
    need_id, version, created_at, updated_at
FROM pairings;
DROP TABLE pairings;
ALTER TABLE pairings_old RENAME TO pairings;
CREATE INDEX pairings_county_idx ON pairings (county_code, status);
CREATE INDEX pairings_status_idx ON pairings (status);
ALTER TABLE pairing_members DROP COLUMN consent;
ALTER TABLE pairing_members DROP COLUMN consent_at;
ALTER TABLE pairing_members DROP COLUMN consent_by;
-- organization_id is a foreign key, which DROP COLUMN refuses: rebuild.
CREATE TABLE pairing_events_old (
    id TEXT PRIMARY KEY NOT NULL,
    pairing_id TEXT NOT NULL REFERENCES pairings (id),
    at TIMESTAMP NOT NULL,
    actor_label TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
INSERT INTO pairing_events_old SELECT id, pairing_id, at, actor_label, from_status, to_status, reason
FROM pairing_events;
DROP TABLE pairing_events;
ALTER TABLE pairing_events_old RENAME TO pairing_events;
CREATE INDEX pairing_events_pairing_idx ON pairing_events (pairing_id, at);
ALTER TABLE project_organizations DROP COLUMN consent;
ALTER TABLE project_organizations DROP COLUMN consent_at;
ALTER TABLE project_organizations DROP COLUMN consent_by;
COMMIT;
PRAGMA foreign_keys = ON;
