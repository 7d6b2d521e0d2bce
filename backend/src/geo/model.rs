use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::counties;
use crate::domain::Region;

/// The number of national key assistance counties (国家乡村振兴重点帮扶县) the plan names.
pub const KEY_COUNTY_TARGET: i64 = 160;

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Province {
    /// GB/T 2260 code, e.g. `510000`.
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub region: Region,
    pub county_count: i64,
    pub key_county_count: i64,
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = counties)]
pub struct CountyRow {
    pub code: String,
    pub name: String,
    pub prefecture_code: String,
    pub prefecture: String,
    pub province_code: String,
    pub longitude: Option<f64>,
    pub latitude: Option<f64>,
    pub key_county: bool,
    pub version: i64,
    pub updated_at: NaiveDateTime,
}

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct County {
    pub code: String,
    pub name: String,
    pub prefecture_code: String,
    pub prefecture: String,
    pub province_code: String,
    pub province_name: String,
    /// Approximate seat of government (GCJ-02); null where the source has none.
    pub longitude: Option<f64>,
    pub latitude: Option<f64>,
    /// A national key assistance county (国家乡村振兴重点帮扶县).
    pub key_county: bool,
    pub updated_at: DateTime<Utc>,
}

impl County {
    pub fn from_row(r: CountyRow, province_name: String) -> Self {
        Self {
            code: r.code,
            name: r.name,
            prefecture_code: r.prefecture_code,
            prefecture: r.prefecture,
            province_code: r.province_code,
            province_name,
            longitude: r.longitude,
            latitude: r.latitude,
            key_county: r.key_county,
            updated_at: r.updated_at.and_utc(),
        }
    }
}

#[derive(Deserialize, IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct CountyQuery {
    /// Province code, e.g. `510000`.
    #[param(schema_with = crate::bounds::province_code)]
    pub province: Option<String>,
    /// Only key counties (`true`) or only the others (`false`).
    pub key_county: Option<bool>,
    /// Part of the name, or the beginning of the code.
    pub q: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    /// Include `total`, the number of matching counties.
    pub count: Option<bool>,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct PatchCounty {
    pub key_county: Option<bool>,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct EastWestPair {
    pub east_province_code: String,
    pub east_province_name: String,
    pub west_province_code: String,
    pub west_province_name: String,
    pub notes: String,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct ProvinceKeyCount {
    pub province_code: String,
    pub province_name: String,
    pub registered: i64,
}

/// How many key counties are registered on the platform against the plan's 160.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct KeyCountySummary {
    /// 160, as named by the plan.
    pub target: i64,
    pub registered: i64,
    /// `target - registered` (never negative): counties an admin still has to mark.
    pub gap: i64,
    pub by_province: Vec<ProvinceKeyCount>,
}
