-- A county's projects in one status, newest first (the county page's tabs, and what a
-- coordinator asks most), read one index range at any page depth. With only (county_code,
-- updated_at, id) the list walked the county's projects of every status and kept a sixth.
CREATE INDEX projects_county_status_idx ON projects (county_code, status, updated_at, id);
