-- Projects from docking to landing (项目对接 → 落地), their progress updates, and the yearly
-- rural tour (社会组织乡村行): campaigns and their docking events.
CREATE TABLE campaigns (
    id TEXT PRIMARY KEY NOT NULL,
    year BIGINT NOT NULL,
    theme TEXT NOT NULL,
    province_codes TEXT NOT NULL DEFAULT '[]',
    county_codes TEXT NOT NULL DEFAULT '[]',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE docking_events (
    id TEXT PRIMARY KEY NOT NULL,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    event_date DATE NOT NULL,
    place TEXT NOT NULL,
    county_code TEXT NOT NULL REFERENCES counties (code),
    organization_ids TEXT NOT NULL DEFAULT '[]',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX docking_events_campaign_idx ON docking_events (campaign_id);

CREATE TABLE projects (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    county_code TEXT NOT NULL REFERENCES counties (code),
    province_code TEXT NOT NULL,
    pairing_id TEXT,
    need_id TEXT,
    event_id TEXT,
    campaign_id TEXT,
    assistance_type TEXT NOT NULL,
    planned_funds_fen BIGINT NOT NULL DEFAULT 0,
    funds_in_place_fen BIGINT NOT NULL DEFAULT 0,
    beneficiaries_planned BIGINT NOT NULL DEFAULT 0,
    beneficiaries_reached BIGINT NOT NULL DEFAULT 0,
    government_purchase BOOLEAN NOT NULL DEFAULT FALSE,
    contract_number TEXT,
    contract_amount_fen BIGINT,
    sustainability TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('docking', 'signed', 'landed', 'completed', 'suspended', 'cancelled')),
    -- The furthest of docking(0) / signed(1) / landed(2) / completed(3) reached, for funnels.
    stage BIGINT NOT NULL DEFAULT 0,
    suspended_from TEXT,
    signed_at TIMESTAMP,
    landing_declared_at TIMESTAMP,
    landing_declared_by TEXT,
    landing_confirmed_at TIMESTAMP,
    landing_confirmed_by TEXT,
    last_activity_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX projects_updated_idx ON projects (updated_at, id);
CREATE INDEX projects_funds_idx ON projects (funds_in_place_fen, id);
CREATE INDEX projects_county_idx ON projects (county_code, updated_at);
CREATE INDEX projects_province_idx ON projects (province_code, updated_at);
CREATE INDEX projects_status_idx ON projects (status, updated_at);
CREATE INDEX projects_activity_idx ON projects (last_activity_at);
CREATE INDEX projects_campaign_idx ON projects (campaign_id, event_id);
CREATE INDEX projects_pairing_idx ON projects (pairing_id);

CREATE TABLE project_organizations (
    project_id TEXT NOT NULL REFERENCES projects (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    role TEXT NOT NULL CHECK (role IN ('lead', 'partner', 'funder')),
    PRIMARY KEY (project_id, organization_id)
);
CREATE INDEX project_organizations_org_idx ON project_organizations (organization_id);

CREATE TABLE project_events (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects (id),
    at TIMESTAMP NOT NULL,
    actor_label TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX project_events_project_idx ON project_events (project_id, at);

CREATE TABLE project_updates (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects (id),
    update_date DATE NOT NULL,
    narrative TEXT NOT NULL,
    funds_delta_fen BIGINT NOT NULL DEFAULT 0,
    beneficiaries_delta BIGINT NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX project_updates_project_idx ON project_updates (project_id, update_date);
