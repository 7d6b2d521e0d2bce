use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{nominations, selections};
use crate::domain::evaluation::{NominationStatus, SelectionKind, SelectionStatus};
use crate::history::StatusEvent;

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = selections)]
pub struct SelectionRow {
    pub id: String,
    pub year: i64,
    pub kind: SelectionKind,
    pub title: String,
    pub evaluation_round_id: Option<String>,
    pub status: SelectionStatus,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A yearly selection of outstanding organizations or well-known brands (选树).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Selection {
    pub id: String,
    pub year: i64,
    pub kind: SelectionKind,
    pub title: String,
    /// The evaluation round whose results inform the review.
    pub evaluation_round_id: Option<String>,
    pub status: SelectionStatus,
    /// Nominations (withdrawn ones not counted) and those selected, of what the caller sees.
    pub nominations: i64,
    pub selected: i64,
    pub allowed_transitions: Vec<SelectionStatus>,
    pub editable: bool,
    pub history: Vec<StatusEvent>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CreateSelection {
    #[schema(schema_with = crate::bounds::year)]
    pub year: i64,
    pub kind: SelectionKind,
    /// Default: `2026 年度优秀社会组织` / `2026 年度知名公益品牌`.
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub title: Option<String>,
    /// A round evaluating the same kind of subject (organizations or brands).
    pub evaluation_round_id: Option<String>,
}

#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchSelection {
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "crate::serde_ext::double_option")]
    pub evaluation_round_id: Option<Option<String>>,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct SelectionTransition {
    pub to: SelectionStatus,
    #[serde(default)]
    pub reason: String,
}

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct SelectionQuery {
    pub year: Option<i64>,
    pub kind: Option<SelectionKind>,
    pub status: Option<SelectionStatus>,
    /// Published selections in which this organization or brand was selected (its honors).
    pub subject: Option<String>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = nominations)]
pub struct NominationRow {
    pub id: String,
    pub selection_id: String,
    pub subject_id: String,
    pub subject_name: String,
    pub province_code: String,
    pub organization_id: String,
    pub reason: String,
    pub nominated_by: String,
    pub nominated_by_id: String,
    pub status: NominationStatus,
    pub decision_reason: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A nominee's place in the selection's evaluation round.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct NomineeResult {
    pub rank: i64,
    pub total: f64,
    pub subjects: i64,
}

/// A nomination of an organization or brand, with the reason, and the decision.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Nomination {
    pub id: String,
    pub selection_id: String,
    pub subject_id: String,
    pub subject_name: String,
    pub province_code: String,
    /// The organization (itself, or a brand's owner).
    pub organization_id: String,
    pub reason: String,
    pub nominated_by: String,
    pub status: NominationStatus,
    pub decision_reason: String,
    /// The nominee's place in the selection's round: for national admins once it is closed, for
    /// provincial officers once it is published.
    pub result: Option<NomineeResult>,
    pub allowed_transitions: Vec<NominationStatus>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CreateNomination {
    /// An organization id (outstanding organizations) or a recognized brand's id.
    pub subject_id: String,
    #[schema(schema_with = crate::bounds::required_text)]
    pub reason: String,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct NominationTransition {
    pub to: NominationStatus,
    #[serde(default)]
    pub reason: String,
}

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct NominationQuery {
    pub status: Option<NominationStatus>,
    pub province: Option<String>,
}
