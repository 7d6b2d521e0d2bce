use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{training_participants, trainings};
use crate::domain::training::{OrganizerLevel, TrainingMode, TrainingStatus};
use crate::domain::{AssistanceType, Department};
use crate::history::StatusEvent;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = trainings)]
pub struct TrainingRow {
    pub id: String,
    pub title: String,
    pub organizer_level: OrganizerLevel,
    pub organizer_department: Department,
    pub province_code: Option<String>,
    pub county_code: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub mode: TrainingMode,
    pub place: String,
    pub assistance_types: String,
    pub topics: String,
    pub description: String,
    pub status: TrainingStatus,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = training_participants)]
pub struct ParticipantRow {
    pub training_id: String,
    pub organization_id: String,
    pub head_count: i64,
    pub attended: Option<bool>,
    pub added_at: NaiveDateTime,
}

/// A training as everyone signed in reads it.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Training {
    pub id: String,
    pub title: String,
    pub organizer_level: OrganizerLevel,
    pub organizer_department: Department,
    pub province_code: Option<String>,
    pub county_code: Option<String>,
    /// The organizer as people say it: 国家乡村振兴局 / 民政部, or the province's or county's department.
    pub organizer: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub mode: TrainingMode,
    pub place: String,
    pub assistance_types: Vec<AssistanceType>,
    pub topics: Vec<String>,
    pub description: String,
    pub status: TrainingStatus,
    /// Organizations trained, and the people trained (those confirmed absent count none).
    pub organizations: i64,
    pub head_count: i64,
    /// Whether the caller organizes it (changes it, its participants and its status).
    pub may_manage: bool,
    pub allowed_transitions: Vec<TrainingStatus>,
    /// Its status moves (only on the single read).
    pub history: Vec<StatusEvent>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct CreateTraining {
    #[schema(schema_with = crate::bounds::title)]
    pub title: String,
    pub organizer_level: OrganizerLevel,
    /// The caller's department when omitted.
    pub organizer_department: Option<Department>,
    /// Provincial and county trainings: the organizer's province (a provincial officer's own
    /// when omitted).
    #[schema(schema_with = crate::bounds::province_code_or_null)]
    pub province_code: Option<String>,
    /// County trainings: the organizer's county (a county officer's own when omitted).
    #[schema(schema_with = crate::bounds::county_code_or_null)]
    pub county_code: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub mode: TrainingMode,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub assistance_types: Vec<AssistanceType>,
    /// Up to 10 topics, 1–50 characters each.
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::description)]
    pub description: String,
}

/// JSON merge patch, while the training is planned (who organizes it stays).
#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchTraining {
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub title: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub mode: Option<TrainingMode>,
    pub place: Option<String>,
    pub assistance_types: Option<Vec<AssistanceType>>,
    pub topics: Option<Vec<String>>,
    #[schema(schema_with = crate::bounds::description_or_null)]
    pub description: Option<String>,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct TrainingTransition {
    pub to: TrainingStatus,
    #[serde(default)]
    pub reason: String,
}

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct TrainingQuery {
    /// Starting in this year.
    #[param(schema_with = crate::bounds::year_or_null)]
    pub year: Option<i64>,
    pub level: Option<OrganizerLevel>,
    pub status: Option<TrainingStatus>,
    /// Organized in this province (provincial and county trainings).
    pub province: Option<String>,
    /// Attended (or to be attended) by this organization.
    pub organization: Option<String>,
    /// Part of the title.
    pub q: Option<String>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    pub count: Option<bool>,
}

impl TrainingQuery {
    /// What the types cannot say: a year in the platform's range.
    pub fn check(&self) -> crate::error::ApiResult<()> {
        if self.year.is_some_and(|y| !crate::bounds::YEARS.contains(&y)) {
            return Err(crate::error::ApiError::field("year", crate::tr!("年份应在 2021–2100 之间", "must be between 2021 and 2100")));
        }
        Ok(())
    }
}

/// An organization trained.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Participant {
    pub organization_id: String,
    pub organization_name: String,
    pub credit_code: String,
    pub head_count: i64,
    /// Null until the organizer confirms it after the training.
    pub attended: Option<bool>,
    pub added_at: DateTime<Utc>,
}

/// Adds an organization to a training, or changes its head count or attendance.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct PutParticipant {
    pub organization_id: String,
    /// 1–10,000 people.
    pub head_count: i64,
    /// Attendance, once the training is held.
    pub attended: Option<bool>,
}

/// What an import of participants did, or would do (`dry_run`).
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct ParticipantImportReport {
    pub dry_run: bool,
    pub rows_total: usize,
    /// Organizations added or changed (or that would be).
    pub applied: usize,
    pub errors: Vec<crate::sheets::RowError>,
}
