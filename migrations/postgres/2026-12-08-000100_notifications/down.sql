DROP TABLE sweeps;
DROP TABLE notifications;
ALTER TABLE audit_events DROP COLUMN actor_department;
ALTER TABLE users DROP COLUMN department;
