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
use crate::auth::Caller;
use crate::domain::Role;
use crate::error::ApiResult;

/// One set of figures as stored, and what its read-time figures are finished from.
#[derive(Serialize, Deserialize, Default)]
struct Part {
    figures: BrandDossier,
    /// Each project's last activity (update or move) date.
    activity: Vec<NaiveDate>,
    /// The year of its first project.
    first_year: Option<i32>,
}

/// What is stored on the brand: the figures over all its projects, for the national admins and
/// its own organization, and over its published projects (landed or completed), for everyone
/// else — a brand's dossier must not tell a viewer or another province about projects they may
/// not read (DOMAIN.md: published statistics only).
#[derive(Serialize, Deserialize, Default)]
struct Stored {
    all: Part,
    published: Part,
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
    let published: Vec<ProjectFigures> = rows.iter().filter(|r| r.0.is_published()).cloned().collect();
    let stored = Stored { all: part(conn, &rows, now, false)?, published: part(conn, &published, now, true)? };
    // Lists sort by the published figures: an order is something everyone sees.
    let (funds, counties) = (stored.published.figures.funds_in_place.fen(), stored.published.figures.counties_reached);
    let json = serde_json::to_string(&stored).map_err(|e| crate::error::ApiError::Internal(e.into()))?;
    diesel::update(brands::table.find(brand_id))
        .set((
            brands::dossier.eq(json),
            brands::dossier_at.eq(now),
            brands::funds_in_place_fen.eq(clamp(funds)),
            brands::counties_reached.eq(counties),
        ))
        .execute(conn)?;
    Ok(())
}

/// The figures of these projects (and the cultivation of their pairings).
fn part(conn: &mut DbConn, rows: &[ProjectFigures], now: NaiveDateTime, published_only: bool) -> ApiResult<Part> {
    let mut by_status: BTreeMap<ProjectStatus, i64> = BTreeMap::new();
    let (mut counties_set, mut provinces, mut pairing_ids) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let (mut planned, mut in_place, mut b_planned, mut b_reached) = (0i128, 0i128, 0i128, 0i128);
    let mut activity = Vec::with_capacity(rows.len());
    let mut first_year: Option<i32> = None;
    for (status, county, province, pf, fip, bp, br, last, pairing, created) in rows {
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
        published_only,
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
    Ok(Part { figures, activity, first_year })
}

fn clamp(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// Refreshes several brands, each once, always in the same order: two transactions refreshing
/// the same brands cannot each hold one lock the other waits for.
pub fn refresh_many<'a>(conn: &mut DbConn, ids: impl IntoIterator<Item = &'a str>, now: NaiveDateTime) -> ApiResult<()> {
    let ids: BTreeSet<&str> = ids.into_iter().collect();
    for id in ids {
        refresh(conn, id, now)?;
    }
    Ok(())
}

/// Refreshes the brands of the projects in a pairing (after it recorded cultivation).
pub fn refresh_for_pairing(conn: &mut DbConn, pairing_id: &str, now: NaiveDateTime) -> ApiResult<()> {
    let brands: Vec<Option<String>> = projects::table
        .filter(projects::pairing_id.eq(pairing_id))
        .filter(projects::brand_id.is_not_null())
        .select(projects::brand_id)
        .distinct()
        .load(conn)?;
    let brands: Vec<String> = brands.into_iter().flatten().collect();
    refresh_many(conn, brands.iter().map(String::as_str), now)
}

/// The dossier as the caller may read it now: over all the brand's projects for national
/// admins and the brand's own organization, over its published projects for everyone else;
/// finished with today's time-dependent figures.
pub fn read(row: &BrandRow, caller: &Caller, now: NaiveDateTime) -> BrandDossier {
    let stored: Stored = serde_json::from_str(&row.dossier).unwrap_or_default();
    let insider = caller.role == Role::NationalAdmin || caller.is_member_of(&row.owner_organization_id);
    let part = if insider { stored.all } else { stored.published };
    let mut d = part.figures;
    let cutoff = (now - chrono::Duration::days(crate::domain::project::STALE_DAYS)).date();
    let recent = part.activity.iter().filter(|d| **d >= cutoff).count();
    d.updated_recently_ratio = if part.activity.is_empty() { 0.0 } else { recent as f64 / part.activity.len() as f64 };
    let since = row.started_year.map(|y| y as i32).or(part.first_year);
    d.years_active = since.map_or(0, |y| i64::from((now.year() - y + 1).max(0)));
    d
}
