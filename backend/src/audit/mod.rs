//! The append-only audit log: every write adds one row in the same transaction as the write.

pub mod routes;
pub mod vocabulary;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::audit_events;
use crate::domain::Department;
use crate::error::ApiResult;

#[derive(Insertable, Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = audit_events, treat_none_as_default_value = false)]
pub struct AuditRow {
    pub id: String,
    pub at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub actor_label: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub request_id: Option<String>,
    pub actor_department: Option<Department>,
}

/// Records `action` on an entity by `caller`, with the entity's state before and after.
pub fn record<B: Serialize, A: Serialize>(
    conn: &mut DbConn,
    caller: &Caller,
    action: &str,
    entity_type: &str,
    entity_id: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> ApiResult<()> {
    let to_json = |v: Value| serde_json::to_string(&v).ok();
    let row = AuditRow {
        id: uuid::Uuid::now_v7().to_string(),
        at: caller.now,
        actor_id: Some(caller.actor_id.clone()),
        actor_label: caller.label.clone(),
        action: action.into(),
        entity_type: entity_type.into(),
        entity_id: entity_id.into(),
        before_json: before.and_then(|b| serde_json::to_value(b).ok()).and_then(to_json),
        after_json: after.and_then(|a| serde_json::to_value(a).ok()).and_then(to_json),
        request_id: caller.request_id.clone(),
        actor_department: caller.department,
    };
    diesel::insert_into(audit_events::table).values(&row).execute(conn)?;
    Ok(())
}

/// For events with no authenticated actor yet (bootstrap, command line, failed logins).
pub fn record_system(
    conn: &mut DbConn,
    label: &str,
    action: &str,
    entity_type: &str,
    entity_id: &str,
    after: Option<Value>,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let row = AuditRow {
        id: uuid::Uuid::now_v7().to_string(),
        at: now,
        actor_id: None,
        actor_label: label.into(),
        action: action.into(),
        entity_type: entity_type.into(),
        entity_id: entity_id.into(),
        before_json: None,
        after_json: after.and_then(|v| serde_json::to_string(&v).ok()),
        request_id: None,
        actor_department: None,
    };
    diesel::insert_into(audit_events::table).values(&row).execute(conn)?;
    Ok(())
}

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("audit", "The append-only audit log");
    crate::routes!(r;
        routes::list_audit_events,
        routes::export_audit_events,
        routes::get_audit_vocabulary,
    );
    r.export(&routes::LISTED);
}
