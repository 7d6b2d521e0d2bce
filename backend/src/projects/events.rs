//! What integrators are told of projects, as webhook events (`webhooks::outbox`).

use super::model::ProjectRow;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::domain::WebhookEvent;
use crate::domain::project::ProjectStatus;
use crate::error::ApiResult;
use crate::webhooks::outbox::{self, Event};

/// Tells the webhooks that may see the project what happened to it (`project.landed` when it
/// reached landed from another status, `project.updated` for a progress update). After the row
/// is saved, so each subscription's view reads it as it now is.
pub fn announce(conn: &mut DbConn, caller: &Caller, row: &ProjectRow, from: ProjectStatus, updated: bool) -> ApiResult<()> {
    let landed = (row.status() == ProjectStatus::Landed && from != ProjectStatus::Landed).then_some(WebhookEvent::ProjectLanded);
    let update = updated.then_some(WebhookEvent::ProjectUpdated);
    for kind in [landed, update].into_iter().flatten() {
        let event = Event {
            kind,
            entity_type: "project",
            entity_id: &row.id,
            subject: &row.title,
            href: format!("/api/v1/projects/{}", row.id),
        };
        outbox::emit(conn, caller, event, |conn, to| outbox::found(super::store::visible_row(conn, to, &row.id)))?;
    }
    Ok(())
}
