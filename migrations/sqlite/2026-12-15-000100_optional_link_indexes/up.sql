-- A project's links to a pairing, a brand and a campaign are optional, and their indexes are
-- read only by an equality on the link (`pairing_id = $1` …), which both databases know implies
-- IS NOT NULL. Kept partial, they hold no entry for a project without the link: its insert, and
-- every update that moves its row (a progress update moves `updated_at`), write four index
-- entries fewer out of thirteen.
DROP INDEX projects_pairing_idx;
CREATE INDEX projects_pairing_idx ON projects (pairing_id) WHERE pairing_id IS NOT NULL;
DROP INDEX projects_brand_idx;
CREATE INDEX projects_brand_idx ON projects (brand_id) WHERE brand_id IS NOT NULL;
DROP INDEX projects_funnel_idx;
CREATE INDEX projects_funnel_idx
    ON projects (campaign_id, event_id, province_code, stage, status, funds_in_place_fen, county_code, id)
    WHERE campaign_id IS NOT NULL;
DROP INDEX projects_at_risk_idx;
CREATE INDEX projects_at_risk_idx ON projects (campaign_id, status, signed_at) WHERE campaign_id IS NOT NULL;
