use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{incident_actions, incidents};
use crate::domain::incident::{IncidentKind, IncidentStatus, Severity};
use crate::history::StatusEvent;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = incidents)]
pub struct IncidentRow {
    pub id: String,
    pub title: String,
    pub kind: IncidentKind,
    pub severity: Severity,
    pub organization_id: String,
    pub project_id: Option<String>,
    pub pairing_id: Option<String>,
    pub county_code: String,
    pub province_code: String,
    pub occurred_at: NaiveDateTime,
    pub description: String,
    pub status: IncidentStatus,
    pub reporter_id: String,
    pub reported_by: String,
    pub reporter_organization_id: Option<String>,
    pub resolved_at: Option<NaiveDateTime>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = incident_actions)]
pub struct ActionRow {
    pub id: String,
    pub incident_id: String,
    pub at: NaiveDateTime,
    pub actor_id: String,
    pub actor_name: String,
    pub note: String,
    pub suspended_organization: bool,
}

/// An incident as its readers see it.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Incident {
    pub id: String,
    pub title: String,
    pub kind: IncidentKind,
    pub severity: Severity,
    pub status: IncidentStatus,
    pub organization_id: String,
    pub organization_name: String,
    /// The organization's status now: `suspended` once a handling step suspended it.
    pub organization_status: crate::domain::OrgStatus,
    pub project_id: Option<String>,
    pub project_title: Option<String>,
    pub pairing_id: Option<String>,
    pub county_code: String,
    pub county_name: String,
    pub province_code: String,
    pub occurred_at: DateTime<Utc>,
    pub description: String,
    /// Who reported it (display name, with the organization for its members).
    pub reported_by: String,
    pub resolved_at: Option<DateTime<Utc>>,
    /// The moves the caller may make now.
    pub allowed_transitions: Vec<IncidentStatus>,
    /// Whether the caller may add to its handling log (and, as a coordinator of the
    /// organization's province, suspend the organization from it).
    pub may_act: bool,
    pub may_suspend: bool,
    /// Its status moves, oldest first (only on the single read).
    pub history: Vec<StatusEvent>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct CreateIncident {
    #[schema(schema_with = crate::bounds::title)]
    pub title: String,
    pub kind: IncidentKind,
    pub severity: Severity,
    pub organization_id: String,
    /// A project of the organization in the county (an organization's member must name one of
    /// its own projects).
    pub project_id: Option<String>,
    /// A pairing of the organization with the county.
    pub pairing_id: Option<String>,
    /// Where it happened; with a project, the project's county when omitted.
    #[schema(schema_with = crate::bounds::county_code_or_null)]
    pub county_code: Option<String>,
    /// When it happened; not in the future.
    pub occurred_at: DateTime<Utc>,
    #[schema(schema_with = crate::bounds::required_text)]
    pub description: String,
}

/// JSON merge patch; what happened is corrected while the incident is open.
#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchIncident {
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub title: Option<String>,
    pub kind: Option<IncidentKind>,
    pub severity: Option<Severity>,
    pub occurred_at: Option<DateTime<Utc>>,
    #[schema(schema_with = crate::bounds::required_text_or_null)]
    pub description: Option<String>,
}

/// `{"to": "handling", "reason": "…"}`; a reason is required to reopen or to close unfounded.
#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct IncidentTransition {
    pub to: IncidentStatus,
    #[serde(default)]
    pub reason: String,
}

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct IncidentQuery {
    pub status: Option<IncidentStatus>,
    /// Only the open ones (reported or handling), or only the others.
    pub open: Option<bool>,
    pub severity: Option<Severity>,
    pub kind: Option<IncidentKind>,
    pub province: Option<String>,
    pub county: Option<String>,
    pub organization: Option<String>,
    pub project: Option<String>,
    /// Part of the title.
    pub q: Option<String>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    pub count: Option<bool>,
}

/// One step of the handling log.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct IncidentAction {
    pub id: String,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub note: String,
    /// This step suspended the organization (its pairings, projects and brands flagged for review).
    pub suspended_organization: bool,
}

impl From<ActionRow> for IncidentAction {
    fn from(r: ActionRow) -> Self {
        Self { id: r.id, at: r.at.and_utc(), actor: r.actor_name, note: r.note, suspended_organization: r.suspended_organization }
    }
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct CreateIncidentAction {
    /// What was done (required).
    #[schema(schema_with = crate::bounds::required_text)]
    pub note: String,
    /// Also suspend the organization, with the note as the reason (coordinators of the
    /// organization's province only).
    #[serde(default)]
    pub suspend_organization: bool,
}
