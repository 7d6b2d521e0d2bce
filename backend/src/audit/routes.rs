use actix_web::web;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AuditRow;
use crate::auth::Caller;
use crate::db::schema::audit_events;
use crate::domain::Role;
use crate::error::{ApiResult, ListErrors, Problem};
use crate::http::{self, Page};
use crate::state::AppState;

#[derive(Serialize, Deserialize, ToSchema)]
pub struct AuditEvent {
    pub id: String,
    pub at: DateTime<Utc>,
    /// User or API token id; null for system events.
    pub actor_id: Option<String>,
    /// Username, `token:<name>` or `system:<what>`.
    pub actor_label: String,
    /// e.g. `user.create`, `county.update`.
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
}

impl From<AuditRow> for AuditEvent {
    fn from(r: AuditRow) -> Self {
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        Self {
            id: r.id,
            at: r.at.and_utc(),
            actor_id: r.actor_id,
            actor_label: r.actor_label,
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            before: parse(r.before_json),
            after: parse(r.after_json),
            request_id: r.request_id,
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub action: Option<String>,
    /// Actor id.
    pub actor: Option<String>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Browse the audit log, newest first
#[utoipa::path(
    get, path = "/api/v1/audit-events", tag = "audit", operation_id = "listAuditEvents",
    params(AuditQuery),
    responses(
        (status = 200, description = "A page of audit events, newest first", body = Page<AuditEvent>),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_audit_events(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<AuditQuery>,
) -> ApiResult<web::Json<Page<AuditEvent>>> {
    caller.require_role(&[Role::NationalAdmin])?;
    let limit = http::limit(query.limit)?;
    let before = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let rows: Vec<AuditRow> = state
        .db(move |conn| {
            let mut q = audit_events::table.select(AuditRow::as_select()).into_boxed();
            if let Some(v) = query.entity_type {
                q = q.filter(audit_events::entity_type.eq(v));
            }
            if let Some(v) = query.entity_id {
                q = q.filter(audit_events::entity_id.eq(v));
            }
            if let Some(v) = query.action {
                q = q.filter(audit_events::action.eq(v));
            }
            if let Some(v) = query.actor {
                q = q.filter(audit_events::actor_id.eq(v));
            }
            // Ids are UUIDv7: their order is the order events were written.
            if let Some(b) = before {
                q = q.filter(audit_events::id.lt(b));
            }
            Ok(q.order(audit_events::id.desc()).limit(limit + 1).load(conn)?)
        })
        .await?;
    let (rows, next_cursor) = http::page(rows, limit, |r| r.id.clone());
    Ok(web::Json(Page { items: rows.into_iter().map(AuditEvent::from).collect(), next_cursor, total: None }))
}
