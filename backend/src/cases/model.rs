use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{case_collections, cases};
use crate::domain::MoneyTotal;
use crate::domain::brand::BrandLine;
use crate::domain::case::{CaseStatus, CollectionStatus};
use crate::history::StatusEvent;

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = case_collections)]
pub struct CollectionRow {
    pub id: String,
    pub title: String,
    pub year: i64,
    pub deadline: NaiveDate,
    pub description: String,
    pub status: CollectionStatus,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A case collection (案例征集), opened by the national liaison units for a year.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct CaseCollection {
    pub id: String,
    pub title: String,
    pub year: i64,
    /// The last day cases may be submitted.
    pub deadline: NaiveDate,
    pub description: String,
    pub status: CollectionStatus,
    /// Cases in it that the caller can see.
    pub cases: i64,
    pub allowed_transitions: Vec<CollectionStatus>,
    pub history: Vec<StatusEvent>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct CreateCollection {
    #[schema(schema_with = crate::bounds::title)]
    pub title: String,
    #[schema(schema_with = crate::bounds::year)]
    pub year: i64,
    pub deadline: NaiveDate,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::description)]
    pub description: String,
}

#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchCollection {
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub title: Option<String>,
    #[schema(schema_with = crate::bounds::year_or_null)]
    pub year: Option<i64>,
    pub deadline: Option<NaiveDate>,
    #[schema(schema_with = crate::bounds::description_or_null)]
    pub description: Option<String>,
}

/// `{"to": "closed", "reason": "…"}`: `open → closed → published`, and back to `open` with a reason.
#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct CollectionTransition {
    pub to: CollectionStatus,
    #[serde(default)]
    pub reason: String,
}

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = cases)]
pub struct CaseRow {
    pub id: String,
    pub collection_id: String,
    pub title: String,
    pub organization_id: String,
    pub province_code: String,
    pub brand_id: Option<String>,
    pub line: BrandLine,
    pub county_codes: String,
    pub background: String,
    pub approach: String,
    pub results: String,
    pub lessons: String,
    pub consent_to_publish: bool,
    pub status: CaseStatus,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl CaseRow {
    pub fn county_codes(&self) -> Vec<String> {
        serde_json::from_str(&self.county_codes).unwrap_or_default()
    }
}

/// The figures shown with a case: read from its linked projects, never typed in.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, Default, PartialEq)]
pub struct CaseFigures {
    pub projects: i64,
    pub landed_projects: i64,
    pub funds_planned: MoneyTotal,
    pub funds_in_place: MoneyTotal,
    pub beneficiaries_reached: i64,
    pub counties_reached: i64,
}

/// A case (案例), submitted into a collection; a typical case (典型案例) once named so.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Case {
    pub id: String,
    pub collection_id: String,
    pub collection_title: String,
    pub title: String,
    pub organization_id: String,
    pub organization_name: String,
    /// The organization's registering province.
    pub province_code: String,
    pub brand_id: Option<String>,
    pub project_ids: Vec<String>,
    pub county_codes: Vec<String>,
    pub line: BrandLine,
    /// 背景 · 做法 · 成效 · 经验启示.
    pub background: String,
    pub approach: String,
    pub results: String,
    pub lessons: String,
    /// The organization confirms the text and photos hold no personal data of beneficiaries
    /// and may be published.
    pub consent_to_publish: bool,
    pub status: CaseStatus,
    /// Shown on the public showcase: typical, consented to, and its collection published.
    pub public: bool,
    pub figures: CaseFigures,
    pub allowed_transitions: Vec<CaseStatus>,
    /// Whether the caller may change its fields (its organization, while draft or returned).
    pub editable: bool,
    pub history: Vec<StatusEvent>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CreateCase {
    pub collection_id: String,
    #[schema(schema_with = crate::bounds::title)]
    pub title: String,
    pub organization_id: String,
    pub brand_id: Option<String>,
    /// Projects the organization takes part in (at most 20).
    #[serde(default)]
    pub project_ids: Vec<String>,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::county_codes)]
    pub county_codes: Vec<String>,
    pub line: BrandLine,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::description)]
    pub background: String,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::description)]
    pub approach: String,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::description)]
    pub results: String,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::description)]
    pub lessons: String,
    #[serde(default)]
    pub consent_to_publish: bool,
}

/// JSON merge patch, while the case is a draft or returned.
#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchCase {
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "crate::serde_ext::double_option")]
    pub brand_id: Option<Option<String>>,
    pub project_ids: Option<Vec<String>>,
    #[schema(schema_with = crate::bounds::county_codes_or_null)]
    pub county_codes: Option<Vec<String>>,
    pub line: Option<BrandLine>,
    #[schema(schema_with = crate::bounds::description_or_null)]
    pub background: Option<String>,
    #[schema(schema_with = crate::bounds::description_or_null)]
    pub approach: Option<String>,
    #[schema(schema_with = crate::bounds::description_or_null)]
    pub results: Option<String>,
    #[schema(schema_with = crate::bounds::description_or_null)]
    pub lessons: Option<String>,
    pub consent_to_publish: Option<bool>,
}

/// `{"to": "submitted", "reason": "…"}`; a reason is required to return a case.
#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct CaseTransition {
    pub to: CaseStatus,
    #[serde(default)]
    pub reason: String,
}

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct CaseQuery {
    pub collection: Option<String>,
    pub status: Option<CaseStatus>,
    pub line: Option<BrandLine>,
    /// The organization's registering province.
    pub province: Option<String>,
    pub organization: Option<String>,
    pub brand: Option<String>,
    /// Part of the title.
    pub q: Option<String>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    pub count: Option<bool>,
}
