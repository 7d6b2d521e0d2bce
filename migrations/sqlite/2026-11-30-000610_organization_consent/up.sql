-- Nobody attaches an organization to a pairing or a project without its acceptance
-- (DOMAIN.md): every organization named in either answers for itself (invited → accepted |
-- declined, with who and when); a pairing also records the county's confirmation, and becomes
-- active only when both sides have consented. Two statuses join the pairing lifecycle:
-- `accepted` (every organization has accepted, the county has not yet confirmed) and
-- `declined` (an organization said no).
--
-- SQLite cannot change a CHECK constraint in place, so `pairings` is rebuilt. Its children keep
-- referring to it by name; with foreign keys off the rebuild does not rewrite or check those
-- references, and `foreign_key_check` below finds none broken. See metadata.toml.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE pairings_new (
    id TEXT PRIMARY KEY NOT NULL,
    county_code TEXT NOT NULL REFERENCES counties (code),
    lead_organization_id TEXT NOT NULL REFERENCES organizations (id),
    assistance_types TEXT NOT NULL DEFAULT '[]',
    channel TEXT NOT NULL CHECK (channel IN ('national_org', 'east_org', 'west_local_org', 'east_west_cooperation')),
    status TEXT NOT NULL CHECK (status IN ('proposed', 'recommended', 'accepted', 'confirmed', 'active', 'concluded', 'terminated', 'declined')),
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
    updated_at TIMESTAMP NOT NULL,
    -- The county's consent (县级确认): who and when.
    confirmed_at TIMESTAMP,
    confirmed_by TEXT
);
INSERT INTO pairings_new (id, county_code, lead_organization_id, assistance_types, channel, status,
    planned_funds_fen, planned_projects, commitment, start_date, end_date, review_flag, review_reason,
    need_id, version, created_at, updated_at)
SELECT id, county_code, lead_organization_id, assistance_types, channel, status,
    planned_funds_fen, planned_projects, commitment, start_date, end_date, review_flag, review_reason,
    need_id, version, created_at, updated_at
FROM pairings;
DROP TABLE pairings;
ALTER TABLE pairings_new RENAME TO pairings;
CREATE INDEX pairings_county_idx ON pairings (county_code, status);
CREATE INDEX pairings_status_idx ON pairings (status);
-- A need's invitations, and the check for a second one.
CREATE INDEX pairings_need_idx ON pairings (need_id);

-- An organization's answer to being named in a pairing (the lead or a member of the group).
ALTER TABLE pairing_members ADD COLUMN consent TEXT NOT NULL DEFAULT 'invited'
    CHECK (consent IN ('invited', 'accepted', 'declined'));
ALTER TABLE pairing_members ADD COLUMN consent_at TIMESTAMP;
ALTER TABLE pairing_members ADD COLUMN consent_by TEXT;

-- Which consent a step of the history records, and for which organization.
ALTER TABLE pairing_events ADD COLUMN consent TEXT
    CHECK (consent IN ('organization_accepted', 'organization_declined', 'county_confirmed'));
ALTER TABLE pairing_events ADD COLUMN organization_id TEXT REFERENCES organizations (id);

-- An organization's answer to being named in a project.
ALTER TABLE project_organizations ADD COLUMN consent TEXT NOT NULL DEFAULT 'invited'
    CHECK (consent IN ('invited', 'accepted', 'declined'));
ALTER TABLE project_organizations ADD COLUMN consent_at TIMESTAMP;
ALTER TABLE project_organizations ADD COLUMN consent_by TEXT;

-- What the records already show, and nothing more: organizations of pairings that were
-- published took part (who and when unknown); pairings still on their way wait for each
-- organization's answer; the county's earlier confirmations are its consent. Organizations of
-- existing projects stay attached (who and when unknown).
UPDATE pairing_members SET consent = 'accepted'
WHERE pairing_id IN (SELECT id FROM pairings WHERE status IN ('active', 'concluded'))
   OR pairing_id IN (SELECT pairing_id FROM pairing_events WHERE to_status = 'active');
UPDATE pairing_events SET consent = 'county_confirmed' WHERE to_status = 'confirmed';
UPDATE pairings SET
    confirmed_at = (SELECT e.at FROM pairing_events e
                    WHERE e.pairing_id = pairings.id AND e.to_status = 'confirmed' ORDER BY e.at LIMIT 1),
    confirmed_by = (SELECT e.actor_label FROM pairing_events e
                    WHERE e.pairing_id = pairings.id AND e.to_status = 'confirmed' ORDER BY e.at LIMIT 1);
UPDATE project_organizations SET consent = 'accepted';

COMMIT;
PRAGMA foreign_keys = ON;
