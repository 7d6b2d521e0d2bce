DROP INDEX projects_funnel_idx;
CREATE INDEX projects_funnel_idx ON projects (campaign_id, event_id, province_code, stage, status, funds_in_place_fen);
