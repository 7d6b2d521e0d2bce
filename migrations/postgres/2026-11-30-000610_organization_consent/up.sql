-- Nobody attaches an organization to a pairing or a project without its acceptance
-- (DOMAIN.md): every organization named in either answers for itself (invited → accepted |
-- declined, with who and when); a pairing also records the county's confirmation, and becomes
-- active only when both sides have consented. Two statuses join the pairing lifecycle:
-- `accepted` (every organization has accepted, the county has not yet confirmed) and
-- `declined` (an organization said no).
ALTER TABLE pairings DROP CONSTRAINT pairings_status_check;
ALTER TABLE pairings ADD CONSTRAINT pairings_status_check
    CHECK (status IN ('proposed', 'recommended', 'accepted', 'confirmed', 'active', 'concluded', 'terminated', 'declined'));
-- The county's consent (县级确认): who and when.
ALTER TABLE pairings ADD COLUMN confirmed_at TIMESTAMP;
ALTER TABLE pairings ADD COLUMN confirmed_by TEXT;
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
