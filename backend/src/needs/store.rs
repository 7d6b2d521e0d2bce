use diesel::prelude::*;

use super::model::{Need, NeedQuery, NeedRow};
use crate::auth::Caller;
use crate::db::schema::{counties, needs};
use crate::db::sql::like_pattern;
use crate::db::{DbConn, MultiBackend};
use crate::domain::{NeedStatus, Role};
use crate::error::{ApiError, ApiResult};

/// Coordinators see the needs of their area and a county its own; everyone else (organizations
/// looking for work, evaluators, viewers) sees the open and matched ones.
pub fn visible(caller: &Caller, row: &NeedRow) -> bool {
    caller.coordinates_county(&row.county_code)
        || caller.is_county(&row.county_code)
        || (!matches!(caller.role, Role::ProvincialOfficer | Role::CountyOfficer) && row.status() != NeedStatus::Closed)
}

/// May the caller raise and manage needs of this county?
pub fn manages(caller: &Caller, county: &str) -> bool {
    caller.coordinates_county(county) || caller.is_county(county)
}

fn scoped<'a>(caller: &Caller, q: needs::BoxedQuery<'a, MultiBackend>) -> needs::BoxedQuery<'a, MultiBackend> {
    let public = vec![NeedStatus::Open.as_str(), NeedStatus::Matched.as_str()];
    match caller.role {
        Role::NationalAdmin => q,
        Role::ProvincialOfficer => {
            let prefix = format!("{}%", caller.province_code.as_deref().unwrap_or("--").get(..2).unwrap_or("--"));
            q.filter(needs::county_code.like(prefix))
        }
        Role::CountyOfficer => q.filter(needs::county_code.eq(caller.county_code.clone().unwrap_or_default())),
        Role::OrgMember | Role::Evaluator | Role::Viewer => q.filter(needs::status.eq_any(public)),
    }
}

fn filtered<'a>(caller: &Caller, query: &NeedQuery) -> needs::BoxedQuery<'a, MultiBackend> {
    let mut q = scoped(caller, needs::table.into_boxed());
    if let Some(c) = &query.county {
        q = q.filter(needs::county_code.eq(c.clone()));
    }
    if let Some(p) = &query.province {
        q = q.filter(needs::county_code.like(format!("{}%", p.get(..2).unwrap_or(p))));
    }
    if let Some(t) = query.assistance_type {
        q = q.filter(needs::assistance_type.eq(t.as_str()));
    }
    if let Some(s) = query.status {
        q = q.filter(needs::status.eq(s));
    }
    if let Some(p) = query.priority {
        q = q.filter(needs::priority.eq(p.as_str()));
    }
    if let Some(text) = query.q.as_deref().filter(|t| !t.trim().is_empty()) {
        q = q.filter(needs::title.like(like_pattern(text)).escape('\\'));
    }
    q
}

pub fn list(
    conn: &mut DbConn,
    caller: &Caller,
    query: &NeedQuery,
    before: Option<&str>,
    limit: i64,
) -> ApiResult<(Vec<NeedRow>, Option<i64>)> {
    let mut q = filtered(caller, query).select(NeedRow::as_select());
    if let Some(b) = before {
        q = q.filter(needs::id.lt(b.to_owned()));
    }
    let rows = q.order(needs::id.desc()).limit(limit + 1).load(conn)?;
    let total = if query.count == Some(true) { Some(filtered(caller, query).count().get_result(conn)?) } else { None };
    Ok((rows, total))
}

pub fn load_visible(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<NeedRow> {
    let row: Option<NeedRow> = needs::table.find(id).select(NeedRow::as_select()).first(conn).optional()?;
    row.filter(|r| visible(caller, r)).ok_or(ApiError::NotFound)
}

pub fn to_dtos(conn: &mut DbConn, rows: &[NeedRow]) -> ApiResult<Vec<Need>> {
    let codes: Vec<&str> = rows.iter().map(|r| r.county_code.as_str()).collect();
    let names: std::collections::HashMap<String, String> = counties::table
        .filter(counties::code.eq_any(&codes))
        .select((counties::code, counties::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows.iter().map(|r| Need::from_row(r, names.get(&r.county_code).cloned().unwrap_or_default())).collect())
}

pub fn update(conn: &mut DbConn, row: &NeedRow, expected_version: i64) -> ApiResult<()> {
    let n = diesel::update(needs::table.find(&row.id).filter(needs::version.eq(expected_version)))
        .set((
            needs::assistance_type.eq(&row.assistance_type),
            needs::title.eq(&row.title),
            needs::description.eq(&row.description),
            needs::budget_estimate_fen.eq(row.budget_estimate_fen),
            needs::beneficiaries.eq(row.beneficiaries),
            needs::priority.eq(&row.priority),
            needs::status.eq(&row.status),
            needs::version.eq(row.version),
            needs::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}
