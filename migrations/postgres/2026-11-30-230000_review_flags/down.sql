ALTER TABLE organizations DROP COLUMN credit_code_confirmed_at;
ALTER TABLE organizations DROP COLUMN credit_code_confirmed_by;
ALTER TABLE projects DROP COLUMN review_reason;
ALTER TABLE projects DROP COLUMN review_flag;
