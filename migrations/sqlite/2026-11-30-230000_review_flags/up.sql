-- Suspending or revoking an organization flags its live projects for review, as it already
-- flagged its pairings; reinstating it clears both. A credit code whose check character failed
-- is confirmed by a national admin, who and when kept on the organization.
ALTER TABLE projects ADD COLUMN review_flag BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE projects ADD COLUMN review_reason TEXT;
ALTER TABLE organizations ADD COLUMN credit_code_confirmed_by TEXT;
ALTER TABLE organizations ADD COLUMN credit_code_confirmed_at TIMESTAMP;
