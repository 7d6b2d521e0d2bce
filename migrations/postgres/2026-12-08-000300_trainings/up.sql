-- Trainings (强化组织培训): national, provincial and county trainings with the organizations
-- trained and their head counts. Status moves are in `status_events`.
CREATE TABLE trainings (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    organizer_level TEXT NOT NULL CHECK (organizer_level IN ('national', 'provincial', 'county')),
    organizer_department TEXT NOT NULL CHECK (organizer_department IN ('rural_revitalization', 'civil_affairs')),
    -- the organizer's province (provincial and county trainings) and county (county trainings)
    province_code TEXT REFERENCES provinces (code),
    county_code TEXT REFERENCES counties (code),
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('onsite', 'online', 'mixed')),
    place TEXT NOT NULL,
    -- JSON arrays: assistance types, and the plan's topics in words
    assistance_types TEXT NOT NULL,
    topics TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX trainings_updated_idx ON trainings (updated_at, id);
CREATE INDEX trainings_province_idx ON trainings (province_code, starts_on);

-- The organizations trained: a head count each, and whether they attended (null until the
-- organizer confirms it after the training).
CREATE TABLE training_participants (
    training_id TEXT NOT NULL REFERENCES trainings (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    head_count BIGINT NOT NULL,
    attended BOOLEAN,
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (training_id, organization_id)
);
CREATE INDEX training_participants_organization_idx ON training_participants (organization_id);
