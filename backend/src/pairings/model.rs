use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{pairing_events, pairings};
use crate::domain::pairing::PairingStatus;
use crate::domain::text_enum::list_from_json;
use crate::domain::{AssistanceType, Channel, Money};

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = pairings)]
pub struct PairingRow {
    pub id: String,
    pub county_code: String,
    pub lead_organization_id: String,
    pub assistance_types: String,
    pub channel: String,
    pub status: String,
    pub planned_funds_fen: i64,
    pub planned_projects: i64,
    pub commitment: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub review_flag: bool,
    pub review_reason: Option<String>,
    pub need_id: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl PairingRow {
    pub fn status(&self) -> PairingStatus {
        self.status.parse().unwrap_or(PairingStatus::Terminated)
    }
}

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = pairing_events)]
pub struct EventRow {
    pub id: String,
    pub pairing_id: String,
    pub at: NaiveDateTime,
    pub actor_label: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub reason: String,
}

/// One dated step in a pairing's history.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct PairingEvent {
    pub at: DateTime<Utc>,
    /// Who made the move (username or `token:<name>`).
    pub actor: String,
    /// Null for the application itself.
    pub from_status: Option<PairingStatus>,
    pub to_status: PairingStatus,
    pub reason: String,
}

impl From<&EventRow> for PairingEvent {
    fn from(e: &EventRow) -> Self {
        Self {
            at: e.at.and_utc(),
            actor: e.actor_label.clone(),
            from_status: e.from_status.as_deref().and_then(|s| s.parse().ok()),
            to_status: e.to_status.parse().unwrap_or(PairingStatus::Proposed),
            reason: e.reason.clone(),
        }
    }
}

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct OrgRef {
    pub id: String,
    pub name: String,
}

/// A pairing of a county with one organization or a group led by one (组团帮扶).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Pairing {
    pub id: String,
    pub county_code: String,
    pub county_name: String,
    pub province_code: String,
    pub lead_organization_id: String,
    /// Every organization of the pairing, the lead first.
    pub organization_ids: Vec<String>,
    pub organizations: Vec<OrgRef>,
    pub assistance_types: Vec<AssistanceType>,
    pub channel: Channel,
    pub status: PairingStatus,
    /// Committed funds in yuan.
    pub planned_funds: Money,
    pub planned_projects: i64,
    pub commitment: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// Set when one of its organizations was suspended or revoked.
    pub review_flag: bool,
    pub review_reason: Option<String>,
    /// The need this pairing answers, when it came from an invitation.
    pub need_id: Option<String>,
    /// The statuses the caller may move it to now.
    pub allowed_transitions: Vec<PairingStatus>,
    /// Every status change, oldest first; kept after the pairing ends.
    pub history: Vec<PairingEvent>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Pairing {
    pub fn assistance_types_of(row: &PairingRow) -> Vec<AssistanceType> {
        list_from_json(&row.assistance_types)
    }
}

#[derive(Deserialize, ToSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CreatePairing {
    #[schema(schema_with = crate::bounds::county_code)]
    pub county_code: String,
    pub lead_organization_id: String,
    /// The other organizations of a group (组团); the lead may be listed too.
    #[serde(default)]
    pub organization_ids: Vec<String>,
    #[schema(min_items = 1)]
    pub assistance_types: Vec<AssistanceType>,
    pub channel: Channel,
    #[serde(default)]
    pub planned_funds: Money,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::count)]
    pub planned_projects: i64,
    #[serde(default)]
    pub commitment: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
}

/// `{"to": "confirmed", "reason": "…"}`; a reason is required to terminate.
#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct PairingTransition {
    pub to: PairingStatus,
    #[serde(default)]
    pub reason: String,
}

#[derive(Deserialize, IntoParams, Debug, Default)]
#[into_params(parameter_in = Query)]
pub struct PairingQuery {
    pub county: Option<String>,
    pub province: Option<String>,
    /// Pairings this organization takes part in (as lead or member).
    pub organization: Option<String>,
    pub status: Option<PairingStatus>,
    pub assistance_type: Option<AssistanceType>,
    pub channel: Option<Channel>,
    /// Only pairings flagged for review.
    pub review_flag: Option<bool>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    pub count: Option<bool>,
}
