use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{pairing_events, pairing_members, pairings};
use crate::domain::pairing::{ConsentStep, PairingStatus};
use crate::domain::text_enum::list_from_json;
use crate::domain::{AssistanceType, Channel, Consent, Money};

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = pairings)]
pub struct PairingRow {
    pub id: String,
    pub county_code: String,
    pub lead_organization_id: String,
    pub assistance_types: String,
    pub channel: Channel,
    pub status: PairingStatus,
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
    pub confirmed_at: Option<NaiveDateTime>,
    pub confirmed_by: Option<String>,
}

impl PairingRow {
    pub fn status(&self) -> PairingStatus {
        self.status
    }
}

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = pairing_events)]
pub struct EventRow {
    pub id: String,
    pub pairing_id: String,
    pub at: NaiveDateTime,
    pub actor_label: String,
    pub from_status: Option<PairingStatus>,
    pub to_status: PairingStatus,
    pub reason: String,
    pub consent: Option<ConsentStep>,
    pub organization_id: Option<String>,
}

/// An organization named in a pairing, with its answer.
#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = pairing_members)]
pub struct MemberRow {
    pub pairing_id: String,
    pub organization_id: String,
    pub consent: Consent,
    pub consent_at: Option<NaiveDateTime>,
    pub consent_by: Option<String>,
}

impl MemberRow {
    pub fn consent(&self) -> Consent {
        self.consent
    }
}

/// One dated step in a pairing's history: a status change, a consent, or both (the last
/// consent activates the pairing). A consent of one organization of a group may leave the
/// status as it was (`from_status` = `to_status`).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct PairingEvent {
    pub at: DateTime<Utc>,
    /// Who made the move (display name, with the organization for its members, or `token:<name>`).
    pub actor: String,
    /// Null for the application itself.
    pub from_status: Option<PairingStatus>,
    /// The status after the step.
    pub to_status: PairingStatus,
    pub reason: String,
    /// The consent this step gave or refused, if any.
    pub consent: Option<ConsentStep>,
    /// The organization that accepted or declined, for an organization's consent.
    pub organization_id: Option<String>,
}

impl From<&EventRow> for PairingEvent {
    fn from(e: &EventRow) -> Self {
        Self {
            at: e.at.and_utc(),
            actor: e.actor_label.clone(),
            from_status: e.from_status,
            to_status: e.to_status,
            reason: e.reason.clone(),
            consent: e.consent,
            organization_id: e.organization_id.clone(),
        }
    }
}

/// An organization named in a pairing and its answer. Only organizations that have accepted
/// take part; an invited one has not answered yet, a declined one said no.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct PairingOrganization {
    pub id: String,
    pub name: String,
    pub consent: Consent,
    /// Who answered for it (display name, with the organization for its members, or `token:<name>`). Null while invited, and for pairings
    /// published before answers were recorded.
    pub consent_by: Option<String>,
    pub consent_at: Option<DateTime<Utc>>,
}

/// A pairing of a county with one organization or a group led by one (组团帮扶).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Pairing {
    pub id: String,
    pub county_code: String,
    pub county_name: String,
    pub province_code: String,
    pub lead_organization_id: String,
    /// Every organization named in the pairing, the lead first, whatever its answer.
    pub organization_ids: Vec<String>,
    /// The same organizations with their answers: the organization side's consent.
    pub organizations: Vec<PairingOrganization>,
    /// The county side's consent (县级确认): who confirmed, and when.
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
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
    /// The moves the caller may make now: for a member of an invited organization, its answers
    /// `accepted` and `declined`.
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

/// `{"to": "confirmed", "reason": "…"}`; a reason is required to terminate. An invited
/// organization answers with `accepted` or `declined`, the county consents with `confirmed`.
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
    /// Pairings this organization takes part in (as lead or member, having accepted).
    pub organization: Option<String>,
    /// Pairings still waiting for this organization's answer (its invitations).
    pub awaiting_organization: Option<String>,
    /// Pairings that came from this need's invitations.
    pub need: Option<String>,
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
