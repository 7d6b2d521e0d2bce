//! Making a pairing: the one path for an organization's application, a coordinator's
//! proposal and a county's invitation from a need's matches, so every way in checks the same
//! rules.

use super::model::{CreatePairing, MemberRow, PairingRow};
use super::store;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::counties;
use crate::domain::pairing::{ConsentStep, PairingStatus};
use crate::domain::text_enum::list_to_json;
use crate::domain::{Channel, Consent, CountyCode, OrgStatus};
use crate::error::{ApiError, ApiResult, Invalid};
use crate::organizations::store as orgs;
use crate::tr;
use diesel::prelude::*;

/// Apply for, recommend or invite a pairing. The caller's own organization accepts by applying;
/// every other organization named is only invited and answers for itself. The pairing starts
/// `accepted` when no answer is missing, else `proposed`. Shared by the pairings endpoint and a
/// county's invitation from a need's matches.
pub fn apply(
    conn: &mut DbConn,
    caller: &Caller,
    body: &CreatePairing,
    need_id: Option<String>,
) -> ApiResult<PairingRow> {
    let mut errors = vec![];
    let county = CountyCode::parse(&body.county_code).map_err(|m| ApiError::field("county_code", m))?;
    let county_province: Option<String> =
        counties::table.find(county.as_str()).select(counties::province_code).first(conn).optional()?;
    let Some(county_province) = county_province else {
        return Err(ApiError::field("county_code", tr!("没有这个县", "no such county")));
    };
    if body.assistance_types.is_empty() {
        errors
            .push(Invalid::new("assistance_types", tr!("至少选择一种帮扶类型", "choose at least one assistance type")));
    }
    if body.planned_projects < 0 {
        errors.push(Invalid::new("planned_projects", tr!("不能为负数", "must not be negative")));
    }
    if let (Some(s), Some(e)) = (body.start_date, body.end_date)
        && e < s
    {
        errors.push(Invalid::new("end_date", tr!("结束日期早于开始日期", "ends before it starts")));
    }
    let mut org_ids = vec![body.lead_organization_id.clone()];
    for o in &body.organization_ids {
        if !org_ids.contains(o) {
            org_ids.push(o.clone());
        }
    }
    let mut lead_province = String::new();
    for (i, id) in org_ids.iter().enumerate() {
        let field = if i == 0 { "lead_organization_id".to_owned() } else { format!("organization_ids[{}]", i - 1) };
        match orgs::get(conn, id)? {
            None => errors.push(Invalid::new(field, tr!("没有这个社会组织", "no such organization"))),
            Some(o) => {
                if o.status() != OrgStatus::Active {
                    let (name, status) = (o.name.clone(), o.status);
                    return Err(ApiError::Conflict(tr!(
                        "{name} 处于 {status} 状态，不能开展新的结对。",
                        "{name} is {status} and cannot start new pairings."
                    )));
                }
                if i == 0 {
                    lead_province = o.province_code.clone();
                }
            }
        }
    }
    if body.channel == Channel::EastWestCooperation
        && !lead_province.is_empty()
        && !crate::geo::store::assists(conn, &lead_province, &county_province)?
    {
        errors.push(Invalid::new(
                "channel",
                tr!(
                    "东西部协作渠道要求牵头组织所在省（{lead_province}）与该县所在省（{county_province}）是东西部协作结对省份",
                    "east_west_cooperation needs the lead organization's province ({lead_province}) to assist the county's province ({county_province}) under east–west cooperation"
                ),
            ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let applicant = caller.coordinates_county(county.as_str())
        || caller.is_county(county.as_str())
        || org_ids.iter().any(|o| caller.is_member_of(o));
    if !applicant {
        return Err(ApiError::Forbidden(tr!(
            "只有参与的社会组织、该县或其主管部门可以发起结对。",
            "Only the organizations involved, the county or its coordinators may propose this pairing."
        )));
    }
    // The applicant's own organization accepts now; it alone can be blocked by its own live
    // pairing with the county. The others are checked when they accept.
    let own: Vec<String> = org_ids.iter().filter(|o| caller.is_member_of(o)).cloned().collect();
    for o in &own {
        store::lock_organization(conn, o)?;
    }
    if let Some(org) = store::live_conflict(conn, county.as_str(), &own, None)? {
        return Err(live_conflict(&org));
    }
    let id = uuid::Uuid::now_v7().to_string();
    let members: Vec<MemberRow> = org_ids
        .iter()
        .map(|o| {
            let accepted = own.contains(o);
            MemberRow {
                pairing_id: id.clone(),
                organization_id: o.clone(),
                consent: if accepted { Consent::Accepted } else { Consent::Invited },
                consent_at: accepted.then_some(caller.now),
                consent_by: accepted.then(|| caller.name.clone()),
            }
        })
        .collect();
    let invited = members.iter().filter(|m| m.consent() == Consent::Invited).count();
    let status = PairingStatus::initial(invited);
    let row = PairingRow {
        id,
        county_code: county.to_string(),
        lead_organization_id: body.lead_organization_id.clone(),
        assistance_types: list_to_json(&body.assistance_types),
        channel: body.channel,
        status,
        planned_funds_fen: body.planned_funds.fen(),
        planned_projects: body.planned_projects,
        commitment: body.commitment.trim().to_owned(),
        start_date: body.start_date,
        end_date: body.end_date,
        review_flag: false,
        review_reason: None,
        need_id,
        version: 1,
        created_at: caller.now,
        updated_at: caller.now,
        confirmed_at: None,
        confirmed_by: None,
    };
    store::insert(conn, &row, &members)?;
    let consent = own.first().map(|o| (ConsentStep::OrganizationAccepted, Some(o.as_str())));
    store::record_event(conn, &row.id, caller, (None, status), "", consent)?;
    super::notices::created(conn, caller, &row, &members)?;
    Ok(row)
}

/// The conflict of an organization that already has a live pairing with the county.
pub fn live_conflict(org: &str) -> ApiError {
    ApiError::Conflict(tr!("{org} 已与该县存在进行中的结对。", "{org} already has a live pairing with this county."))
}
