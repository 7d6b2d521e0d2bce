use std::collections::{BTreeMap, HashMap};

use diesel::dsl::count_star;
use diesel::prelude::*;

use super::model::{
    County, CountyQuery, CountyRow, EastWestPair, KEY_COUNTY_PLAN, Province, ProvinceKeyCount, key_county_target,
};
use crate::db::DbConn;
use crate::db::schema::{counties, east_west_pairs, provinces};
use crate::db::sql::like_pattern;
use crate::domain::Region;
use crate::error::{ApiError, ApiResult};

pub fn province_names(conn: &mut DbConn) -> ApiResult<HashMap<String, String>> {
    let rows: Vec<(String, String)> = provinces::table.select((provinces::code, provinces::name)).load(conn)?;
    Ok(rows.into_iter().collect())
}

pub fn provinces(conn: &mut DbConn, only: Option<&str>) -> ApiResult<Vec<Province>> {
    let mut q = provinces::table
        .select((provinces::code, provinces::name, provinces::short_name, provinces::region))
        .order(provinces::code)
        .into_boxed();
    if let Some(code) = only {
        q = q.filter(provinces::code.eq(code.to_owned()));
    }
    let rows: Vec<(String, String, String, String)> = q.load(conn)?;
    let counts: Vec<(String, bool, i64)> = counties::table
        .group_by((counties::province_code, counties::key_county))
        .select((counties::province_code, counties::key_county, count_star()))
        .load(conn)?;
    let mut totals: HashMap<String, (i64, i64)> = HashMap::new();
    for (p, key, n) in counts {
        let e = totals.entry(p).or_default();
        e.0 += n;
        if key {
            e.1 += n;
        }
    }
    rows.into_iter()
        .map(|(code, name, short_name, region)| {
            let (county_count, key_county_count) = totals.get(&code).copied().unwrap_or_default();
            Ok(Province {
                region: region.parse::<Region>().map_err(|e| ApiError::Internal(anyhow::anyhow!(e)))?,
                code,
                name,
                short_name,
                county_count,
                key_county_count,
            })
        })
        .collect()
}

fn filtered<'a>(query: &CountyQuery) -> counties::BoxedQuery<'a, crate::db::MultiBackend> {
    let mut q = counties::table.into_boxed();
    if let Some(p) = &query.province {
        q = q.filter(counties::province_code.eq(p.clone()));
    }
    if let Some(k) = query.key_county {
        q = q.filter(counties::key_county.eq(k));
    }
    if let Some(text) = query.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let by_name = counties::name.like(like_pattern(text)).escape('\\');
        q = if text.bytes().all(|b| b.is_ascii_digit()) {
            q.filter(by_name.or(counties::code.like(format!("{text}%"))))
        } else {
            q.filter(by_name)
        };
    }
    q
}

pub fn counties(
    conn: &mut DbConn,
    query: &CountyQuery,
    after: Option<&str>,
    limit: i64,
) -> ApiResult<(Vec<CountyRow>, Option<i64>)> {
    let mut q = filtered(query).select(CountyRow::as_select());
    if let Some(after) = after {
        q = q.filter(counties::code.gt(after.to_owned()));
    }
    let rows = q.order(counties::code.asc()).limit(limit + 1).load(conn)?;
    let total = if query.count == Some(true) { Some(filtered(query).count().get_result(conn)?) } else { None };
    Ok((rows, total))
}

pub fn county(conn: &mut DbConn, code: &str) -> ApiResult<Option<CountyRow>> {
    Ok(counties::table.find(code).select(CountyRow::as_select()).first(conn).optional()?)
}

pub fn county_dto(conn: &mut DbConn, row: CountyRow) -> ApiResult<County> {
    let name: String = provinces::table.find(&row.province_code).select(provinces::name).first(conn)?;
    Ok(County::from_row(row, name))
}

/// Sets the key-county flag if the row is still at `expected_version`.
pub fn set_key_county(
    conn: &mut DbConn,
    code: &str,
    key: bool,
    expected_version: i64,
    now: chrono::NaiveDateTime,
) -> ApiResult<()> {
    let n = diesel::update(counties::table.find(code).filter(counties::version.eq(expected_version)))
        .set((counties::key_county.eq(key), counties::version.eq(expected_version + 1), counties::updated_at.eq(now)))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

/// Registered key counties by province, with every province of the plan listed even before
/// one of its counties is registered (甘肃 and 青海 start at 0 of 23 and 15).
pub fn key_counts(conn: &mut DbConn) -> ApiResult<Vec<ProvinceKeyCount>> {
    let names = province_names(conn)?;
    let rows: Vec<(String, i64)> = counties::table
        .filter(counties::key_county.eq(true))
        .group_by(counties::province_code)
        .select((counties::province_code, count_star()))
        .load(conn)?;
    let mut registered: BTreeMap<String, i64> = KEY_COUNTY_PLAN.iter().map(|(p, _)| ((*p).to_owned(), 0)).collect();
    registered.extend(rows);
    Ok(registered
        .into_iter()
        .map(|(code, registered)| ProvinceKeyCount {
            province_name: names.get(&code).cloned().unwrap_or_default(),
            target: key_county_target(Some(&code)),
            province_code: code,
            registered,
        })
        .collect())
}

/// Does the eastern province assist the western one under east–west cooperation?
pub fn assists(conn: &mut DbConn, east_province: &str, west_province: &str) -> ApiResult<bool> {
    let n: i64 = east_west_pairs::table
        .filter(east_west_pairs::east_province_code.eq(east_province))
        .filter(east_west_pairs::west_province_code.eq(west_province))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn east_west_pairs(conn: &mut DbConn) -> ApiResult<Vec<EastWestPair>> {
    let names = province_names(conn)?;
    let rows: Vec<(String, String, String)> = east_west_pairs::table
        .select((east_west_pairs::east_province_code, east_west_pairs::west_province_code, east_west_pairs::notes))
        .order((east_west_pairs::east_province_code, east_west_pairs::west_province_code))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(east, west, notes)| EastWestPair {
            east_province_name: names.get(&east).cloned().unwrap_or_default(),
            west_province_name: names.get(&west).cloned().unwrap_or_default(),
            east_province_code: east,
            west_province_code: west,
            notes,
        })
        .collect())
}
