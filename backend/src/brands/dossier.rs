//! A brand's dossier: what the platform's own data says about it, from the projects that carry
//! it and the pairings they belong to. It is maintained, not scanned per request: whenever a
//! linked project changes (created, changed, moved, progress added, linked or unlinked) or one
//! of their pairings records cultivation, `refresh` recomputes the brand's figures from its own
//! projects (one index range) and stores them on the brand. Reading a dossier then costs the
//! brand's row at any scale. The two time-dependent figures (share updated in the last 90 days,
//! years active) are finished at read time from what is stored (each project's last activity
//! date, the first year), so they are right on any day without a write.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::{BrandDossier, BrandRow, StatusCount};
use crate::db::DbConn;
use crate::db::schema::{brands, counties, cultivation_records, projects};
use crate::domain::MoneyTotal;
use crate::domain::project::ProjectStatus;
use crate::error::ApiResult;

/// What is stored on the brand: the figures, and what the read-time figures are finished from.
#[derive(Serialize, Deserialize, Default)]
struct Stored {
    figures: BrandDossier,
    /// Each project's last activity (update or move) date.
    activity: Vec<NaiveDate>,
    /// The year of its first project.
    first_year: Option<i32>,
}

type ProjectFigures = (ProjectStatus, String, String, i64, i64, i64, i64, NaiveDateTime, Option<String>, NaiveDateTime);

/// Recomputes and stores the dossier of one brand.
///
/// The brand's row is locked first (a no-op update): two transactions changing two projects of
/// one brand at once then compute one after the other, and on PostgreSQL the second reads what
/// the first committed, so neither overwrites the dossier with figures that miss the other's
/// change. SQLite has one writer at a time anyway.
pub fn refresh(conn: &mut DbConn, brand_id: &str, now: NaiveDateTime) -> ApiResult<()> {
    diesel::update(brands::table.find(brand_id)).set(brands::dossier_at.eq(brands::dossier_at)).execute(conn)?;
    let rows: Vec<ProjectFigures> = projects::table
        .filter(projects::brand_id.eq(brand_id))
        .select((
            projects::status,
            projects::county_code,
            projects::province_code,
            projects::planned_funds_fen,
            projects::funds_in_place_fen,
            projects::beneficiaries_planned,
            projects::beneficiaries_reached,
            projects::last_activity_at,
            projects::pairing_id,
            projects::created_at,
        ))
        .load(conn)?;
    let mut by_status: BTreeMap<ProjectStatus, i64> = BTreeMap::new();
    let (mut counties_set, mut provinces, mut pairing_ids) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let (mut planned, mut in_place, mut b_planned, mut b_reached) = (0i128, 0i128, 0i128, 0i128);
    let mut activity = Vec::with_capacity(rows.len());
    let mut first_year: Option<i32> = None;
    for (status, county, province, pf, fip, bp, br, last, pairing, created) in &rows {
        *by_status.entry(*status).or_default() += 1;
        counties_set.insert(county.clone());
        provinces.insert(province.clone());
        if let Some(p) = pairing {
            pairing_ids.insert(p.clone());
        }
        planned += i128::from(*pf);
        in_place += i128::from(*fip);
        b_planned += i128::from(*bp);
        b_reached += i128::from(*br);
        activity.push(last.date());
        first_year = Some(first_year.map_or(created.year(), |y| y.min(created.year())));
    }
    let codes: Vec<&String> = counties_set.iter().collect();
    let key_counties: i64 = counties::table
        .filter(counties::code.eq_any(&codes))
        .filter(counties::key_county.eq(true))
        .count()
        .get_result(conn)?;
    let pairing_ids: Vec<&String> = pairing_ids.iter().collect();
    let cultivated: Vec<(i64, i64, i64)> = cultivation_records::table
        .filter(cultivation_records::pairing_id.eq_any(&pairing_ids))
        .select((
            cultivation_records::local_organizations,
            cultivation_records::volunteers,
            cultivation_records::social_workers,
        ))
        .load(conn)?;
    let total = |f: fn(&(i64, i64, i64)) -> i64| clamp(cultivated.iter().map(|r| i128::from(f(r))).sum());
    let count = |s: ProjectStatus| by_status.get(&s).copied().unwrap_or(0);
    let live = rows.len() as i64 - count(ProjectStatus::Cancelled);
    let landed = count(ProjectStatus::Landed) + count(ProjectStatus::Completed);
    let figures = BrandDossier {
        projects: rows.len() as i64,
        projects_by_status: by_status.iter().map(|(s, n)| StatusCount { status: *s, count: *n }).collect(),
        counties_reached: counties_set.len() as i64,
        key_counties_reached: key_counties,
        provinces_reached: provinces.len() as i64,
        funds_planned: MoneyTotal::from_fen(planned),
        funds_in_place: MoneyTotal::from_fen(in_place),
        beneficiaries_planned: clamp(b_planned),
        beneficiaries_reached: clamp(b_reached),
        landed_ratio: if live > 0 { landed as f64 / live as f64 } else { 0.0 },
        updated_recently_ratio: 0.0,
        years_active: 0,
        local_organizations_cultivated: total(|r| r.0),
        volunteers_cultivated: total(|r| r.1),
        social_workers_cultivated: total(|r| r.2),
        computed_at: Some(now.and_utc()),
    };
    let stored = Stored { figures, activity, first_year };
    let json = serde_json::to_string(&stored).map_err(|e| crate::error::ApiError::Internal(e.into()))?;
    diesel::update(brands::table.find(brand_id))
        .set((
            brands::dossier.eq(json),
            brands::dossier_at.eq(now),
            brands::funds_in_place_fen.eq(clamp(in_place)),
            brands::counties_reached.eq(counties_set.len() as i64),
        ))
        .execute(conn)?;
    Ok(())
}

fn clamp(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// Refreshes the brand a project carries, if any (after the project changed).
pub fn refresh_for_project(conn: &mut DbConn, project_id: &str, now: NaiveDateTime) -> ApiResult<()> {
    let brand: Option<Option<String>> =
        projects::table.find(project_id).select(projects::brand_id).first(conn).optional()?;
    match brand.flatten() {
        Some(b) => refresh(conn, &b, now),
        None => Ok(()),
    }
}

/// Refreshes the brands of the projects in a pairing (after it recorded cultivation).
pub fn refresh_for_pairing(conn: &mut DbConn, pairing_id: &str, now: NaiveDateTime) -> ApiResult<()> {
    let brands: Vec<Option<String>> = projects::table
        .filter(projects::pairing_id.eq(pairing_id))
        .filter(projects::brand_id.is_not_null())
        .select(projects::brand_id)
        .distinct()
        // Always in the same order, so two such refreshes cannot wait on each other's locks.
        .order(projects::brand_id)
        .load(conn)?;
    for b in brands.into_iter().flatten() {
        refresh(conn, &b, now)?;
    }
    Ok(())
}

/// The dossier as read now: the stored figures, finished with today's time-dependent ones.
pub fn read(row: &BrandRow, now: NaiveDateTime) -> BrandDossier {
    let stored: Stored = serde_json::from_str(&row.dossier).unwrap_or_default();
    let mut d = stored.figures;
    let cutoff = (now - chrono::Duration::days(crate::domain::project::STALE_DAYS)).date();
    let recent = stored.activity.iter().filter(|d| **d >= cutoff).count();
    d.updated_recently_ratio =
        if stored.activity.is_empty() { 0.0 } else { recent as f64 / stored.activity.len() as f64 };
    let since = row.started_year.map(|y| y as i32).or(stored.first_year);
    d.years_active = since.map_or(0, |y| i64::from((now.year() - y + 1).max(0)));
    d
}
