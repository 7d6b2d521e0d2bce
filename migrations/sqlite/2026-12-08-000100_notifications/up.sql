-- The two departments that carry the action at every level (乡村振兴部门 and 民政部门): a
-- coordinator belongs to one. Existing coordinators are rural revitalization's until an admin
-- says otherwise; other roles have none.
ALTER TABLE users ADD COLUMN department TEXT
    CHECK (department IS NULL OR department IN ('rural_revitalization', 'civil_affairs'));
UPDATE users SET department = 'rural_revitalization'
    WHERE role IN ('national_admin', 'provincial_officer', 'county_officer');
-- The audit log keeps the department the actor had when acting.
ALTER TABLE audit_events ADD COLUMN actor_department TEXT;

-- What waits for someone (in-app notifications). Written by the change that causes it, in its
-- transaction, and by the daily sweep; at most one unread per person, kind and object, so a
-- repeated cause does not pile up.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    -- What the object is called when the notice was written (a project's title, a county's name).
    subject TEXT NOT NULL,
    -- A count the notice carries (stale projects), 0 when it has none.
    amount BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    -- when it was written, refreshed, read or settled: the list's ETag moves with it
    changed_at TIMESTAMP NOT NULL
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id);
CREATE INDEX notifications_changed_idx ON notifications (user_id, changed_at);
CREATE UNIQUE INDEX notifications_unread_idx ON notifications (user_id, kind, entity_id) WHERE read_at IS NULL;
CREATE INDEX notifications_entity_idx ON notifications (entity_id, kind) WHERE read_at IS NULL;

-- Sweeps that must run once a day across every instance: the instance that moves `last_day`
-- to today runs it (one UPDATE decides, on both databases), the others skip.
CREATE TABLE sweeps (
    name TEXT PRIMARY KEY NOT NULL,
    last_day DATE,
    ran_at TIMESTAMP,
    notified BIGINT NOT NULL DEFAULT 0
);
INSERT INTO sweeps (name) VALUES ('daily');
