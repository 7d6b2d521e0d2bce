-- Organizations, offers, pairings (with members, history and local cultivation), needs, and
-- background jobs. Money is stored as integer fen (分) and shown as a decimal string in yuan.
-- Lists of enum values (specialties, assistance types, preferred provinces) are JSON text.
CREATE TABLE organizations (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    credit_code TEXT NOT NULL UNIQUE,
    credit_code_check_failed BOOLEAN NOT NULL DEFAULT FALSE,
    legal_form TEXT NOT NULL CHECK (legal_form IN ('social_group', 'social_service_agency', 'foundation')),
    registration_level TEXT NOT NULL CHECK (registration_level IN ('national', 'provincial', 'prefecture', 'county')),
    province_code TEXT NOT NULL REFERENCES provinces (code),
    category TEXT NOT NULL CHECK (category IN ('industry_association', 'charity', 'community', 'other')),
    specialties TEXT NOT NULL DEFAULT '[]',
    party_org BOOLEAN NOT NULL DEFAULT FALSE,
    recommended_by TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'revoked')),
    status_reason TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX organizations_name_idx ON organizations (name, id);
CREATE INDEX organizations_updated_idx ON organizations (updated_at, id);
CREATE INDEX organizations_province_idx ON organizations (province_code);

CREATE TABLE offers (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    title TEXT NOT NULL,
    assistance_types TEXT NOT NULL DEFAULT '[]',
    preferred_province_codes TEXT NOT NULL DEFAULT '[]',
    preferred_regions TEXT NOT NULL DEFAULT '[]',
    capacity_fen BIGINT NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX offers_organization_idx ON offers (organization_id);

CREATE TABLE pairings (
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
CREATE INDEX pairings_county_idx ON pairings (county_code, status);
CREATE INDEX pairings_status_idx ON pairings (status);

CREATE TABLE pairing_members (
    pairing_id TEXT NOT NULL REFERENCES pairings (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (pairing_id, organization_id)
);
CREATE INDEX pairing_members_organization_idx ON pairing_members (organization_id);

-- Every status change of a pairing, kept after it ends or is replaced.
CREATE TABLE pairing_events (
    id TEXT PRIMARY KEY NOT NULL,
    pairing_id TEXT NOT NULL REFERENCES pairings (id),
    at TIMESTAMP NOT NULL,
    actor_label TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pairing_events_pairing_idx ON pairing_events (pairing_id, at);

CREATE TABLE cultivation_records (
    id TEXT PRIMARY KEY NOT NULL,
    pairing_id TEXT NOT NULL REFERENCES pairings (id),
    record_date DATE NOT NULL,
    trainings BIGINT NOT NULL DEFAULT 0,
    trainees BIGINT NOT NULL DEFAULT 0,
    local_organizations BIGINT NOT NULL DEFAULT 0,
    volunteers BIGINT NOT NULL DEFAULT 0,
    social_workers BIGINT NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX cultivation_pairing_idx ON cultivation_records (pairing_id);

CREATE TABLE needs (
    id TEXT PRIMARY KEY NOT NULL,
    county_code TEXT NOT NULL REFERENCES counties (code),
    assistance_type TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    budget_estimate_fen BIGINT NOT NULL DEFAULT 0,
    beneficiaries BIGINT NOT NULL DEFAULT 0,
    priority TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high')),
    status TEXT NOT NULL CHECK (status IN ('open', 'matched', 'closed')),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX needs_county_idx ON needs (county_code, status);

CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    done BIGINT NOT NULL DEFAULT 0,
    total BIGINT NOT NULL DEFAULT 0,
    result_json TEXT,
    error TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
