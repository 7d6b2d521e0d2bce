//! The campaigns' rows and the shapes the contract publishes.

use crate::db::schema::{campaigns, docking_events};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = campaigns)]
pub struct CampaignRow {
    pub id: String,
    pub year: i64,
    pub theme: String,
    pub province_codes: String,
    pub county_codes: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A year's rural tour (社会组织乡村行).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Campaign {
    pub id: String,
    pub year: i64,
    pub theme: String,
    /// Target provinces.
    pub province_codes: Vec<String>,
    /// Target counties.
    pub county_codes: Vec<String>,
    pub created_at: DateTime<Utc>,
}

impl From<&CampaignRow> for Campaign {
    fn from(r: &CampaignRow) -> Self {
        Self {
            id: r.id.clone(),
            year: r.year,
            theme: r.theme.clone(),
            province_codes: serde_json::from_str(&r.province_codes).unwrap_or_default(),
            county_codes: serde_json::from_str(&r.county_codes).unwrap_or_default(),
            created_at: r.created_at.and_utc(),
        }
    }
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct CreateCampaign {
    #[schema(schema_with = crate::bounds::year)]
    pub year: i64,
    #[schema(schema_with = crate::bounds::title)]
    pub theme: String,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::province_codes)]
    pub province_codes: Vec<String>,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::county_codes)]
    pub county_codes: Vec<String>,
}

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = docking_events)]
pub struct EventRow {
    pub id: String,
    pub campaign_id: String,
    pub event_date: NaiveDate,
    pub place: String,
    pub county_code: String,
    pub organization_ids: String,
    pub created_at: NaiveDateTime,
}

/// A docking event (对接活动) of a campaign.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct DockingEvent {
    pub id: String,
    pub campaign_id: String,
    pub date: NaiveDate,
    pub place: String,
    pub county_code: String,
    /// Participating organizations.
    pub organization_ids: Vec<String>,
    pub created_at: DateTime<Utc>,
}

impl From<&EventRow> for DockingEvent {
    fn from(r: &EventRow) -> Self {
        Self {
            id: r.id.clone(),
            campaign_id: r.campaign_id.clone(),
            date: r.event_date,
            place: r.place.clone(),
            county_code: r.county_code.clone(),
            organization_ids: serde_json::from_str(&r.organization_ids).unwrap_or_default(),
            created_at: r.created_at.and_utc(),
        }
    }
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct CreateEvent {
    pub date: NaiveDate,
    #[schema(schema_with = crate::bounds::required_text)]
    pub place: String,
    #[schema(schema_with = crate::bounds::county_code)]
    pub county_code: String,
    #[serde(default)]
    pub organization_ids: Vec<String>,
}
