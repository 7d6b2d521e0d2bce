//! The dated history of status moves for the families that came after projects and pairings
//! (brands, case collections, cases, and whatever follows): one table, `status_events`, keyed
//! by the entity's name and id, so a new family records and shows its history without a table
//! of its own. Who moved it, when, from what to what, and the reason given.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::status_events;
use crate::domain::Lifecycle;
use crate::error::ApiResult;

/// One dated move.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct StatusEvent {
    pub at: DateTime<Utc>,
    /// Display name (with the organization for its members) or `token:<name>`.
    pub actor: String,
    /// Null for the creation.
    pub from_status: Option<String>,
    pub to_status: String,
    pub reason: String,
}

/// One row of `status_events` (also written in bulk by the seed).
#[derive(Insertable, Debug, Clone)]
#[diesel(table_name = status_events)]
pub struct StatusEventRow {
    pub id: String,
    pub entity: String,
    pub entity_id: String,
    pub at: chrono::NaiveDateTime,
    pub actor_label: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub reason: String,
}

impl StatusEventRow {
    pub fn new(
        entity: &str,
        entity_id: &str,
        actor: &str,
        at: chrono::NaiveDateTime,
        from: Option<&str>,
        to: &str,
        reason: &str,
    ) -> Self {
        Self {
            id: uuid::Uuid::now_v7().to_string(),
            entity: entity.into(),
            entity_id: entity_id.into(),
            at,
            actor_label: actor.into(),
            from_status: from.map(str::to_owned),
            to_status: to.into(),
            reason: reason.trim().into(),
        }
    }
}

/// Records a move of `entity` (`"brand"`, `"case"`, …); `from` is `None` when it is created.
pub fn record<S: Lifecycle>(
    conn: &mut DbConn,
    entity: &str,
    entity_id: &str,
    caller: &Caller,
    from: Option<S>,
    to: S,
    reason: &str,
) -> ApiResult<()> {
    let row =
        StatusEventRow::new(entity, entity_id, &caller.name, caller.now, from.map(|s| s.name()), to.name(), reason);
    diesel::insert_into(status_events::table).values(&row).execute(conn)?;
    Ok(())
}

/// The histories of these entities, oldest first.
pub fn of(conn: &mut DbConn, entity: &str, ids: &[&str]) -> ApiResult<HashMap<String, Vec<StatusEvent>>> {
    type Row = (String, chrono::NaiveDateTime, String, Option<String>, String, String);
    let rows: Vec<Row> = status_events::table
        .filter(status_events::entity.eq(entity))
        .filter(status_events::entity_id.eq_any(ids))
        .order((status_events::at.asc(), status_events::id.asc()))
        .select((
            status_events::entity_id,
            status_events::at,
            status_events::actor_label,
            status_events::from_status,
            status_events::to_status,
            status_events::reason,
        ))
        .load(conn)?;
    let mut map: HashMap<String, Vec<StatusEvent>> = HashMap::new();
    for (id, at, actor, from_status, to_status, reason) in rows {
        map.entry(id).or_default().push(StatusEvent { at: at.and_utc(), actor, from_status, to_status, reason });
    }
    Ok(map)
}
