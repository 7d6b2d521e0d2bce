use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{EventRow, OrgRef, Pairing, PairingEvent, PairingQuery, PairingRow};
use crate::auth::Caller;
use crate::db::schema::{counties, organizations, pairing_events, pairing_members, pairings};
use crate::db::{DbConn, MultiBackend};
use crate::domain::Role;
use crate::domain::pairing::{self, PairingStatus, Party};
use crate::error::ApiResult;

pub fn load(conn: &mut DbConn, id: &str) -> ApiResult<Option<PairingRow>> {
    Ok(pairings::table.find(id).select(PairingRow::as_select()).first(conn).optional()?)
}

/// Organization ids per pairing, the lead first.
pub fn members(conn: &mut DbConn, rows: &[PairingRow]) -> ApiResult<HashMap<String, Vec<String>>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let pairs: Vec<(String, String)> = pairing_members::table
        .filter(pairing_members::pairing_id.eq_any(&ids))
        .select((pairing_members::pairing_id, pairing_members::organization_id))
        .load(conn)?;
    let mut map: HashMap<String, Vec<String>> =
        rows.iter().map(|r| (r.id.clone(), vec![r.lead_organization_id.clone()])).collect();
    for (p, o) in pairs {
        let list = map.entry(p).or_default();
        if !list.contains(&o) {
            list.push(o);
        }
    }
    Ok(map)
}

/// The caller's relations to a pairing, for the transition table.
pub fn parties(caller: &Caller, row: &PairingRow, orgs: &[String]) -> Vec<Party> {
    let mut p = vec![];
    if caller.coordinates_county(&row.county_code) {
        p.push(Party::Coordinator);
    }
    if caller.is_county(&row.county_code) {
        p.push(Party::County);
    }
    if orgs.iter().any(|o| caller.is_member_of(o)) {
        p.push(Party::Organization);
    }
    p
}

/// Published pairings (active or concluded) are visible to every role; the others to the
/// parties and the coordinators of the county only.
pub fn visible(caller: &Caller, row: &PairingRow, orgs: &[String]) -> bool {
    !parties(caller, row, orgs).is_empty() || matches!(row.status(), PairingStatus::Active | PairingStatus::Concluded)
}

/// The same rule as `visible`, as a filter on a listing.
fn scoped<'a>(
    caller: &Caller,
    mut q: pairings::BoxedQuery<'a, MultiBackend>,
) -> pairings::BoxedQuery<'a, MultiBackend> {
    let published = vec![PairingStatus::Active.as_str(), PairingStatus::Concluded.as_str()];
    match caller.role {
        Role::NationalAdmin => q,
        Role::ProvincialOfficer => {
            let prefix = format!("{}%", caller.province_code.as_deref().unwrap_or("--").get(..2).unwrap_or("--"));
            q.filter(pairings::county_code.like(prefix).or(pairings::status.eq_any(published)))
        }
        Role::CountyOfficer => {
            let own = caller.county_code.clone().unwrap_or_default();
            q.filter(pairings::county_code.eq(own).or(pairings::status.eq_any(published)))
        }
        Role::OrgMember => {
            let own = caller.organization_id.clone().unwrap_or_default();
            let mine = pairing_members::table
                .filter(pairing_members::organization_id.eq(own))
                .select(pairing_members::pairing_id);
            q = q.filter(pairings::id.eq_any(mine).or(pairings::status.eq_any(published)));
            q
        }
        Role::Evaluator | Role::Viewer => q.filter(pairings::status.eq_any(published)),
    }
}

fn filtered<'a>(caller: &Caller, query: &PairingQuery) -> pairings::BoxedQuery<'a, MultiBackend> {
    let mut q = scoped(caller, pairings::table.into_boxed());
    if let Some(c) = &query.county {
        q = q.filter(pairings::county_code.eq(c.clone()));
    }
    if let Some(p) = &query.province {
        q = q.filter(pairings::county_code.like(format!("{}%", p.get(..2).unwrap_or(p))));
    }
    if let Some(o) = &query.organization {
        let with = pairing_members::table
            .filter(pairing_members::organization_id.eq(o.clone()))
            .select(pairing_members::pairing_id);
        q = q.filter(pairings::id.eq_any(with));
    }
    if let Some(s) = query.status {
        q = q.filter(pairings::status.eq(s.as_str()));
    }
    if let Some(t) = query.assistance_type {
        q = q.filter(pairings::assistance_types.like(format!("%\"{}\"%", t.as_str())));
    }
    if let Some(c) = query.channel {
        q = q.filter(pairings::channel.eq(c.as_str()));
    }
    if let Some(f) = query.review_flag {
        q = q.filter(pairings::review_flag.eq(f));
    }
    q
}

/// Newest first (ids are UUIDv7).
pub fn list(
    conn: &mut DbConn,
    caller: &Caller,
    query: &PairingQuery,
    before: Option<&str>,
    limit: i64,
) -> ApiResult<(Vec<PairingRow>, Option<i64>)> {
    let mut q = filtered(caller, query).select(PairingRow::as_select());
    if let Some(b) = before {
        q = q.filter(pairings::id.lt(b.to_owned()));
    }
    let rows = q.order(pairings::id.desc()).limit(limit + 1).load(conn)?;
    let total = if query.count == Some(true) { Some(filtered(caller, query).count().get_result(conn)?) } else { None };
    Ok((rows, total))
}

/// An organization of `orgs` already in a live pairing with the county, if any.
pub fn live_conflict(
    conn: &mut DbConn,
    county: &str,
    orgs: &[String],
    except: Option<&str>,
) -> ApiResult<Option<String>> {
    let live: Vec<&str> = PairingStatus::LIVE.iter().map(|s| s.as_str()).collect();
    let mut q = pairing_members::table
        .inner_join(pairings::table)
        .filter(pairings::county_code.eq(county))
        .filter(pairings::status.eq_any(live))
        .filter(pairing_members::organization_id.eq_any(orgs))
        .select(pairing_members::organization_id)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(pairings::id.ne(id.to_owned()));
    }
    Ok(q.first(conn).optional()?)
}

pub fn insert(conn: &mut DbConn, row: &PairingRow, orgs: &[String]) -> ApiResult<()> {
    diesel::insert_into(pairings::table).values(row).execute(conn)?;
    for o in orgs {
        diesel::insert_into(pairing_members::table)
            .values((pairing_members::pairing_id.eq(&row.id), pairing_members::organization_id.eq(o)))
            .execute(conn)?;
    }
    Ok(())
}

pub fn record_event(
    conn: &mut DbConn,
    pairing_id: &str,
    caller: &Caller,
    from: Option<PairingStatus>,
    to: PairingStatus,
    reason: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    let row = EventRow {
        id: uuid::Uuid::now_v7().to_string(),
        pairing_id: pairing_id.into(),
        at,
        actor_label: caller.label.clone(),
        from_status: from.map(|s| s.as_str().to_owned()),
        to_status: to.as_str().into(),
        reason: reason.trim().into(),
    };
    diesel::insert_into(pairing_events::table).values(&row).execute(conn)?;
    Ok(())
}

/// The API view of pairings, with names, members and histories loaded in a few queries.
pub fn to_dtos(conn: &mut DbConn, caller: &Caller, rows: &[PairingRow]) -> ApiResult<Vec<Pairing>> {
    let members = members(conn, rows)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let events: Vec<EventRow> = pairing_events::table
        .filter(pairing_events::pairing_id.eq_any(&ids))
        .select(EventRow::as_select())
        .order((pairing_events::at.asc(), pairing_events::id.asc()))
        .load(conn)?;
    let mut history: HashMap<&str, Vec<PairingEvent>> = HashMap::new();
    for e in &events {
        history.entry(e.pairing_id.as_str()).or_default().push(PairingEvent::from(e));
    }
    let county_codes: Vec<&str> = rows.iter().map(|r| r.county_code.as_str()).collect();
    let county_names: HashMap<String, (String, String)> = counties::table
        .filter(counties::code.eq_any(&county_codes))
        .select((counties::code, counties::name, counties::province_code))
        .load::<(String, String, String)>(conn)?
        .into_iter()
        .map(|(c, n, p)| (c, (n, p)))
        .collect();
    let org_ids: Vec<String> = members.values().flatten().cloned().collect();
    let org_names: HashMap<String, String> = organizations::table
        .filter(organizations::id.eq_any(&org_ids))
        .select((organizations::id, organizations::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .iter()
        .map(|r| {
            let orgs = members.get(&r.id).cloned().unwrap_or_default();
            let (county_name, province_code) = county_names.get(&r.county_code).cloned().unwrap_or_default();
            let parties = parties(caller, r, &orgs);
            Pairing {
                id: r.id.clone(),
                county_code: r.county_code.clone(),
                county_name,
                province_code,
                lead_organization_id: r.lead_organization_id.clone(),
                organizations: orgs
                    .iter()
                    .map(|o| OrgRef { id: o.clone(), name: org_names.get(o).cloned().unwrap_or_default() })
                    .collect(),
                organization_ids: orgs,
                assistance_types: Pairing::assistance_types_of(r),
                channel: r.channel.parse().unwrap_or(crate::domain::Channel::NationalOrg),
                status: r.status(),
                planned_funds: crate::domain::Money::from_fen(r.planned_funds_fen),
                planned_projects: r.planned_projects,
                commitment: r.commitment.clone(),
                start_date: r.start_date,
                end_date: r.end_date,
                review_flag: r.review_flag,
                review_reason: r.review_reason.clone(),
                need_id: r.need_id.clone(),
                allowed_transitions: pairing::allowed_for(r.status(), &parties),
                history: history.remove(r.id.as_str()).unwrap_or_default(),
                created_at: r.created_at.and_utc(),
                updated_at: r.updated_at.and_utc(),
            }
        })
        .collect())
}
