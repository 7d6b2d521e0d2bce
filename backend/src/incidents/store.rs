use std::collections::HashMap;

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text, Timestamp};

use super::model::{ActionRow, Incident, IncidentQuery, IncidentRow};
use crate::auth::Caller;
use crate::auth::scope::DataScope;
use crate::db::schema::{counties, incident_actions, incidents, organizations, projects};
use crate::db::sql::like_pattern;
use crate::db::{DbConn, MultiBackend};
use crate::domain::incident::IncidentStatus;
use crate::domain::{OrgStatus, Party, lifecycle};
use crate::error::{ApiError, ApiResult};
use crate::tr;

/// The history's entity name.
pub const ENTITY: &str = "incident";

pub fn etag(row: &IncidentRow) -> String {
    crate::http::etag(ENTITY, &row.id, row.version)
}

/// The caller's relations to an incident: the coordinators of its county (national admins, its
/// province's officers: `Coordinator`, who close), the county's officers (`County`, who handle
/// and resolve), and the members of the organization that reported it (`Organization`, who
/// correct their report while it is new).
pub fn parties(caller: &Caller, row: &IncidentRow) -> Vec<Party> {
    let mut p = vec![];
    if caller.coordinates_county(&row.county_code) {
        p.push(Party::Coordinator);
    }
    if caller.is_county(&row.county_code) {
        p.push(Party::County);
    }
    if row.reporter_organization_id.as_deref().is_some_and(|o| caller.is_member_of(o)) {
        p.push(Party::Organization);
    }
    p
}

/// Handling (the log, the moves) is for the county and its coordinators, while it is not closed.
pub fn may_act(caller: &Caller, row: &IncidentRow) -> bool {
    row.status != IncidentStatus::Closed && parties(caller, row).iter().any(|p| matches!(p, Party::Coordinator | Party::County))
}

/// What the report says is corrected by whoever handles it while it is open, and by the
/// reporting organization while it is new.
pub fn may_edit(caller: &Caller, row: &IncidentRow) -> bool {
    let parties = parties(caller, row);
    (row.status.is_open() && parties.iter().any(|p| matches!(p, Party::Coordinator | Party::County)))
        || (row.status == IncidentStatus::Reported && parties.contains(&Party::Organization))
}

type Condition<'a> = Box<dyn BoxableExpression<incidents::table, MultiBackend, SqlType = Bool> + 'a>;

/// Who reads which incidents: national admins all; a province its counties'; a county its own;
/// an organization's members the ones their organization reported. Incidents are never public.
fn visible_to<'a>(scope: &DataScope) -> Option<Condition<'a>> {
    Some(match scope {
        DataScope::All => return None,
        DataScope::Province(p) => Box::new(incidents::province_code.eq(p.clone())),
        DataScope::County(c) => Box::new(incidents::county_code.eq(c.clone())),
        DataScope::Organization(o) => Box::new(incidents::reporter_organization_id.eq(o.clone()).assume_not_null()),
        DataScope::Published => Box::new(sql::<Bool>("1 = 0")),
    })
}

pub fn visible_row(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<IncidentRow> {
    let mut q = incidents::table.filter(incidents::id.eq(id.to_owned())).into_boxed();
    if let Some(cond) = visible_to(&caller.data_scope()) {
        q = q.filter(cond);
    }
    q.select(IncidentRow::as_select()).first(conn).optional()?.ok_or(ApiError::NotFound)
}

pub fn filtered<'a>(caller: &Caller, query: &IncidentQuery) -> incidents::BoxedQuery<'a, MultiBackend> {
    let mut q = incidents::table.into_boxed();
    if let Some(cond) = visible_to(&caller.data_scope()) {
        q = q.filter(cond);
    }
    if let Some(v) = query.status {
        q = q.filter(incidents::status.eq(v));
    }
    match query.open {
        Some(true) => q = q.filter(incidents::status.eq_any(IncidentStatus::OPEN)),
        Some(false) => q = q.filter(incidents::status.ne_all(IncidentStatus::OPEN)),
        None => {}
    }
    if let Some(v) = query.severity {
        q = q.filter(incidents::severity.eq(v));
    }
    if let Some(v) = query.kind {
        q = q.filter(incidents::kind.eq(v));
    }
    if let Some(v) = &query.province {
        q = q.filter(incidents::province_code.eq(v.clone()));
    }
    if let Some(v) = &query.county {
        q = q.filter(incidents::county_code.eq(v.clone()));
    }
    if let Some(v) = &query.organization {
        q = q.filter(incidents::organization_id.eq(v.clone()));
    }
    if let Some(v) = &query.project {
        q = q.filter(incidents::project_id.eq(v.clone()));
    }
    if let Some(text) = query.q.as_deref().filter(|t| !t.trim().is_empty()) {
        q = q.filter(incidents::title.like(like_pattern(text)).escape('\\'));
    }
    q
}

pub fn cursor_key(row: &IncidentRow) -> String {
    format!("{}\u{1f}{}", row.updated_at.format("%Y-%m-%dT%H:%M:%S%.f"), row.id)
}

/// A page, most recently changed first, in keyset order.
pub fn page(conn: &mut DbConn, caller: &Caller, query: &IncidentQuery, after: Option<&str>, limit: i64) -> ApiResult<Vec<IncidentRow>> {
    let mut q = filtered(caller, query).select(IncidentRow::as_select());
    if let Some(after) = after {
        let (key, id) = after
            .split_once('\u{1f}')
            .ok_or_else(|| ApiError::field("cursor", tr!("不是本接口返回的游标", "not a cursor this API returned")))?;
        let at = crate::http::cursor_time(key)?;
        q = q.filter(
            sql::<Bool>("(incidents.updated_at, incidents.id) < (")
                .bind::<Timestamp, _>(at)
                .sql(", ")
                .bind::<Text, _>(id.to_owned())
                .sql(")"),
        );
    }
    Ok(q.order((incidents::updated_at.desc(), incidents::id.desc())).limit(limit + 1).load(conn)?)
}

/// Saves a changed row if it is still at `expected` (412 otherwise).
pub fn save(conn: &mut DbConn, row: &IncidentRow, expected: i64) -> ApiResult<()> {
    let n = diesel::update(incidents::table.find(&row.id).filter(incidents::version.eq(expected)))
        .set((
            incidents::title.eq(&row.title),
            incidents::kind.eq(row.kind),
            incidents::severity.eq(row.severity),
            incidents::occurred_at.eq(row.occurred_at),
            incidents::description.eq(&row.description),
            incidents::status.eq(row.status),
            incidents::resolved_at.eq(row.resolved_at),
            incidents::version.eq(row.version),
            incidents::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

pub fn actions(conn: &mut DbConn, incident_id: &str) -> ApiResult<Vec<ActionRow>> {
    Ok(incident_actions::table
        .filter(incident_actions::incident_id.eq(incident_id))
        .order((incident_actions::at.asc(), incident_actions::id.asc()))
        .select(ActionRow::as_select())
        .load(conn)?)
}

/// The API view of these incidents, with the names of what they are about; the history only for one.
pub fn to_dtos(conn: &mut DbConn, caller: &Caller, rows: &[IncidentRow], with_history: bool) -> ApiResult<Vec<Incident>> {
    let org_ids: Vec<&str> = rows.iter().map(|r| r.organization_id.as_str()).collect();
    let orgs: HashMap<String, (String, OrgStatus, String)> = organizations::table
        .filter(organizations::id.eq_any(&org_ids))
        .select((organizations::id, organizations::name, organizations::status, organizations::province_code))
        .load::<(String, String, OrgStatus, String)>(conn)?
        .into_iter()
        .map(|(id, name, status, province)| (id, (name, status, province)))
        .collect();
    let county_codes: Vec<&str> = rows.iter().map(|r| r.county_code.as_str()).collect();
    let county_names: HashMap<String, String> = counties::table
        .filter(counties::code.eq_any(&county_codes))
        .select((counties::code, counties::name))
        .load(conn)?
        .into_iter()
        .collect();
    let project_ids: Vec<&str> = rows.iter().filter_map(|r| r.project_id.as_deref()).collect();
    let project_titles: HashMap<String, String> = projects::table
        .filter(projects::id.eq_any(&project_ids))
        .select((projects::id, projects::title))
        .load(conn)?
        .into_iter()
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut histories = if with_history { crate::history::of(conn, ENTITY, &ids)? } else { HashMap::new() };
    Ok(rows
        .iter()
        .map(|r| {
            let (organization_name, organization_status, org_province) =
                orgs.get(&r.organization_id).cloned().unwrap_or((String::new(), OrgStatus::Active, String::new()));
            let acting = may_act(caller, r);
            Incident {
                id: r.id.clone(),
                title: r.title.clone(),
                kind: r.kind,
                severity: r.severity,
                status: r.status,
                organization_id: r.organization_id.clone(),
                organization_name,
                organization_status,
                project_id: r.project_id.clone(),
                project_title: r.project_id.as_ref().and_then(|p| project_titles.get(p).cloned()),
                pairing_id: r.pairing_id.clone(),
                county_code: r.county_code.clone(),
                county_name: county_names.get(&r.county_code).cloned().unwrap_or_default(),
                province_code: r.province_code.clone(),
                occurred_at: r.occurred_at.and_utc(),
                description: r.description.clone(),
                reported_by: r.reported_by.clone(),
                resolved_at: r.resolved_at.map(|t| t.and_utc()),
                allowed_transitions: lifecycle::allowed_for(r.status, &parties(caller, r)),
                may_act: acting,
                may_suspend: acting && organization_status == OrgStatus::Active && caller.administers_org(&org_province),
                history: histories.remove(&r.id).unwrap_or_default(),
                version: r.version,
                created_at: r.created_at.and_utc(),
                updated_at: r.updated_at.and_utc(),
            }
        })
        .collect())
}

pub fn one(conn: &mut DbConn, caller: &Caller, row: &IncidentRow) -> ApiResult<Incident> {
    to_dtos(conn, caller, std::slice::from_ref(row), true)?.pop().ok_or(ApiError::NotFound)
}
