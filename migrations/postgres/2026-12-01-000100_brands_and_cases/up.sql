-- Public-welfare brands in three lines (公益品牌), case collection (案例征集) and typical cases,
-- their evidence (attachments) and the dated history of every status move of these families.
CREATE TABLE brands (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    line TEXT NOT NULL CHECK (line IN ('development', 'construction', 'governance')),
    focus TEXT NOT NULL DEFAULT '[]',
    owner_organization_id TEXT NOT NULL REFERENCES organizations (id),
    description TEXT NOT NULL DEFAULT '',
    started_year BIGINT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'applied', 'recommended', 'recognized', 'demonstration', 'returned', 'revoked')),
    -- The owner's registering province, for scoping.
    province_code TEXT NOT NULL,
    review_flag BOOLEAN NOT NULL DEFAULT FALSE,
    review_reason TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- The dossier, maintained when a linked project changes (brands/dossier.rs), and the two
    -- figures lists sort by.
    dossier TEXT NOT NULL DEFAULT '{}',
    dossier_at TIMESTAMP NOT NULL,
    funds_in_place_fen BIGINT NOT NULL DEFAULT 0,
    counties_reached BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX brands_updated_idx ON brands (updated_at, id);
CREATE INDEX brands_name_idx ON brands (name, id);
CREATE INDEX brands_funds_idx ON brands (funds_in_place_fen, id);
CREATE INDEX brands_counties_idx ON brands (counties_reached, id);
CREATE INDEX brands_owner_idx ON brands (owner_organization_id);
CREATE INDEX brands_status_idx ON brands (status, line);

CREATE TABLE brand_partners (
    brand_id TEXT NOT NULL REFERENCES brands (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (brand_id, organization_id)
);
CREATE INDEX brand_partners_org_idx ON brand_partners (organization_id);

ALTER TABLE projects ADD COLUMN brand_id TEXT REFERENCES brands (id);
CREATE INDEX projects_brand_idx ON projects (brand_id);

CREATE TABLE case_collections (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    year BIGINT NOT NULL,
    deadline DATE NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'published')),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE cases (
    id TEXT PRIMARY KEY NOT NULL,
    collection_id TEXT NOT NULL REFERENCES case_collections (id),
    title TEXT NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    province_code TEXT NOT NULL,
    brand_id TEXT REFERENCES brands (id),
    line TEXT NOT NULL CHECK (line IN ('development', 'construction', 'governance')),
    county_codes TEXT NOT NULL DEFAULT '[]',
    background TEXT NOT NULL DEFAULT '',
    approach TEXT NOT NULL DEFAULT '',
    results TEXT NOT NULL DEFAULT '',
    lessons TEXT NOT NULL DEFAULT '',
    consent_to_publish BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'shortlisted', 'typical', 'returned')),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX cases_updated_idx ON cases (updated_at, id);
CREATE INDEX cases_collection_idx ON cases (collection_id, status);
CREATE INDEX cases_org_idx ON cases (organization_id);

CREATE TABLE case_projects (
    case_id TEXT NOT NULL REFERENCES cases (id),
    project_id TEXT NOT NULL REFERENCES projects (id),
    PRIMARY KEY (case_id, project_id)
);

-- Photos and PDFs held by a brand or a case, in the database so that every instance reads them.
CREATE TABLE attachments (
    id TEXT PRIMARY KEY NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX attachments_entity_idx ON attachments (entity, entity_id, created_at);

-- Every status move of brands, case collections and cases: dated, by whom, with its reason.
CREATE TABLE status_events (
    id TEXT PRIMARY KEY NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_label TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX status_events_entity_idx ON status_events (entity, entity_id, at);
