//! Where the statistics read projects from, for a scope: the maintained rollups
//! (`projects::rollup`) narrowed to the caller's area, or — for an organization's members — the
//! projects it takes part in, shaped like those rows, so one query serves every scope. Shared by
//! the tables (`tables.rs`) and the projects series (`projects.rs`).

use crate::auth::scope::DataScope;
use crate::db::sql::{Bind, Dynamic, FUNDS_SPLIT};
use crate::domain::project::ProjectStatus;

/// The projects an organization takes part in (having accepted), as rows of `project_rollup`.
pub fn organization_projects(q: &mut Dynamic, organization: &str) {
    let year = if q.postgres() {
        "CAST(EXTRACT(YEAR FROM created_at + INTERVAL '8 hours') AS BIGINT)"
    } else {
        "CAST(strftime('%Y', created_at, '+8 hours') AS BIGINT)"
    };
    let split = |column: &str, name: &str| {
        format!("{column} / {FUNDS_SPLIT} AS {name}_hi, {column} % {FUNDS_SPLIT} AS {name}_lo")
    };
    q.push(&format!(
        "(SELECT county_code, province_code, assistance_type, status, {year} AS year, government_purchase, \
         1 AS projects, {}, {}, {}, {}, {} FROM projects WHERE id IN \
         (SELECT project_id FROM project_organizations WHERE consent = 'accepted' AND organization_id = ",
        split("planned_funds_fen", "planned"),
        split("funds_in_place_fen", "in_place"),
        split("COALESCE(contract_amount_fen, 0)", "contract"),
        split("beneficiaries_planned", "ben_planned"),
        split("beneficiaries_reached", "ben_reached"),
    ));
    q.bind(Bind::Text(organization.to_owned())).push("))");
}


/// The statuses viewers and the public may count.
pub fn published_statuses() -> String {
    ProjectStatus::PUBLISHED.iter().map(|s| format!("'{}'", s.as_str())).collect::<Vec<_>>().join(", ")
}

/// `WHERE …` of the area filters every fact shares, for a source aliased `r` joined to `c`.
pub fn area_filters(q: &mut Dynamic, province: &Option<String>, county: &Option<String>, key_county: Option<bool>) {
    if let Some(p) = province {
        q.push(" AND r.province_code = ").bind(Bind::Text(p.clone()));
    }
    if let Some(c) = county {
        q.push(" AND r.county_code = ").bind(Bind::Text(c.clone()));
    }
    if let Some(k) = key_county {
        q.push(" AND c.key_county = ").bind(Bind::Bool(k));
    }
}

/// The source of a scope: the maintained rows narrowed to it, or the organization's projects.
pub fn scoped_source(
    q: &mut Dynamic,
    scope: &DataScope,
    table: &str,
    published_column: &str,
    organization_source: fn(&mut Dynamic, &str),
) -> String {
    match scope {
        DataScope::Organization(o) => {
            organization_source(q, o);
            String::new()
        }
        DataScope::Published => {
            q.push(table);
            format!(" AND {published_column}")
        }
        DataScope::All | DataScope::Province(_) | DataScope::County(_) => {
            q.push(table);
            String::new()
        }
    }
}

pub fn scope_filters(q: &mut Dynamic, scope: &DataScope) {
    match scope {
        DataScope::Province(p) => {
            q.push(" AND r.province_code = ").bind(Bind::Text(p.clone()));
        }
        DataScope::County(c) => {
            q.push(" AND r.county_code = ").bind(Bind::Text(c.clone()));
        }
        _ => {}
    }
}

/// `project_rollup` (or the organization's projects shaped like it) for a scope; returns the
/// `AND …` that narrows it further, to append after the `WHERE`.
pub fn rollup_source(q: &mut Dynamic, scope: &DataScope) -> String {
    scoped_source(q, scope, "project_rollup", &format!("r.status IN ({})", published_statuses()), organization_projects)
}

/// The dated figures of an organization's projects, as rows of `project_month_rollup`.
pub fn organization_months(q: &mut Dynamic, organization: &str) {
    let (created, landed, updated) = if q.postgres() {
        (
            "to_char(created_at + INTERVAL '8 hours', 'YYYY-MM')",
            "to_char(landing_confirmed_at + INTERVAL '8 hours', 'YYYY-MM')",
            "to_char(u.update_date, 'YYYY-MM')",
        )
    } else {
        (
            "strftime('%Y-%m', created_at, '+8 hours')",
            "strftime('%Y-%m', landing_confirmed_at, '+8 hours')",
            "strftime('%Y-%m', u.update_date)",
        )
    };
    let mine = "(SELECT project_id FROM project_organizations WHERE consent = 'accepted' AND organization_id = ";
    q.push(&format!(
        "(SELECT county_code, province_code, assistance_type, {created} AS month, 1 AS docked, 0 AS landed, \
         0 AS funds_hi, 0 AS funds_lo, 0 AS ben_hi, 0 AS ben_lo FROM projects WHERE id IN {mine}"
    ));
    q.bind(Bind::Text(organization.to_owned()));
    q.push(&format!(
        ") UNION ALL SELECT county_code, province_code, assistance_type, {landed}, 0, 1, 0, 0, 0, 0 FROM projects \
         WHERE landing_confirmed_at IS NOT NULL AND id IN {mine}"
    ));
    q.bind(Bind::Text(organization.to_owned()));
    q.push(&format!(
        ") UNION ALL SELECT p.county_code, p.province_code, p.assistance_type, {updated}, 0, 0, \
         u.funds_delta_fen / {FUNDS_SPLIT}, u.funds_delta_fen % {FUNDS_SPLIT}, \
         u.beneficiaries_delta / {FUNDS_SPLIT}, u.beneficiaries_delta % {FUNDS_SPLIT} \
         FROM project_updates u JOIN projects p ON p.id = u.project_id WHERE p.id IN {mine}"
    ));
    q.bind(Bind::Text(organization.to_owned())).push("))");
}

