-- Jobs that survive their instance (jobs/worker.rs): the input a job needs to run again, and a
-- lease its instance renews while it runs; another instance takes a job whose lease ran out.
ALTER TABLE jobs ADD COLUMN input_json TEXT;
ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until TIMESTAMP;
ALTER TABLE jobs ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
-- Jobs of the version before ran in a thread of their instance, which is gone now.
UPDATE jobs SET status = 'failed', error = 'interrupted by an upgrade: start it again', finished_at = created_at
WHERE status IN ('queued', 'running');
CREATE INDEX jobs_open ON jobs (created_at) WHERE status IN ('queued', 'running');
