//! Docking a project: the checks across counties, organizations, pairings, needs and events,
//! and the rows a new project starts with. The handler only shapes the input and answers.

use diesel::prelude::*;

use super::model::{CreateProject, Project, ProjectOrganization, ProjectRow};
use super::store;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{counties, docking_events, needs, pairings, project_organizations};
use crate::domain::project::ProjectStatus;
use crate::domain::{Consent, CountyCode, OrgStatus};
use crate::error::{ApiError, ApiResult};
use crate::organizations::store as orgs;
use crate::tr;

/// Checks and writes a new project in `county` (its status `docking`, its first history entry,
/// its organizations — the creator's own accepted at once, the others invited). Returns the row
/// and the project as the API shows it, made from what this function read and wrote: reading it
/// back would cost three more statements on the platform's busiest write.
pub fn create(
    conn: &mut DbConn,
    caller: &Caller,
    county: &CountyCode,
    b: &CreateProject,
) -> ApiResult<(ProjectRow, Project)> {
    let county_name: String = counties::table
        .find(county.as_str())
        .select(counties::name)
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::field("county_code", tr!("没有这个县", "no such county")))?;
    let mut names = Vec::with_capacity(b.organizations.len());
    for (i, o) in b.organizations.iter().enumerate() {
        let org = orgs::get(conn, &o.organization_id)?.ok_or_else(|| {
            ApiError::field(
                &format!("organizations[{i}].organization_id"),
                tr!("没有这个社会组织", "no such organization"),
            )
        })?;
        if org.status() != OrgStatus::Active {
            let name = org.name;
            return Err(ApiError::Conflict(tr!(
                "{name} 已被暂停或撤销，不能开展新项目。",
                "{name} is suspended or revoked and cannot start projects."
            )));
        }
        names.push(org.name);
    }
    let allowed = caller.coordinates_county(county.as_str())
        || caller.is_county(county.as_str())
        || b.organizations.iter().any(|o| caller.is_member_of(&o.organization_id));
    if !allowed {
        return Err(ApiError::Forbidden(tr!(
            "只有参与的社会组织、该县或其主管部门可以登记项目。",
            "Only the organizations involved, the county or its coordinators may dock this project."
        )));
    }
    let same_county = |found: Option<String>, field: &str| -> ApiResult<()> {
        match found {
            Some(c) if c == county.as_str() => Ok(()),
            Some(_) => Err(ApiError::field(field, tr!("不属于该县", "belongs to another county"))),
            None => Err(ApiError::field(field, tr!("不存在", "does not exist"))),
        }
    };
    if let Some(p) = &b.pairing_id {
        let c: Option<String> = pairings::table.find(p).select(pairings::county_code).first(conn).optional()?;
        same_county(c, "pairing_id")?;
    }
    if let Some(n) = &b.need_id {
        let c: Option<String> = needs::table.find(n).select(needs::county_code).first(conn).optional()?;
        same_county(c, "need_id")?;
    }
    let campaign_id = match &b.event_id {
        Some(e) => Some(
            docking_events::table
                .find(e)
                .select(docking_events::campaign_id)
                .first::<String>(conn)
                .optional()?
                .ok_or_else(|| ApiError::field("event_id", tr!("没有这场对接活动", "no such docking event")))?,
        ),
        None => None,
    };
    if let Some(brand) = &b.brand_id {
        // The creator's own organization takes part at once (below); the others are invited.
        let named: Vec<(String, Consent)> = b
            .organizations
            .iter()
            .map(|o| {
                let own = caller.is_member_of(&o.organization_id);
                (o.organization_id.clone(), if own { Consent::Accepted } else { Consent::Invited })
            })
            .collect();
        crate::brands::store::check_for_project(conn, caller, brand, &named)?;
    }
    let row = ProjectRow {
        id: uuid::Uuid::now_v7().to_string(),
        title: b.title.trim().to_owned(),
        province_code: county.province().to_string(),
        county_code: county.to_string(),
        pairing_id: b.pairing_id.clone(),
        need_id: b.need_id.clone(),
        event_id: b.event_id.clone(),
        campaign_id,
        assistance_type: b.assistance_type,
        planned_funds_fen: b.planned_funds.fen(),
        funds_in_place_fen: 0,
        beneficiaries_planned: b.beneficiaries_planned,
        beneficiaries_reached: 0,
        government_purchase: b.government_purchase,
        contract_number: b.contract_number.clone().filter(|c| !c.trim().is_empty()),
        contract_amount_fen: b.contract_amount.map(|m| m.fen()),
        sustainability: b.sustainability.trim().to_owned(),
        status: ProjectStatus::Docking,
        stage: 0,
        suspended_from: None,
        signed_at: None,
        landing_declared_at: None,
        landing_declared_by: None,
        landing_confirmed_at: None,
        landing_confirmed_by: None,
        last_activity_at: caller.now,
        version: 1,
        created_at: caller.now,
        updated_at: caller.now,
        review_flag: false,
        review_reason: None,
        brand_id: b.brand_id.clone(),
    };
    diesel::insert_into(crate::db::schema::projects::table).values(&row).execute(conn)?;
    // The creator's own organization takes part at once; the others are invited.
    let mut organizations = Vec::with_capacity(b.organizations.len());
    for (o, name) in b.organizations.iter().zip(names) {
        let own = caller.is_member_of(&o.organization_id);
        let consent = if own { Consent::Accepted } else { Consent::Invited };
        let answered_by = own.then(|| caller.name.clone());
        diesel::insert_into(project_organizations::table)
            .values((
                project_organizations::project_id.eq(&row.id),
                project_organizations::organization_id.eq(&o.organization_id),
                project_organizations::role.eq(o.role),
                project_organizations::consent.eq(consent),
                project_organizations::consent_at.eq(own.then_some(caller.now)),
                project_organizations::consent_by.eq(&answered_by),
            ))
            .execute(conn)
            .map_err(|e| {
                if crate::db::is_unique_violation(&e) {
                    ApiError::field("organizations", tr!("同一组织重复列出", "an organization is listed twice"))
                } else {
                    e.into()
                }
            })?;
        organizations.push(ProjectOrganization {
            organization_id: o.organization_id.clone(),
            role: o.role,
            name,
            consent,
            consent_by: answered_by,
            consent_at: own.then(|| caller.now.and_utc()),
            allowed_transitions: vec![],
        });
    }
    store::refresh_parties(conn, &row.id)?;
    let docked = store::record_event(conn, &row.id, caller, None, ProjectStatus::Docking, "")?;
    super::rollup::created(conn, &row)?;
    if let Some(brand) = &row.brand_id {
        crate::brands::dossier::refresh(conn, brand, caller.now)?;
    }
    let project = store::assemble(caller, &row, county_name, organizations, vec![docked]);
    Ok((row, project))
}
