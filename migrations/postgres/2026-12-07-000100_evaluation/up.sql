-- The evaluation system (评估评价体系): versioned indicator frameworks, yearly evaluation rounds
-- with their subjects, experts' assignments and scores, the experts' declared ties; and the
-- yearly selection of outstanding organizations and well-known brands (选树).
CREATE TABLE indicator_frameworks (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    -- The framework's version number (1, 2, …); `lineage_id` is its first version's id.
    version BIGINT NOT NULL,
    lineage_id TEXT NOT NULL,
    subject_type TEXT NOT NULL CHECK (subject_type IN ('organization', 'brand', 'province')),
    status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
    description TEXT NOT NULL DEFAULT '',
    -- The dimensions and their indicators, as JSON (evaluation/tree.rs): a framework is
    -- read and written whole, and an active one never changes.
    tree TEXT NOT NULL,
    revision BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX indicator_frameworks_updated_idx ON indicator_frameworks (updated_at, id);
CREATE UNIQUE INDEX indicator_frameworks_lineage_idx ON indicator_frameworks (lineage_id, version);

CREATE TABLE evaluation_rounds (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    year BIGINT NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    framework_id TEXT NOT NULL REFERENCES indicator_frameworks (id),
    subject_type TEXT NOT NULL,
    subject_filter TEXT NOT NULL,
    min_evaluators BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'scoring', 'closed', 'published')),
    -- When the computed indicators were last snapshotted, and the job doing it.
    snapshot_at TIMESTAMP,
    snapshot_job_id TEXT,
    -- When the ranking was computed at close, and the job computing a large one.
    ranked_at TIMESTAMP,
    ranking_job_id TEXT,
    -- How many of the top of the ranking the public showcase shows once published.
    public_top BIGINT NOT NULL DEFAULT 10,
    -- The national median of each dimension, written at close (JSON).
    medians TEXT NOT NULL DEFAULT '{}',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX evaluation_rounds_updated_idx ON evaluation_rounds (updated_at, id);

CREATE TABLE evaluation_subjects (
    round_id TEXT NOT NULL REFERENCES evaluation_rounds (id),
    subject_id TEXT NOT NULL,
    name TEXT NOT NULL,
    province_code TEXT,
    -- The organization whose members read this subject's result (itself, or a brand's owner).
    organization_id TEXT,
    -- The computed indicators' raw figures, as snapshotted (JSON: metric → value).
    metrics TEXT NOT NULL DEFAULT '{}',
    -- The explained result, written at close (JSON), its total and its rank.
    result TEXT,
    total DOUBLE PRECISION,
    rank BIGINT,
    PRIMARY KEY (round_id, subject_id)
);
CREATE INDEX evaluation_subjects_rank_idx ON evaluation_subjects (round_id, rank, subject_id);
CREATE INDEX evaluation_subjects_org_idx ON evaluation_subjects (organization_id);

CREATE TABLE evaluation_assignments (
    id TEXT PRIMARY KEY NOT NULL,
    round_id TEXT NOT NULL REFERENCES evaluation_rounds (id),
    subject_id TEXT NOT NULL,
    evaluator_id TEXT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('assigned', 'submitted', 'recused', 'withdrawn')),
    reason TEXT NOT NULL DEFAULT '',
    submitted_at TIMESTAMP,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- An expert is assigned a subject once per round (recused and withdrawn included).
CREATE UNIQUE INDEX evaluation_assignments_round_idx ON evaluation_assignments (round_id, subject_id, evaluator_id);
CREATE INDEX evaluation_assignments_evaluator_idx ON evaluation_assignments (evaluator_id, round_id);

CREATE TABLE evaluation_scores (
    assignment_id TEXT NOT NULL REFERENCES evaluation_assignments (id),
    indicator_code TEXT NOT NULL,
    score BIGINT,
    comment TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (assignment_id, indicator_code)
);

-- Every change of a submitted score before the round closes: who, when, old, new.
CREATE TABLE evaluation_score_changes (
    id TEXT PRIMARY KEY NOT NULL,
    assignment_id TEXT NOT NULL REFERENCES evaluation_assignments (id),
    indicator_code TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    old_score BIGINT,
    new_score BIGINT,
    old_comment TEXT NOT NULL,
    new_comment TEXT NOT NULL
);
CREATE INDEX evaluation_score_changes_idx ON evaluation_score_changes (assignment_id, at);

-- What an expert declared they are tied to (conflict of interest): an organization they work
-- for, advise or donate to, or a province they work in.
CREATE TABLE evaluator_ties (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('organization', 'province')),
    target_id TEXT NOT NULL,
    relation TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX evaluator_ties_user_idx ON evaluator_ties (user_id);

CREATE TABLE selections (
    id TEXT PRIMARY KEY NOT NULL,
    year BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('outstanding_organization', 'well_known_brand')),
    title TEXT NOT NULL,
    evaluation_round_id TEXT REFERENCES evaluation_rounds (id),
    status TEXT NOT NULL CHECK (status IN ('nominating', 'reviewing', 'published')),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX selections_updated_idx ON selections (updated_at, id);
-- One selection of each kind a year.
CREATE UNIQUE INDEX selections_year_kind_idx ON selections (year, kind);

CREATE TABLE nominations (
    id TEXT PRIMARY KEY NOT NULL,
    selection_id TEXT NOT NULL REFERENCES selections (id),
    subject_id TEXT NOT NULL,
    subject_name TEXT NOT NULL,
    province_code TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    nominated_by TEXT NOT NULL,
    nominated_by_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('nominated', 'selected', 'not_selected', 'withdrawn')),
    decision_reason TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX nominations_subject_idx ON nominations (selection_id, subject_id);
CREATE INDEX nominations_honors_idx ON nominations (subject_id, status);
