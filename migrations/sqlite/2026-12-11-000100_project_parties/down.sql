ALTER TABLE projects DROP COLUMN parties;
