-- The statistics platform's maintained aggregates (统计平台): the projects' figures summed per
-- county × assistance type × status × docking year × government purchase, and their dated
-- figures per county × assistance type × month. Every write to a project applies its change to
-- these rows in the same transaction (projects/rollup.rs), so a roll-up over 1,000,000 projects
-- reads a few thousand rows. Sums are kept in two parts (fen / 10⁹ and fen % 10⁹, as
-- db::sql::fen_sum_parts) so no number of projects can overflow them.
CREATE TABLE project_rollup (
    county_code TEXT NOT NULL,
    province_code TEXT NOT NULL,
    assistance_type TEXT NOT NULL,
    status TEXT NOT NULL,
    -- The year the project was docked (its creation, China Standard Time).
    year BIGINT NOT NULL,
    government_purchase BOOLEAN NOT NULL,
    projects BIGINT NOT NULL DEFAULT 0,
    planned_hi BIGINT NOT NULL DEFAULT 0,
    planned_lo BIGINT NOT NULL DEFAULT 0,
    in_place_hi BIGINT NOT NULL DEFAULT 0,
    in_place_lo BIGINT NOT NULL DEFAULT 0,
    contract_hi BIGINT NOT NULL DEFAULT 0,
    contract_lo BIGINT NOT NULL DEFAULT 0,
    ben_planned_hi BIGINT NOT NULL DEFAULT 0,
    ben_planned_lo BIGINT NOT NULL DEFAULT 0,
    ben_reached_hi BIGINT NOT NULL DEFAULT 0,
    ben_reached_lo BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (county_code, assistance_type, status, year, government_purchase)
);
CREATE INDEX project_rollup_province_idx ON project_rollup (province_code, year);

-- `published`: the project is landed or completed (what viewers and the public may count).
CREATE TABLE project_month_rollup (
    county_code TEXT NOT NULL,
    province_code TEXT NOT NULL,
    assistance_type TEXT NOT NULL,
    published BOOLEAN NOT NULL,
    -- YYYY-MM in China Standard Time: a project landed at 2026-03-31T23:30+08:00 is March's.
    month TEXT NOT NULL,
    docked BIGINT NOT NULL DEFAULT 0,
    landed BIGINT NOT NULL DEFAULT 0,
    -- funds put in place and beneficiaries reached by the progress updates dated that month
    funds_hi BIGINT NOT NULL DEFAULT 0,
    funds_lo BIGINT NOT NULL DEFAULT 0,
    ben_hi BIGINT NOT NULL DEFAULT 0,
    ben_lo BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (county_code, assistance_type, published, month)
);
CREATE INDEX project_month_rollup_month_idx ON project_month_rollup (month, province_code);

-- The projects already recorded.
INSERT INTO project_rollup
SELECT county_code, province_code, assistance_type, status, CAST(EXTRACT(YEAR FROM created_at + INTERVAL '8 hours') AS BIGINT), government_purchase,
       COUNT(*),
       SUM(planned_funds_fen / 1000000000), SUM(planned_funds_fen % 1000000000),
       SUM(funds_in_place_fen / 1000000000), SUM(funds_in_place_fen % 1000000000),
       SUM(COALESCE(contract_amount_fen, 0) / 1000000000), SUM(COALESCE(contract_amount_fen, 0) % 1000000000),
       SUM(beneficiaries_planned / 1000000000), SUM(beneficiaries_planned % 1000000000),
       SUM(beneficiaries_reached / 1000000000), SUM(beneficiaries_reached % 1000000000)
FROM projects
GROUP BY county_code, province_code, assistance_type, status, CAST(EXTRACT(YEAR FROM created_at + INTERVAL '8 hours') AS BIGINT), government_purchase;

INSERT INTO project_month_rollup
SELECT county_code, province_code, assistance_type, published, month,
       SUM(docked), SUM(landed), SUM(funds_hi), SUM(funds_lo), SUM(ben_hi), SUM(ben_lo)
FROM (
    SELECT county_code, province_code, assistance_type, (status IN ('landed', 'completed')) AS published, to_char(created_at + INTERVAL '8 hours', 'YYYY-MM') AS month,
           1 AS docked, 0 AS landed, 0 AS funds_hi, 0 AS funds_lo, 0 AS ben_hi, 0 AS ben_lo
    FROM projects
    UNION ALL
    SELECT county_code, province_code, assistance_type, (status IN ('landed', 'completed')), to_char(landing_confirmed_at + INTERVAL '8 hours', 'YYYY-MM'), 0, 1, 0, 0, 0, 0
    FROM projects WHERE landing_confirmed_at IS NOT NULL
    UNION ALL
    SELECT p.county_code, p.province_code, p.assistance_type, (status IN ('landed', 'completed')), to_char(u.update_date, 'YYYY-MM'), 0, 0,
           u.funds_delta_fen / 1000000000, u.funds_delta_fen % 1000000000,
           u.beneficiaries_delta / 1000000000, u.beneficiaries_delta % 1000000000
    FROM project_updates u JOIN projects p ON p.id = u.project_id
) facts
GROUP BY county_code, province_code, assistance_type, published, month;
