use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl;
use diesel::prelude::*;

use super::model::{EventRow, MemberRow, Pairing, PairingEvent, PairingOrganization, PairingQuery, PairingRow};
use crate::auth::Caller;
use crate::db::schema::{counties, organizations, pairing_events, pairing_members, pairings};
use crate::db::{DbConn, MultiBackend};
use crate::domain::Party;
use crate::domain::lifecycle;
use crate::domain::pairing::{ConsentStep, PairingStatus};
use crate::domain::{Consent, Role};
use crate::error::ApiResult;

pub fn load(conn: &mut DbConn, id: &str) -> ApiResult<Option<PairingRow>> {
    Ok(pairings::table.find(id).select(PairingRow::as_select()).first(conn).optional()?)
}

/// The organizations named in each pairing with their answers, the lead first.
pub fn members(conn: &mut DbConn, rows: &[PairingRow]) -> ApiResult<HashMap<String, Vec<MemberRow>>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let found: Vec<MemberRow> = pairing_members::table
        .filter(pairing_members::pairing_id.eq_any(&ids))
        .select(MemberRow::as_select())
        .order((pairing_members::pairing_id, pairing_members::organization_id))
        .load(conn)?;
    let lead: HashMap<&str, &str> = rows.iter().map(|r| (r.id.as_str(), r.lead_organization_id.as_str())).collect();
    let mut map: HashMap<String, Vec<MemberRow>> = rows.iter().map(|r| (r.id.clone(), vec![])).collect();
    for m in found {
        let is_lead = lead.get(m.pairing_id.as_str()) == Some(&m.organization_id.as_str());
        let list = map.entry(m.pairing_id.clone()).or_default();
        if is_lead { list.insert(0, m) } else { list.push(m) }
    }
    Ok(map)
}

/// The caller's relations to a pairing, for the transition table. A member of an organization
/// named in it takes part only once the organization has accepted; before that it may answer,
/// and after declining it has nothing more to do with the pairing.
pub fn parties(caller: &Caller, row: &PairingRow, members: &[MemberRow]) -> Vec<Party> {
    let mut p = vec![];
    if caller.coordinates_county(&row.county_code) {
        p.push(Party::Coordinator);
    }
    if caller.is_county(&row.county_code) {
        p.push(Party::County);
    }
    match members.iter().find(|m| caller.is_member_of(&m.organization_id)).map(MemberRow::consent) {
        Some(Consent::Accepted) => p.push(Party::Organization),
        Some(Consent::Invited) => p.push(Party::Invitee),
        Some(Consent::Declined) | None => {}
    }
    p
}

/// Published pairings (active or concluded) are visible to every role; the others to the
/// parties (an invited organization included, to answer) and the coordinators of the county.
pub fn visible(caller: &Caller, row: &PairingRow, members: &[MemberRow]) -> bool {
    !parties(caller, row, members).is_empty()
        || matches!(row.status(), PairingStatus::Active | PairingStatus::Concluded)
}

type Naming = dsl::Select<
    dsl::Filter<
        dsl::Filter<pairing_members::table, dsl::Eq<pairing_members::organization_id, String>>,
        dsl::EqAny<pairing_members::consent, Vec<&'static str>>,
    >,
    pairing_members::pairing_id,
>;

/// Pairing ids naming this organization with one of these answers (a subquery).
fn naming(organization_id: String, consents: &[Consent]) -> Naming {
    let consents: Vec<&'static str> = consents.iter().map(|c| c.as_str()).collect();
    pairing_members::table
        .filter(pairing_members::organization_id.eq(organization_id))
        .filter(pairing_members::consent.eq_any(consents))
        .select(pairing_members::pairing_id)
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
            let mine = naming(own, &[Consent::Invited, Consent::Accepted]);
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
        q = q.filter(pairings::id.eq_any(naming(o.clone(), &[Consent::Accepted])));
    }
    if let Some(o) = &query.awaiting_organization {
        let waiting: Vec<&str> = PairingStatus::WAITING.iter().map(|s| s.as_str()).collect();
        q = q
            .filter(pairings::id.eq_any(naming(o.clone(), &[Consent::Invited])))
            .filter(pairings::status.eq_any(waiting));
    }
    if let Some(n) = &query.need {
        q = q.filter(pairings::need_id.eq(n.clone()));
    }
    if let Some(s) = query.status {
        q = q.filter(pairings::status.eq(s));
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

/// The name of an organization of `orgs` that has accepted a live pairing with the county, if
/// any. Only acceptances count: naming an organization never blocks it.
pub fn live_conflict(
    conn: &mut DbConn,
    county: &str,
    orgs: &[String],
    except: Option<&str>,
) -> ApiResult<Option<String>> {
    let live: Vec<&str> = PairingStatus::LIVE.iter().map(|s| s.as_str()).collect();
    let mut q = pairing_members::table
        .inner_join(pairings::table)
        .inner_join(organizations::table)
        .filter(pairings::county_code.eq(county))
        .filter(pairings::status.eq_any(live))
        .filter(pairing_members::organization_id.eq_any(orgs))
        .filter(pairing_members::consent.eq(Consent::Accepted))
        .select(organizations::name)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(pairings::id.ne(id.to_owned()));
    }
    Ok(q.first(conn).optional()?)
}

/// Serializes the writes that decide whether an organization takes part in a pairing (its
/// acceptances, its applications, invitations of it), so that two of them cannot both pass
/// the live-pairing check. On PostgreSQL the organization's row lock is held until the
/// transaction ends, and the check that follows sees what the other committed; SQLite has one
/// writer at a time anyway.
pub fn lock_organization(conn: &mut DbConn, organization_id: &str) -> ApiResult<()> {
    if let DbConn::Postgres(c) = conn {
        organizations::table.find(organization_id).select(organizations::id).for_no_key_update().load::<String>(c)?;
    }
    Ok(())
}

pub fn insert(conn: &mut DbConn, row: &PairingRow, members: &[MemberRow]) -> ApiResult<()> {
    diesel::insert_into(pairings::table).values(row).execute(conn)?;
    for m in members {
        diesel::insert_into(pairing_members::table).values(m).execute(conn)?;
    }
    Ok(())
}

/// Records an organization's answer.
pub fn set_consent(
    conn: &mut DbConn,
    pairing_id: &str,
    organization_id: &str,
    consent: Consent,
    caller: &Caller,
) -> ApiResult<()> {
    diesel::update(pairing_members::table.find((pairing_id, organization_id)))
        .set((
            pairing_members::consent.eq(consent),
            pairing_members::consent_at.eq(caller.now),
            pairing_members::consent_by.eq(&caller.name),
        ))
        .execute(conn)?;
    Ok(())
}

/// One step of the history: `consent` names the consent it records and, for an organization's,
/// the organization.
pub fn record_event(
    conn: &mut DbConn,
    pairing_id: &str,
    caller: &Caller,
    (from, to): (Option<PairingStatus>, PairingStatus),
    reason: &str,
    consent: Option<(ConsentStep, Option<&str>)>,
) -> ApiResult<()> {
    let row = EventRow {
        id: uuid::Uuid::now_v7().to_string(),
        pairing_id: pairing_id.into(),
        at: caller.now,
        actor_label: caller.name.clone(),
        from_status: from,
        to_status: to,
        reason: reason.trim().into(),
        consent: consent.map(|(c, _)| c),
        organization_id: consent.and_then(|(_, o)| o.map(str::to_owned)),
    };
    diesel::insert_into(pairing_events::table).values(&row).execute(conn)?;
    Ok(())
}

/// The first invitation of this organization for this need that still stands (waiting, active
/// or declined), with its time.
pub fn first_invitation(
    conn: &mut DbConn,
    need_id: &str,
    organization_id: &str,
) -> ApiResult<Option<(NaiveDateTime, PairingStatus)>> {
    let ended = [PairingStatus::Terminated.as_str(), PairingStatus::Concluded.as_str()];
    let found: Option<(NaiveDateTime, PairingStatus)> = pairing_members::table
        .inner_join(pairings::table)
        .filter(pairings::need_id.eq(need_id))
        .filter(pairing_members::organization_id.eq(organization_id))
        .filter(pairings::status.ne_all(ended))
        .select((pairings::created_at, pairings::status))
        .order(pairings::created_at.asc())
        .first(conn)
        .optional()?;
    Ok(found)
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
    let org_ids: Vec<&str> = members.values().flatten().map(|m| m.organization_id.as_str()).collect();
    let org_names: HashMap<String, String> = organizations::table
        .filter(organizations::id.eq_any(&org_ids))
        .select((organizations::id, organizations::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .iter()
        .map(|r| {
            let named = members.get(&r.id).map(Vec::as_slice).unwrap_or_default();
            let (county_name, province_code) = county_names.get(&r.county_code).cloned().unwrap_or_default();
            let parties = parties(caller, r, named);
            Pairing {
                id: r.id.clone(),
                county_code: r.county_code.clone(),
                county_name,
                province_code,
                lead_organization_id: r.lead_organization_id.clone(),
                organizations: named
                    .iter()
                    .map(|m| PairingOrganization {
                        id: m.organization_id.clone(),
                        name: org_names.get(&m.organization_id).cloned().unwrap_or_default(),
                        consent: m.consent(),
                        consent_by: m.consent_by.clone(),
                        consent_at: m.consent_at.map(|t| t.and_utc()),
                    })
                    .collect(),
                organization_ids: named.iter().map(|m| m.organization_id.clone()).collect(),
                confirmed_by: r.confirmed_by.clone(),
                confirmed_at: r.confirmed_at.map(|t| t.and_utc()),
                assistance_types: Pairing::assistance_types_of(r),
                channel: r.channel,
                status: r.status(),
                planned_funds: crate::domain::Money::from_fen(r.planned_funds_fen),
                planned_projects: r.planned_projects,
                commitment: r.commitment.clone(),
                start_date: r.start_date,
                end_date: r.end_date,
                review_flag: r.review_flag,
                review_reason: r.review_reason.clone(),
                need_id: r.need_id.clone(),
                allowed_transitions: lifecycle::allowed_for(r.status(), &parties),
                history: history.remove(r.id.as_str()).unwrap_or_default(),
                created_at: r.created_at.and_utc(),
                updated_at: r.updated_at.and_utc(),
            }
        })
        .collect())
}
