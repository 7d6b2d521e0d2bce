DROP TABLE status_events;
DROP TABLE attachments;
DROP TABLE case_projects;
DROP TABLE cases;
DROP TABLE case_collections;
DROP INDEX projects_brand_idx;
ALTER TABLE projects DROP COLUMN brand_id;
DROP TABLE brand_partners;
DROP TABLE brands;
