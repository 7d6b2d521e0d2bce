-- Incidents and risk (应急处理机制 · 防范风险隐患): what went wrong around an organization's
-- work, in a county, with its handling log. Status moves are in `status_events`.
CREATE TABLE incidents (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('safety', 'funds_misuse', 'fraud_impersonation', 'public_opinion', 'compliance', 'dispute', 'other')),
    severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    project_id TEXT REFERENCES projects (id),
    pairing_id TEXT REFERENCES pairings (id),
    county_code TEXT NOT NULL REFERENCES counties (code),
    -- the county's province: whose coordinators see and close it
    province_code TEXT NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('reported', 'handling', 'resolved', 'closed')),
    reporter_id TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    -- set when an organization's member reported it: the members of that organization follow it
    reporter_organization_id TEXT,
    resolved_at TIMESTAMP,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX incidents_updated_idx ON incidents (updated_at, id);
CREATE INDEX incidents_province_idx ON incidents (province_code, status);
CREATE INDEX incidents_county_idx ON incidents (county_code, status);
CREATE INDEX incidents_organization_idx ON incidents (organization_id, occurred_at);

-- What was done while handling it: notes, and the organization's suspension from it.
CREATE TABLE incident_actions (
    id TEXT PRIMARY KEY NOT NULL,
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    at TIMESTAMP NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    note TEXT NOT NULL,
    suspended_organization BOOLEAN NOT NULL
);
CREATE INDEX incident_actions_incident_idx ON incident_actions (incident_id, at);
