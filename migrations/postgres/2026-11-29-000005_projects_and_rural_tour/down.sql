DROP TABLE project_updates;
DROP TABLE project_events;
DROP TABLE project_organizations;
DROP TABLE projects;
DROP TABLE docking_events;
DROP TABLE campaigns;
