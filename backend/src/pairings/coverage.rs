//! Coverage of the national key assistance counties (全覆盖): which have at least one active
//! pairing, by province and by assistance type, which are uncovered (the coordinators' daily
//! work), and where pairings concentrate.

use std::collections::{BTreeMap, HashMap};

use actix_web::web;
use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Caller;
use crate::auth::scope::DataScope;
use crate::cache::Key;
use crate::db::schema::{counties, pairings, provinces};
use crate::domain::pairing::PairingStatus;
use crate::domain::text_enum::list_from_json;
use crate::domain::{AssistanceType, Role};
use crate::error::{ApiError, ApiResult, ListErrors};
use crate::geo::model::{KEY_COUNTY_PLAN, key_county_target, unregistered};
use crate::state::AppState;
use crate::tr;

/// A county with this many active pairings or more is listed as concentrated.
pub const CONCENTRATION_THRESHOLD: i64 = 3;

#[derive(Deserialize, IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct CoverageQuery {
    /// Pairings active at some time in this year (active or concluded, by their dates);
    /// without it, the pairings active now.
    #[param(schema_with = crate::bounds::year)]
    pub year: Option<i64>,
    /// Restrict to one province (provincial and county officers always see their own).
    pub province: Option<String>,
}

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct KeyCountyCoverage {
    pub code: String,
    pub name: String,
    pub province_code: String,
    pub province_name: String,
    pub longitude: Option<f64>,
    pub latitude: Option<f64>,
    pub covered: bool,
    pub active_pairings: i64,
    /// Of those, pairings flagged for review (an organization in them was suspended or revoked).
    pub flagged_pairings: i64,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct ProvinceCoverage {
    pub province_code: String,
    pub province_name: String,
    /// Key counties the plan names in this province.
    pub target: i64,
    /// Key counties registered on the platform.
    pub key_counties: i64,
    /// `target - key_counties` (never negative): named by the plan, not registered yet.
    pub unregistered: i64,
    pub covered: i64,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct TypeCoverage {
    pub assistance_type: AssistanceType,
    /// Key counties with an active pairing of this type.
    pub covered_counties: i64,
    pub active_pairings: i64,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Coverage {
    pub year: Option<i32>,
    /// The key counties the plan names in the caller's area (160 nationally): what coverage is
    /// measured against, so the rate never reads 100 % while counties are missing.
    pub target: i64,
    /// Key counties registered (in the caller's area).
    pub key_counties: i64,
    /// Key counties with at least one active pairing.
    pub covered: i64,
    /// The part of the gap not yet registered: `target - key_counties`, never negative. The
    /// gap is `target - covered` = `uncovered.len() + unregistered`.
    pub unregistered: i64,
    /// The registered key counties still without an active pairing.
    pub uncovered: Vec<KeyCountyCoverage>,
    /// Every key county with its status, for the map.
    pub counties: Vec<KeyCountyCoverage>,
    pub by_province: Vec<ProvinceCoverage>,
    pub by_assistance_type: Vec<TypeCoverage>,
    /// Key counties with at least `CONCENTRATION_THRESHOLD` (3) active pairings.
    pub concentrated: Vec<KeyCountyCoverage>,
    /// Key counties with an active pairing flagged for review: covered, but their cover may not
    /// hold.
    pub flagged: Vec<KeyCountyCoverage>,
}

/// Coverage of the key counties by active pairings
#[utoipa::path(
    get, path = "/api/v1/coverage", tag = "pairings", operation_id = "getCoverage",
    params(CoverageQuery),
    responses(
        (status = 200, description = "Coverage in the caller's area", body = Coverage),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_coverage(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<CoverageQuery>,
) -> ApiResult<web::Json<Coverage>> {
    let query = query.into_inner();
    if let Some(y) = query.year
        && !crate::bounds::YEARS.contains(&y)
    {
        return Err(ApiError::field("year", tr!("年份应在 2021–2100 之间", "must be between 2021 and 2100")));
    }
    // Provincial and county officers see their province.
    let province = match caller.role {
        Role::ProvincialOfficer | Role::CountyOfficer => caller.province_code.clone(),
        _ => query.province.clone(),
    };
    let year = query.year.map(|y| y as i32);
    // Coverage counts active pairings (and concluded ones, for a year): published pairings,
    // which every role reads (`store::visible`), so one result per area serves every caller.
    let key = Key::new(DataScope::Published, format!("coverage/{province:?}/{year:?}"));
    let generation = match state.aggregates.get_or_claim(&key).await {
        Ok(hit) => {
            return Ok(web::Json(serde_json::from_value((*hit).clone()).map_err(|e| ApiError::Internal(e.into()))?));
        }
        Err(generation) => generation,
    };
    let coverage = state
        .db(move |conn| compute(conn, province.as_deref(), year))
        .await
        .inspect_err(|_| state.aggregates.abandon(&key))?;
    state.aggregates.put(&key, generation, serde_json::to_value(&coverage).map_err(|e| ApiError::Internal(e.into()))?);
    Ok(web::Json(coverage))
}

type CountyFields = (String, String, String, String, Option<f64>, Option<f64>);
/// County, assistance types, start, end, flagged for review.
type PairingFields = (String, String, Option<NaiveDate>, Option<NaiveDate>, bool);

pub fn compute(conn: &mut crate::db::DbConn, province: Option<&str>, year: Option<i32>) -> ApiResult<Coverage> {
    let mut q = counties::table
        .inner_join(provinces::table)
        .filter(counties::key_county.eq(true))
        .select((
            counties::code,
            counties::name,
            counties::province_code,
            provinces::name,
            counties::longitude,
            counties::latitude,
        ))
        .order(counties::code)
        .into_boxed();
    if let Some(p) = province {
        q = q.filter(counties::province_code.eq(p.to_owned()));
    }
    let keys: Vec<CountyFields> = q.load(conn)?;
    let codes: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();

    let statuses: Vec<&str> = match year {
        None => vec![PairingStatus::Active.as_str()],
        Some(_) => vec![PairingStatus::Active.as_str(), PairingStatus::Concluded.as_str()],
    };
    let rows: Vec<PairingFields> = pairings::table
        .filter(pairings::county_code.eq_any(&codes))
        .filter(pairings::status.eq_any(statuses))
        .select((
            pairings::county_code,
            pairings::assistance_types,
            pairings::start_date,
            pairings::end_date,
            pairings::review_flag,
        ))
        .load(conn)?;
    let in_year = |start: Option<NaiveDate>, end: Option<NaiveDate>| match year {
        None => true,
        Some(y) => {
            let (first, last) = (NaiveDate::from_ymd_opt(y, 1, 1), NaiveDate::from_ymd_opt(y, 12, 31));
            start.is_some_and(|s| Some(s) <= last) && end.is_none_or(|e| Some(e) >= first)
        }
    };
    let mut per_county: HashMap<String, i64> = HashMap::new();
    let mut flagged_per_county: HashMap<String, i64> = HashMap::new();
    let mut per_type: BTreeMap<AssistanceType, (std::collections::HashSet<String>, i64)> = BTreeMap::new();
    for (county, types, start, end, flagged) in rows {
        if !in_year(start, end) {
            continue;
        }
        *per_county.entry(county.clone()).or_default() += 1;
        if flagged {
            *flagged_per_county.entry(county.clone()).or_default() += 1;
        }
        for t in list_from_json::<AssistanceType>(&types) {
            let e = per_type.entry(t).or_default();
            e.0.insert(county.clone());
            e.1 += 1;
        }
    }
    let counties: Vec<KeyCountyCoverage> = keys
        .into_iter()
        .map(|(code, name, province_code, province_name, longitude, latitude)| {
            let n = per_county.get(&code).copied().unwrap_or(0);
            let flagged_pairings = flagged_per_county.get(&code).copied().unwrap_or(0);
            KeyCountyCoverage {
                code,
                name,
                province_code,
                province_name,
                longitude,
                latitude,
                covered: n > 0,
                active_pairings: n,
                flagged_pairings,
            }
        })
        .collect();
    // Every province of the plan in the area has its row, registered counties or not.
    let plan: Vec<&str> =
        KEY_COUNTY_PLAN.iter().map(|(p, _)| *p).filter(|p| province.is_none_or(|q| q == *p)).collect();
    let names: Vec<(String, String)> =
        provinces::table.filter(provinces::code.eq_any(&plan)).select((provinces::code, provinces::name)).load(conn)?;
    let row = |code: String, name: String| ProvinceCoverage {
        target: key_county_target(Some(&code)),
        province_code: code,
        province_name: name,
        key_counties: 0,
        unregistered: 0,
        covered: 0,
    };
    let mut by_province: BTreeMap<String, ProvinceCoverage> =
        names.into_iter().map(|(code, name)| (code.clone(), row(code, name))).collect();
    for c in &counties {
        let p = by_province
            .entry(c.province_code.clone())
            .or_insert_with(|| row(c.province_code.clone(), c.province_name.clone()));
        p.key_counties += 1;
        p.covered += i64::from(c.covered);
    }
    for p in by_province.values_mut() {
        p.target = p.target.max(p.key_counties);
        p.unregistered = unregistered(p.target, p.key_counties);
    }
    let registered = counties.len() as i64;
    let target = key_county_target(province).max(registered);
    Ok(Coverage {
        year,
        target,
        unregistered: unregistered(target, registered),
        key_counties: registered,
        covered: counties.iter().filter(|c| c.covered).count() as i64,
        uncovered: counties.iter().filter(|c| !c.covered).cloned().collect(),
        concentrated: counties.iter().filter(|c| c.active_pairings >= CONCENTRATION_THRESHOLD).cloned().collect(),
        flagged: counties.iter().filter(|c| c.flagged_pairings > 0).cloned().collect(),
        by_province: by_province.into_values().collect(),
        by_assistance_type: AssistanceType::ALL
            .iter()
            .map(|t| {
                let (set, n) = per_type.remove(t).unwrap_or_default();
                TypeCoverage { assistance_type: *t, covered_counties: set.len() as i64, active_pairings: n }
            })
            .collect(),
        counties,
    })
}
