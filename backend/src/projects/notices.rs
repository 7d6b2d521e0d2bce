//! What a project asks of people, as notices (`notifications`): a declared landing waits for the
//! county's confirmation, settled when the project moves on. Stale projects are told by the
//! daily sweep (`notifications::sweep`).

use super::model::ProjectRow;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::domain::project::ProjectStatus;
use crate::error::ApiResult;
use crate::notifications::{Notice, NotificationKind as Kind, To, notify, settle};

/// After a move: a project signed, declared landed and not confirmed waits for the county's
/// officers (declared now, or resumed from suspension); any other state settles that.
pub fn moved(conn: &mut DbConn, caller: &Caller, row: &ProjectRow) -> ApiResult<()> {
    let waits =
        row.status() == ProjectStatus::Signed && row.landing_declared_at.is_some() && row.landing_confirmed_at.is_none();
    if waits {
        let notice = Notice::new(Kind::LandingToConfirm, "project", &row.id, &row.title);
        notify(conn, caller, To::CountyOfficers(&row.county_code), notice)?;
    } else {
        settle(conn, &[Kind::LandingToConfirm], &row.id, None, caller.now)?;
    }
    Ok(())
}
