//! Selections and nominations: who sees them, their contract shapes, and the nominee checks.
//! National admins run a selection; provincial officers nominate their own province's
//! organizations and brands; once published, the selected are everyone's to read. The platform
//! sets no quotas (不搞行政摊派).

use std::collections::HashMap;

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text, Timestamp};

use super::model::{Nomination, NominationQuery, NominationRow, NomineeResult, Selection, SelectionQuery, SelectionRow};
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{brands, evaluation_rounds, evaluation_subjects, nominations, organizations, selections};
use crate::domain::brand::BrandStatus;
use crate::domain::evaluation::{NominationStatus, RoundStatus, SelectionKind, SelectionStatus};
use crate::domain::{OrgStatus, Party, Role, lifecycle};
use crate::error::{ApiError, ApiResult};
use crate::tr;

pub const SELECTION: &str = "selection";
pub const NOMINATION: &str = "nomination";

pub fn selection_etag(s: &SelectionRow) -> String {
    crate::http::etag("selection", &s.id, s.version)
}

pub fn nomination_etag(n: &NominationRow) -> String {
    crate::http::etag("nomination", &n.id, n.version)
}

/// Coordinators (national admins, provincial officers) follow selections from the start;
/// everyone else reads the published ones.
fn follows_all(caller: &Caller) -> bool {
    matches!(caller.role, Role::NationalAdmin | Role::ProvincialOfficer)
}

pub fn load(conn: &mut DbConn, id: &str) -> ApiResult<Option<SelectionRow>> {
    Ok(selections::table.find(id).select(SelectionRow::as_select()).first(conn).optional()?)
}

pub fn visible(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<SelectionRow> {
    let row = load(conn, id)?.ok_or(ApiError::NotFound)?;
    if follows_all(caller) || row.status == SelectionStatus::Published { Ok(row) } else { Err(ApiError::NotFound) }
}

pub fn page(conn: &mut DbConn, caller: &Caller, query: &SelectionQuery, after: Option<&str>, limit: i64) -> ApiResult<Vec<SelectionRow>> {
    let mut q = selections::table.select(SelectionRow::as_select()).into_boxed();
    if !follows_all(caller) || query.subject.is_some() {
        q = q.filter(selections::status.eq(SelectionStatus::Published));
    }
    if let Some(subject) = &query.subject {
        let honored = nominations::table
            .filter(nominations::subject_id.eq(subject.clone()))
            .filter(nominations::status.eq(NominationStatus::Selected))
            .select(nominations::selection_id);
        q = q.filter(selections::id.eq_any(honored));
    }
    if let Some(y) = query.year {
        q = q.filter(selections::year.eq(y));
    }
    if let Some(k) = query.kind {
        q = q.filter(selections::kind.eq(k));
    }
    if let Some(s) = query.status {
        q = q.filter(selections::status.eq(s));
    }
    if let Some((at, id)) = after.and_then(|a| a.rsplit_once('\u{1f}')) {
        let at = crate::http::cursor_time(at)?;
        q = q.filter(
            sql::<Bool>("(selections.updated_at, selections.id) < (")
                .bind::<Timestamp, _>(at)
                .sql(", ")
                .bind::<Text, _>(id.to_owned())
                .sql(")"),
        );
    }
    Ok(q.order((selections::updated_at.desc(), selections::id.desc())).limit(limit + 1).load(conn)?)
}

pub fn cursor_key(r: &SelectionRow) -> String {
    format!("{}\u{1f}{}", r.updated_at.format("%Y-%m-%dT%H:%M:%S%.f"), r.id)
}

pub fn save(conn: &mut DbConn, row: &SelectionRow, expected: i64) -> ApiResult<()> {
    let n = diesel::update(selections::table.find(&row.id).filter(selections::version.eq(expected)))
        .set((
            selections::title.eq(&row.title),
            selections::evaluation_round_id.eq(&row.evaluation_round_id),
            selections::status.eq(row.status),
            selections::version.eq(row.version),
            selections::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

pub fn parties(caller: &Caller) -> Vec<Party> {
    if caller.role == Role::NationalAdmin { vec![Party::National] } else { vec![] }
}

/// A round that can inform a selection: the same kind of subject.
pub fn check_round(conn: &mut DbConn, kind: SelectionKind, round_id: &str) -> ApiResult<()> {
    let round = crate::evaluation::store::load_round(conn, round_id)?;
    match round {
        Some(r) if r.subject_type == kind.subject_type() => Ok(()),
        _ => Err(ApiError::field(
            "evaluation_round_id",
            tr!("须为评估同类对象（组织或品牌）的评估轮次", "a round evaluating the same kind of subject"),
        )),
    }
}

/// The nominations the caller reads in a selection they see: coordinators of the nominee's
/// province and national admins all of them; everyone the selected once published.
fn readable(caller: &Caller, selection: &SelectionRow) -> nominations::BoxedQuery<'static, crate::db::MultiBackend> {
    let mut q = nominations::table.filter(nominations::selection_id.eq(selection.id.clone())).into_boxed();
    match (caller.role, &caller.province_code) {
        (Role::NationalAdmin, _) => {}
        (Role::ProvincialOfficer, Some(p)) if selection.status != SelectionStatus::Published => {
            q = q.filter(nominations::province_code.eq(p.clone()));
        }
        (Role::ProvincialOfficer, Some(p)) => {
            q = q.filter(nominations::province_code.eq(p.clone()).or(nominations::status.eq(NominationStatus::Selected)));
        }
        _ => q = q.filter(nominations::status.eq(NominationStatus::Selected)),
    }
    q
}

pub fn nominations_of(conn: &mut DbConn, caller: &Caller, selection: &SelectionRow, query: &NominationQuery) -> ApiResult<Vec<NominationRow>> {
    let mut q = readable(caller, selection).select(NominationRow::as_select());
    if let Some(s) = query.status {
        q = q.filter(nominations::status.eq(s));
    }
    if let Some(p) = &query.province {
        q = q.filter(nominations::province_code.eq(p.clone()));
    }
    Ok(q.order((nominations::province_code, nominations::created_at, nominations::id)).limit(5_000).load(conn)?)
}

pub fn load_nomination(conn: &mut DbConn, id: &str) -> ApiResult<Option<NominationRow>> {
    Ok(nominations::table.find(id).select(NominationRow::as_select()).first(conn).optional()?)
}

/// A nomination the caller reads (its selection visible, the nomination readable), else 404.
pub fn visible_nomination(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<(SelectionRow, NominationRow)> {
    let n = load_nomination(conn, id)?.ok_or(ApiError::NotFound)?;
    let s = visible(conn, caller, &n.selection_id)?;
    let found: i64 = readable(caller, &s).filter(nominations::id.eq(n.id.clone())).count().get_result(conn)?;
    if found == 0 {
        return Err(ApiError::NotFound);
    }
    Ok((s, n))
}

/// National admins decide; the nominee's province (or a national admin) withdraws.
pub fn nomination_parties(caller: &Caller, n: &NominationRow) -> Vec<Party> {
    let mut p = vec![];
    let province = caller.role == Role::ProvincialOfficer && caller.province_code.as_deref() == Some(&n.province_code);
    if province || caller.role == Role::NationalAdmin {
        p.push(Party::Coordinator);
    }
    if caller.role == Role::NationalAdmin {
        p.push(Party::National);
    }
    p
}

pub fn save_nomination(conn: &mut DbConn, row: &NominationRow, expected: i64) -> ApiResult<()> {
    let n = diesel::update(nominations::table.find(&row.id).filter(nominations::version.eq(expected)))
        .set((
            nominations::status.eq(row.status),
            nominations::decision_reason.eq(&row.decision_reason),
            nominations::version.eq(row.version),
            nominations::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

/// (name, province, organization) of a nominee: an active organization, or a recognized brand.
pub fn nominee(conn: &mut DbConn, kind: SelectionKind, subject_id: &str) -> ApiResult<(String, String, String)> {
    let found = match kind {
        SelectionKind::OutstandingOrganization => organizations::table
            .find(subject_id)
            .filter(organizations::status.eq(OrgStatus::Active))
            .select((organizations::name, organizations::province_code, organizations::id))
            .first(conn)
            .optional()?,
        SelectionKind::WellKnownBrand => brands::table
            .find(subject_id)
            .filter(brands::status.eq_any(BrandStatus::PUBLISHED.iter().map(|s| s.as_str()).collect::<Vec<_>>()))
            .filter(brands::review_flag.eq(false))
            .select((brands::name, brands::province_code, brands::owner_organization_id))
            .first(conn)
            .optional()?,
    };
    found.ok_or_else(|| {
        ApiError::field("subject_id", tr!("须为正常状态的社会组织或已认定的公益品牌", "an active organization, or a recognized brand"))
    })
}

pub fn selection_dtos(conn: &mut DbConn, caller: &Caller, rows: &[SelectionRow], with_history: bool) -> ApiResult<Vec<Selection>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut history = if with_history { crate::history::of(conn, SELECTION, &ids)? } else { HashMap::new() };
    let parties = parties(caller);
    let mut out = vec![];
    for r in rows {
        // A selection has hundreds of nominations at most: counted here.
        let statuses: Vec<NominationStatus> = readable(caller, r).select(nominations::status).load(conn)?;
        let count = |f: &dyn Fn(NominationStatus) -> bool| statuses.iter().filter(|s| f(**s)).count() as i64;
        out.push(Selection {
            id: r.id.clone(),
            year: r.year,
            kind: r.kind,
            title: r.title.clone(),
            evaluation_round_id: r.evaluation_round_id.clone(),
            status: r.status,
            nominations: count(&|s| s != NominationStatus::Withdrawn),
            selected: count(&|s| s == NominationStatus::Selected),
            allowed_transitions: lifecycle::allowed_for(r.status, &parties),
            editable: caller.role == Role::NationalAdmin && r.status != SelectionStatus::Published,
            history: history.remove(&r.id).unwrap_or_default(),
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        });
    }
    Ok(out)
}

pub fn selection_dto(conn: &mut DbConn, caller: &Caller, row: &SelectionRow) -> ApiResult<Selection> {
    selection_dtos(conn, caller, std::slice::from_ref(row), true)?.pop().ok_or(ApiError::NotFound)
}

pub fn nomination_dtos(conn: &mut DbConn, caller: &Caller, selection: &SelectionRow, rows: &[NominationRow]) -> ApiResult<Vec<Nomination>> {
    // The evaluation result beside each nominee, for those who review and nominate.
    let mut results: HashMap<String, NomineeResult> = HashMap::new();
    if let (Some(round_id), true) = (&selection.evaluation_round_id, follows_all(caller)) {
        let round_status: Option<RoundStatus> =
            evaluation_rounds::table.find(round_id).select(evaluation_rounds::status).first(conn).optional()?;
        // A closed ranking is the national admins' until it is published; then every coordinator
        // who reads a nomination may see its place.
        let shown = match round_status {
            Some(RoundStatus::Closed) => caller.role == Role::NationalAdmin,
            Some(RoundStatus::Published) => true,
            _ => false,
        };
        if shown {
            let subjects: i64 =
                evaluation_subjects::table.filter(evaluation_subjects::round_id.eq(round_id)).count().get_result(conn)?;
            let ids: Vec<&str> = rows.iter().map(|r| r.subject_id.as_str()).collect();
            let found: Vec<(String, Option<i64>, Option<f64>)> = evaluation_subjects::table
                .filter(evaluation_subjects::round_id.eq(round_id))
                .filter(evaluation_subjects::subject_id.eq_any(&ids))
                .select((evaluation_subjects::subject_id, evaluation_subjects::rank, evaluation_subjects::total))
                .load(conn)?;
            for (id, rank, total) in found {
                if let (Some(rank), Some(total)) = (rank, total) {
                    results.insert(id, NomineeResult { rank, total, subjects });
                }
            }
        }
    }
    Ok(rows
        .iter()
        .map(|n| Nomination {
            id: n.id.clone(),
            selection_id: n.selection_id.clone(),
            subject_id: n.subject_id.clone(),
            subject_name: n.subject_name.clone(),
            province_code: n.province_code.clone(),
            organization_id: n.organization_id.clone(),
            reason: n.reason.clone(),
            nominated_by: n.nominated_by.clone(),
            status: n.status,
            decision_reason: n.decision_reason.clone(),
            result: results.remove(&n.subject_id),
            allowed_transitions: lifecycle::allowed_for(n.status, &nomination_parties(caller, n))
                .into_iter()
                .filter(|to| match to {
                    NominationStatus::Withdrawn => selection.status == SelectionStatus::Nominating,
                    _ => selection.status == SelectionStatus::Reviewing,
                })
                .collect(),
            created_at: n.created_at.and_utc(),
            updated_at: n.updated_at.and_utc(),
        })
        .collect())
}
