//! What an incident asks of people, as notices (`notifications`): a high or critical one is told
//! at once to the national admins and the officers of its province, and settled once resolved.

use super::model::IncidentRow;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::notifications::{Notice, NotificationKind as Kind, To, notify, settle};

/// Whether the incident asks the national admins and the province to look now.
fn pressing(row: &IncidentRow) -> bool {
    row.status.is_open() && row.severity.is_urgent()
}

/// After a report (`before` none) or a change: tells of it when it became pressing (reported
/// urgent, raised to high, reopened), once — an edit of a pressing one does not tell again;
/// settles when it is not pressing any more (lowered, resolved, closed).
pub fn changed(conn: &mut DbConn, caller: &Caller, before: Option<&IncidentRow>, row: &IncidentRow) -> ApiResult<()> {
    if !pressing(row) {
        settle(conn, &[Kind::IncidentUrgent], &row.id, None, caller.now)?;
    } else if !before.is_some_and(pressing) {
        let notice = Notice::new(Kind::IncidentUrgent, super::store::ENTITY, &row.id, &row.title);
        notify(conn, caller, To::NationalAdmins, notice)?;
        notify(conn, caller, To::ProvincialOfficers(&row.province_code), notice)?;
    }
    Ok(())
}
