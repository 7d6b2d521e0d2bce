DROP INDEX projects_funnel_idx;
DROP INDEX projects_province_status_idx;
DROP INDEX projects_province_updated_idx;
DROP INDEX projects_county_updated_idx;
DROP INDEX projects_status_updated_idx;
CREATE INDEX projects_province_idx ON projects (province_code, updated_at);
CREATE INDEX projects_status_idx ON projects (status, updated_at);
CREATE INDEX projects_county_idx ON projects (county_code, updated_at);
