DROP INDEX projects_pairing_idx;
CREATE INDEX projects_pairing_idx ON projects (pairing_id);
DROP INDEX projects_brand_idx;
CREATE INDEX projects_brand_idx ON projects (brand_id);
DROP INDEX projects_funnel_idx;
CREATE INDEX projects_funnel_idx
    ON projects (campaign_id, event_id, province_code, stage, status, funds_in_place_fen, county_code, id);
DROP INDEX projects_at_risk_idx;
CREATE INDEX projects_at_risk_idx ON projects (campaign_id, status, signed_at);
