-- Keyset pages of filtered project lists read one index range: the filter's equality columns,
-- then the sort key and the id that breaks its ties.
DROP INDEX projects_province_idx;
DROP INDEX projects_status_idx;
DROP INDEX projects_county_idx;
CREATE INDEX projects_province_status_idx ON projects (province_code, status, updated_at, id);
CREATE INDEX projects_province_updated_idx ON projects (province_code, updated_at, id);
CREATE INDEX projects_county_updated_idx ON projects (county_code, updated_at, id);
CREATE INDEX projects_status_updated_idx ON projects (status, updated_at, id);
-- A campaign's funnel reads only this index, already in its GROUP BY order (it also serves the
-- campaign and event filters of lists); the at-risk projects are one range of the second.
DROP INDEX projects_campaign_idx;
CREATE INDEX projects_funnel_idx ON projects (campaign_id, event_id, province_code, stage, status, funds_in_place_fen);
CREATE INDEX projects_at_risk_idx ON projects (campaign_id, status, signed_at);
