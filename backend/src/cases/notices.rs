//! What a case asks of people, as notices (`notifications`): a submitted case waits for its
//! province's review; a returned one for its organization. Each is settled by the next move, as
//! is the sweep's reminder of the collection's deadline.

use super::model::CaseRow;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::domain::case::CaseStatus;
use crate::error::ApiResult;
use crate::notifications::{Notice, NotificationKind as Kind, To, notify, settle};

const ENTITY: &str = "case";

/// After a move to `row.status`.
pub fn moved(conn: &mut DbConn, caller: &Caller, row: &CaseRow) -> ApiResult<()> {
    settle(conn, &[Kind::CaseToReview, Kind::CaseReturned, Kind::DeadlineSoon], &row.id, None, caller.now)?;
    let (kind, to) = match row.status {
        CaseStatus::Submitted => (Kind::CaseToReview, To::ProvincialOfficers(&row.province_code)),
        CaseStatus::Returned => (Kind::CaseReturned, To::OrgMembers(&row.organization_id)),
        _ => return Ok(()),
    };
    notify(conn, caller, to, Notice::new(kind, ENTITY, &row.id, &row.title))?;
    Ok(())
}
