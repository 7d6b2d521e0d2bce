-- Provincial year-end reports (每年底报送): one per province and year, written by the province's
-- officers, signed by both its departments, submitted to and accepted by the national liaison
-- units. Status moves are in `status_events`.
CREATE TABLE year_end_reports (
    id TEXT PRIMARY KEY NOT NULL,
    province_code TEXT NOT NULL REFERENCES provinces (code),
    year BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
    -- the five narrative sections, sanitized HTML, as one JSON object keyed by section
    sections TEXT NOT NULL,
    -- the figures as submitted (JSON), frozen at submission; null while the report is written
    figures TEXT,
    -- the reviewer's comments per section (JSON) from the last return
    return_comments TEXT,
    submitted_at TIMESTAMP,
    accepted_at TIMESTAMP,
    created_by TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (province_code, year)
);
CREATE INDEX year_end_reports_year_idx ON year_end_reports (year, status);
CREATE INDEX year_end_reports_updated_idx ON year_end_reports (updated_at, id);

-- The two departments' signatures on the report as it now reads; an edit removes them.
CREATE TABLE year_end_signatures (
    report_id TEXT NOT NULL REFERENCES year_end_reports (id),
    department TEXT NOT NULL CHECK (department IN ('rural_revitalization', 'civil_affairs')),
    user_id TEXT NOT NULL,
    signer_name TEXT NOT NULL,
    signed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (report_id, department)
);

-- What each submission said, for the diff between versions, and how the nation answered it
-- (returned with its reason and comments per section, or accepted), so a return's comments stay
-- beside what they were about after the province resubmits.
CREATE TABLE year_end_versions (
    report_id TEXT NOT NULL REFERENCES year_end_reports (id),
    number BIGINT NOT NULL,
    sections TEXT NOT NULL,
    figures TEXT NOT NULL,
    signatures TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    outcome TEXT CHECK (outcome IN ('returned', 'accepted')),
    review_reason TEXT,
    review_comments TEXT,
    reviewed_by TEXT,
    reviewed_at TIMESTAMP,
    PRIMARY KEY (report_id, number)
);

-- The deadline of a year's reports when it is not 31 December.
CREATE TABLE year_end_deadlines (
    year BIGINT PRIMARY KEY NOT NULL,
    deadline DATE NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- When a province was last reminded of a year's report, for the national board.
CREATE TABLE year_end_reminders (
    province_code TEXT NOT NULL REFERENCES provinces (code),
    year BIGINT NOT NULL,
    reminded_at TIMESTAMP NOT NULL,
    reminded_by TEXT NOT NULL,
    PRIMARY KEY (province_code, year)
);
