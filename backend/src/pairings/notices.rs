//! What a pairing asks of people, as notices (`notifications`): the invited organizations
//! answer, the county confirms. Each notice is settled when its answer is given, and all of
//! them when the pairing is active or ended.

use diesel::prelude::*;

use super::model::{MemberRow, PairingRow};
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{counties, organizations};
use crate::domain::Consent;
use crate::domain::pairing::PairingStatus;
use crate::error::ApiResult;
use crate::notifications::{Notice, NotificationKind as Kind, To, notify, settle};

const ENTITY: &str = "pairing";

/// A new pairing: each invited organization's members are asked to answer, the county's
/// officers to confirm.
pub fn created(conn: &mut DbConn, caller: &Caller, row: &PairingRow, members: &[MemberRow]) -> ApiResult<()> {
    let county: String = counties::table.find(&row.county_code).select(counties::name).first(conn)?;
    for m in members.iter().filter(|m| m.consent() == Consent::Invited) {
        notify(conn, caller, To::OrgMembers(&m.organization_id), Notice::new(Kind::PairingToAnswer, ENTITY, &row.id, &county))?;
    }
    let lead: String =
        organizations::table.find(&row.lead_organization_id).select(organizations::name).first(conn)?;
    notify(conn, caller, To::CountyOfficers(&row.county_code), Notice::new(Kind::PairingToConfirm, ENTITY, &row.id, &lead))?;
    Ok(())
}

/// A move: an organization's answer settles its members' notice, the county's confirmation the
/// officers'; once the pairing is active or over, nothing about it waits.
pub fn moved(conn: &mut DbConn, caller: &Caller, row: &PairingRow, to: PairingStatus, answering: Option<&str>) -> ApiResult<()> {
    let now = caller.now;
    if let Some(org) = answering {
        settle(conn, &[Kind::PairingToAnswer], &row.id, Some(To::OrgMembers(org)), now)?;
    }
    if to == PairingStatus::Confirmed {
        settle(conn, &[Kind::PairingToConfirm], &row.id, None, now)?;
    }
    if !PairingStatus::WAITING.contains(&row.status()) {
        settle(conn, &[Kind::PairingToAnswer, Kind::PairingToConfirm], &row.id, None, now)?;
    }
    Ok(())
}
