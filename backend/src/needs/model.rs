use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::needs;
use crate::domain::{AssistanceType, Channel, Money, NeedStatus, Priority};

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = needs)]
pub struct NeedRow {
    pub id: String,
    pub county_code: String,
    pub assistance_type: AssistanceType,
    pub title: String,
    pub description: String,
    pub budget_estimate_fen: i64,
    pub beneficiaries: i64,
    pub priority: Priority,
    pub status: NeedStatus,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl NeedRow {
    pub fn status(&self) -> NeedStatus {
        self.status
    }
    pub fn assistance_type(&self) -> AssistanceType {
        self.assistance_type
    }
}

/// A county's need (工作需求).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Need {
    pub id: String,
    pub county_code: String,
    pub county_name: String,
    pub province_code: String,
    pub assistance_type: AssistanceType,
    pub title: String,
    pub description: String,
    /// Estimated budget in yuan.
    pub budget_estimate: Money,
    /// People expected to benefit.
    pub beneficiaries: i64,
    pub priority: Priority,
    pub status: NeedStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Need {
    pub fn from_row(r: &NeedRow, county_name: String) -> Self {
        Self {
            id: r.id.clone(),
            province_code: crate::domain::codes::province_of(&r.county_code),
            county_code: r.county_code.clone(),
            county_name,
            assistance_type: r.assistance_type(),
            title: r.title.clone(),
            description: r.description.clone(),
            budget_estimate: Money::from_fen(r.budget_estimate_fen),
            beneficiaries: r.beneficiaries,
            priority: r.priority,
            status: r.status(),
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

#[derive(Deserialize, ToSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CreateNeed {
    #[schema(schema_with = crate::bounds::county_code)]
    pub county_code: String,
    pub assistance_type: AssistanceType,
    #[schema(schema_with = crate::bounds::title)]
    pub title: String,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::description)]
    pub description: String,
    #[serde(default)]
    pub budget_estimate: Money,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::count)]
    pub beneficiaries: i64,
    pub priority: Priority,
}

#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchNeed {
    pub assistance_type: Option<AssistanceType>,
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub title: Option<String>,
    #[schema(schema_with = crate::bounds::description_or_null)]
    pub description: Option<String>,
    pub budget_estimate: Option<Money>,
    #[schema(schema_with = crate::bounds::count_or_null)]
    pub beneficiaries: Option<i64>,
    pub priority: Option<Priority>,
}

/// `{"to": "matched", "reason": "…"}`: open → matched → closed (and back to open from matched).
#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct NeedTransition {
    pub to: NeedStatus,
    #[serde(default)]
    pub reason: String,
}

#[derive(Deserialize, IntoParams, Debug, Default)]
#[into_params(parameter_in = Query)]
pub struct NeedQuery {
    pub county: Option<String>,
    pub province: Option<String>,
    pub assistance_type: Option<AssistanceType>,
    pub status: Option<NeedStatus>,
    pub priority: Option<Priority>,
    /// Part of the title.
    pub q: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    pub count: Option<bool>,
}

/// A county officer invites a matched organization: a `proposed` pairing for the need.
#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    pub organization_id: String,
    /// Defaults to `east_west_cooperation` when the organization's province assists the
    /// county's, else `national_org`.
    pub channel: Option<Channel>,
}
