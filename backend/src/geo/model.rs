use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::counties;
use crate::domain::Region;

/// The number of national key assistance counties (国家乡村振兴重点帮扶县) the plan names.
pub const KEY_COUNTY_TARGET: i64 = 160;

/// The plan's key counties by province (the 2021 list: 160 in the ten western provinces), so
/// coverage is measured against the plan and not against what happens to be registered. The
/// source of each figure is in `reference-data/SOURCES.md`; 甘肃, 青海 and 宁夏 are the brief's
/// expected figures until the published list is loaded.
pub const KEY_COUNTY_PLAN: [(&str, i64); 10] = [
    ("150000", 10),
    ("450000", 20),
    ("500000", 4),
    ("510000", 25),
    ("520000", 20),
    ("530000", 27),
    ("610000", 11),
    ("620000", 23),
    ("630000", 15),
    ("640000", 5),
];

/// How many key counties the plan names in a province (0 outside the ten), or nationally.
pub fn key_county_target(province: Option<&str>) -> i64 {
    match province {
        None => KEY_COUNTY_TARGET,
        Some(p) => KEY_COUNTY_PLAN.iter().find(|(code, _)| *code == p).map_or(0, |(_, n)| *n),
    }
}

/// Counties the plan names in an area but nobody registered yet: the part of the gap that no
/// pairing can close until an admin marks them. A registered count above the plan (an admin
/// marked more) leaves no such gap.
pub fn unregistered(target: i64, registered: i64) -> i64 {
    (target - registered).max(0)
}

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
    /// Key counties the plan names in this province.
    pub target: i64,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_provinces_plan_adds_up_to_160() {
        assert_eq!(KEY_COUNTY_PLAN.iter().map(|(_, n)| n).sum::<i64>(), KEY_COUNTY_TARGET);
        assert_eq!(key_county_target(Some("510000")), 25);
        assert_eq!(key_county_target(Some("110000")), 0);
        assert_eq!(unregistered(160, 94), 66);
        assert_eq!(unregistered(4, 5), 0);
    }
}
