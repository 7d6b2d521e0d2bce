//! Offers' rows and the shapes the contract publishes.

use crate::db::schema::offers;
use crate::domain::text_enum::list_from_json;
use crate::domain::{AssistanceType, Money, Region};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = offers)]
pub struct OfferRow {
    pub id: String,
    pub organization_id: String,
    pub title: String,
    pub assistance_types: String,
    pub preferred_province_codes: String,
    pub preferred_regions: String,
    pub capacity_fen: i64,
    pub description: String,
    pub active: bool,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Offer {
    pub id: String,
    pub organization_id: String,
    pub title: String,
    pub assistance_types: Vec<AssistanceType>,
    /// Provinces the organization prefers to work in.
    pub preferred_province_codes: Vec<String>,
    pub preferred_regions: Vec<Region>,
    /// What the organization can commit, in yuan.
    pub capacity: Money,
    pub description: String,
    /// Inactive offers are kept but not matched.
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&OfferRow> for Offer {
    fn from(r: &OfferRow) -> Self {
        Self {
            id: r.id.clone(),
            organization_id: r.organization_id.clone(),
            title: r.title.clone(),
            assistance_types: list_from_json(&r.assistance_types),
            preferred_province_codes: serde_json::from_str(&r.preferred_province_codes).unwrap_or_default(),
            preferred_regions: list_from_json(&r.preferred_regions),
            capacity: Money::from_fen(r.capacity_fen),
            description: r.description.clone(),
            active: r.active,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

#[derive(Deserialize, ToSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CreateOffer {
    #[schema(schema_with = crate::bounds::title)]
    pub title: String,
    #[schema(min_items = 1)]
    pub assistance_types: Vec<AssistanceType>,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::province_codes)]
    pub preferred_province_codes: Vec<String>,
    #[serde(default)]
    pub preferred_regions: Vec<Region>,
    pub capacity: Money,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::description)]
    pub description: String,
}

#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchOffer {
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub title: Option<String>,
    #[schema(min_items = 1)]
    pub assistance_types: Option<Vec<AssistanceType>>,
    #[schema(schema_with = crate::bounds::province_codes_or_null)]
    pub preferred_province_codes: Option<Vec<String>>,
    pub preferred_regions: Option<Vec<Region>>,
    pub capacity: Option<Money>,
    #[schema(schema_with = crate::bounds::description_or_null)]
    pub description: Option<String>,
    pub active: Option<bool>,
}
