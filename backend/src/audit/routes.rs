use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use super::AuditRow;
use super::vocabulary::{self, Term};
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{audit_events, organizations, users};
use crate::domain::Role;
use crate::error::{ApiError, ApiResult, Invalid, ListErrors, Problem};
use crate::http::{self, Page};
use crate::sheets::background::{self, ListExportParams, Listed, Queued};
use crate::sheets::export::{Export, Pages};
use crate::sheets::{Cell, ExportFormat};
use crate::state::AppState;
use crate::tr;

#[derive(Serialize, Deserialize, ToSchema)]
pub struct AuditEvent {
    pub id: String,
    pub at: DateTime<Utc>,
    /// User or API token id; null for system events.
    pub actor_id: Option<String>,
    /// Username, `token:<name>` or `system:<what>`.
    pub actor_label: String,
    /// The actor's display name now (with the organization for its members), or the label
    /// for tokens and the system.
    pub actor_name: String,
    /// The department the actor belonged to when acting (coordinators; null otherwise).
    pub actor_department: Option<crate::domain::Department>,
    /// e.g. `user.create`, `county.update`.
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
    /// The top-level fields the event changed (`changed_fields`); empty for a creation or a removal.
    pub changed_fields: Vec<String>,
}

impl AuditEvent {
    fn new(r: AuditRow, actor_name: String) -> Self {
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        let (before, after) = (parse(r.before_json), parse(r.after_json));
        Self {
            id: r.id,
            at: r.at.and_utc(),
            actor_id: r.actor_id,
            actor_label: r.actor_label,
            actor_name,
            actor_department: r.actor_department,
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            changed_fields: changed_fields(before.as_ref(), after.as_ref()),
            before,
            after,
            request_id: r.request_id,
        }
    }
}

/// The top-level fields whose value differs. A status move records its old status alone as
/// `before` (a string) and what it wrote as `after` (an object): then the fields it wrote are
/// compared with `{"status": old}`, so the move shows as changing `status` (and its reason),
/// never as changing nothing.
pub fn changed_fields(before: Option<&Value>, after: Option<&Value>) -> Vec<String> {
    let (Some(before), Some(Value::Object(after))) = (before, after) else { return vec![] };
    let mut fields: Vec<String> = match before {
        Value::Object(before) => before
            .keys()
            .chain(after.keys())
            .filter(|k| before.get(*k) != after.get(*k))
            .cloned()
            .collect(),
        Value::Null => return vec![],
        old => after.iter().filter(|(k, v)| !(k.as_str() == "status" && *v == old)).map(|(k, _)| k.clone()).collect(),
    };
    fields.sort();
    fields.dedup();
    fields
}

/// The actors' display names as people know them now, for a page of events.
fn actor_names(conn: &mut DbConn, rows: &[AuditRow]) -> ApiResult<HashMap<String, String>> {
    let ids: Vec<&str> = rows.iter().filter_map(|r| r.actor_id.as_deref()).collect();
    let found: Vec<(String, String, Option<String>)> = users::table
        .left_join(organizations::table.on(organizations::id.nullable().eq(users::organization_id)))
        .filter(users::id.eq_any(&ids))
        .select((users::id, users::display_name, organizations::name.nullable()))
        .load(conn)?;
    Ok(found
        .into_iter()
        .map(|(id, name, org)| (id, crate::auth::caller::person_name(&name, org.as_deref())))
        .collect())
}

fn to_events(conn: &mut DbConn, rows: Vec<AuditRow>) -> ApiResult<Vec<AuditEvent>> {
    let names = actor_names(conn, &rows)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let name = r.actor_id.as_ref().and_then(|id| names.get(id)).cloned().unwrap_or_else(|| r.actor_label.clone());
            AuditEvent::new(r, name)
        })
        .collect())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub action: Option<String>,
    /// Actor id.
    pub actor: Option<String>,
    /// From this day (China Standard Time), inclusive.
    pub from: Option<NaiveDate>,
    /// To this day (China Standard Time), inclusive.
    pub to: Option<NaiveDate>,
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
    query.check()?;
    let page = state
        .db(move |conn| {
            let rows = query.page(conn, before.as_deref(), limit)?;
            let (rows, next_cursor) = http::page_by_key(rows, limit, |r| r.id.clone());
            Ok(Page { items: to_events(conn, rows)?, next_cursor, total: None })
        })
        .await?;
    Ok(web::Json(page))
}

impl AuditQuery {
    /// A range that ends before it starts is a mistake to name, not an empty answer.
    fn check(&self) -> ApiResult<()> {
        match (self.from, self.to) {
            (Some(from), Some(to)) if to < from => Err(ApiError::Validation(vec![Invalid::new(
                "to",
                tr!("结束日期不能早于开始日期", "the end date is before the start date"),
            )])),
            _ => Ok(()),
        }
    }

    /// Up to `limit + 1` events older than `before`, newest first (ids are UUIDv7: their
    /// order is the order events were written).
    fn page(&self, conn: &mut DbConn, before: Option<&str>, limit: i64) -> ApiResult<Vec<AuditRow>> {
        let mut q = audit_events::table.select(AuditRow::as_select()).into_boxed();
        if let Some(v) = &self.entity_type {
            q = q.filter(audit_events::entity_type.eq(v));
        }
        if let Some(v) = &self.entity_id {
            q = q.filter(audit_events::entity_id.eq(v));
        }
        if let Some(v) = &self.action {
            q = q.filter(audit_events::action.eq(v));
        }
        if let Some(v) = &self.actor {
            q = q.filter(audit_events::actor_id.eq(v));
        }
        if let Some(day) = self.from {
            q = q.filter(audit_events::at.ge(crate::clock::china_day_start(day)));
        }
        if let Some(day) = self.to.and_then(|d| d.succ_opt()) {
            q = q.filter(audit_events::at.lt(crate::clock::china_day_start(day)));
        }
        if let Some(b) = before {
            q = q.filter(audit_events::id.lt(b.to_owned()));
        }
        Ok(q.order(audit_events::id.desc()).limit(limit + 1).load(conn)?)
    }
}

/// The audit log's vocabulary: every entity type and action, in Chinese and English.
#[derive(Serialize, ToSchema)]
pub struct AuditVocabulary {
    pub entity_types: Vec<Term>,
    pub actions: Vec<Term>,
}

/// The labels of the audit log's codes
#[utoipa::path(
    get, path = "/api/v1/audit-events/vocabulary", tag = "audit", operation_id = "getAuditVocabulary",
    responses(
        (status = 200, description = "Every entity type and action with its zh-CN and English labels", body = AuditVocabulary),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        crate::error::Unauthenticated,
    ),
    security(("bearer" = []))
)]
pub async fn get_audit_vocabulary(caller: Caller) -> ApiResult<web::Json<AuditVocabulary>> {
    caller.require_role(&[Role::NationalAdmin])?;
    Ok(web::Json(AuditVocabulary {
        entity_types: vocabulary::ENTITY_TYPES.to_vec(),
        actions: vocabulary::ACTIONS.to_vec(),
    }))
}

const PAGE: i64 = 500;
const HEADERS: [&str; 11] =
    ["时间", "操作人", "账号", "部门", "操作", "操作代码", "对象类型", "对象编号", "变更字段", "变更前", "变更后"];

fn row(e: &AuditEvent) -> Vec<Cell> {
    let json = |v: &Option<Value>| v.as_ref().map(Value::to_string).unwrap_or_default();
    vec![
        Cell::text(crate::clock::in_china(e.at.naive_utc()).format("%Y-%m-%d %H:%M:%S").to_string()),
        Cell::text(e.actor_name.clone()),
        Cell::text(e.actor_label.clone()),
        Cell::text(e.actor_department.map(|d| d.zh()).unwrap_or_default()),
        Cell::text(vocabulary::zh(vocabulary::ACTIONS, &e.action)),
        Cell::text(e.action.clone()),
        Cell::text(vocabulary::zh(vocabulary::ENTITY_TYPES, &e.entity_type)),
        Cell::text(e.entity_id.clone()),
        Cell::text(e.changed_fields.join(", ")),
        Cell::text(json(&e.before)),
        Cell::text(json(&e.after)),
    ]
}

/// Newest first, as the list.
fn pages(query: AuditQuery) -> Pages {
    Box::new(move |conn, before| {
        let rows = query.page(conn, before.as_deref(), PAGE)?;
        let (rows, next) = http::page_by_key(rows, PAGE, |r| r.id.clone());
        Ok((to_events(conn, rows)?.iter().map(row).collect(), next))
    })
}

/// The audit log's export, for the request and for a background job.
pub static LISTED: Listed = Listed { name: "audit-log", default_format: ExportFormat::Xlsx, build };

fn build(caller: Caller, query: &str) -> ApiResult<(Export, Pages)> {
    caller.require_role(&[Role::NationalAdmin])?;
    let query: AuditQuery = crate::extractors::parse_query(query)?;
    query.check()?;
    let what = Export { stem: "audit-log", sheet: "审计日志", headers: HEADERS.map(String::from).to_vec() };
    Ok((what, pages(query)))
}

/// Export the audit log with the list's filters
///
/// The events the list shows for the same filters, newest first, with Chinese headers and
/// labels; times in China Standard Time; the snapshots as JSON.
#[utoipa::path(
    get, path = "/api/v1/audit-events/export", tag = "audit", operation_id = "exportAuditEvents",
    params(ListExportParams, AuditQuery),
    responses(
        (status = 200, description = "The file, in the `format` asked for (xlsx by default, streamed)",
         content((crate::http::RawFile = "text/csv"), (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        Queued,
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_audit_events(state: web::Data<AppState>, caller: Caller, req: HttpRequest) -> ApiResult<HttpResponse> {
    background::respond(&state, &req, caller, &LISTED).await
}

#[cfg(test)]
mod tests {
    use super::changed_fields;
    use serde_json::json;

    #[test]
    fn a_status_move_changes_its_status_and_an_edit_its_edited_fields() {
        let moved = changed_fields(Some(&json!("signed")), Some(&json!({"status": "landed", "reason": "验收"})));
        assert_eq!(moved, ["reason", "status"]);
        let edited = changed_fields(Some(&json!({"a": 1, "b": 2})), Some(&json!({"a": 1, "b": 3, "c": 0})));
        assert_eq!(edited, ["b", "c"]);
        assert!(changed_fields(None, Some(&json!({"a": 1}))).is_empty());
        assert!(changed_fields(Some(&json!({"a": 1})), None).is_empty());
    }
}
