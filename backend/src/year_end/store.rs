use std::collections::{BTreeMap, HashMap};

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text, Timestamp};

use super::model::{Figure, ReportQuery, ReportRow, Sections, Signature, SignatureRow, YearEndReport};
use crate::auth::Caller;
use crate::db::schema::{provinces, year_end_reports, year_end_signatures, year_end_versions};
use crate::db::{DbConn, MultiBackend};
use crate::domain::year_end::{ReportStatus, Section};
use crate::domain::{Department, Party, Role, lifecycle};
use crate::error::{ApiError, ApiResult};
use crate::tr;

/// The history's and attachments' entity name.
pub const ENTITY: &str = "year_end_report";

/// A section holds at most this many visible characters (about twenty pages).
pub const MAX_SECTION_CHARS: usize = 20_000;
/// What is sent for a section before sanitizing is bounded too, so markup cannot inflate it.
pub const MAX_SECTION_BYTES: usize = 200_000;
/// A reviewer's comment on a section.
pub const MAX_COMMENT_CHARS: usize = 2_000;

pub fn etag(row: &ReportRow) -> String {
    crate::http::etag(ENTITY, &row.id, row.version)
}

/// Who reads reports: the national liaison units all, a province's officers their own. No one
/// else: a report is the province's word to the nation until the nation publishes something.
pub fn reads_reports(caller: &Caller) -> bool {
    matches!(caller.role, Role::NationalAdmin | Role::ProvincialOfficer)
}

pub fn require_reader(caller: &Caller) -> ApiResult<()> {
    if reads_reports(caller) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(tr!(
            "年度报告只对国家联络单位和本省主管部门开放。",
            "Year-end reports are read by the national liaison units and the province's officers only."
        )))
    }
}

/// A report's year within `bounds::YEARS` (422 naming `year`).
pub fn check_year(year: i64) -> ApiResult<()> {
    if crate::bounds::YEARS.contains(&year) { Ok(()) } else { Err(ApiError::field("year", tr!("年份超出范围", "year out of range"))) }
}

pub fn require_national(caller: &Caller) -> ApiResult<()> {
    caller.require_role(&[Role::NationalAdmin])
}

/// An officer of the report's province writes, signs and submits it; a national admin reviews.
pub fn parties(caller: &Caller, row: &ReportRow) -> Vec<Party> {
    match caller.role {
        Role::NationalAdmin => vec![Party::National],
        Role::ProvincialOfficer if caller.province_code.as_deref() == Some(&row.province_code) => vec![Party::Coordinator],
        _ => vec![],
    }
}

pub fn may_edit(caller: &Caller, row: &ReportRow) -> bool {
    row.status.is_editable() && parties(caller, row).contains(&Party::Coordinator)
}

/// A person signs for a department; a service account's token signs nothing.
pub fn signing_department(caller: &Caller, row: &ReportRow) -> Option<Department> {
    if caller.is_service_account || !may_edit(caller, row) {
        return None;
    }
    caller.department
}

type Condition<'a> = Box<dyn BoxableExpression<year_end_reports::table, MultiBackend, SqlType = Bool> + 'a>;

fn visible_to<'a>(caller: &Caller) -> Option<Condition<'a>> {
    match caller.role {
        Role::NationalAdmin => None,
        Role::ProvincialOfficer => Some(Box::new(year_end_reports::province_code.eq(caller.province_code.clone().unwrap_or_default()))),
        _ => Some(Box::new(sql::<Bool>("1 = 0"))),
    }
}

pub fn visible_row(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<ReportRow> {
    let mut q = year_end_reports::table.filter(year_end_reports::id.eq(id.to_owned())).into_boxed();
    if let Some(cond) = visible_to(caller) {
        q = q.filter(cond);
    }
    q.select(ReportRow::as_select()).first(conn).optional()?.ok_or(ApiError::NotFound)
}

pub fn filtered<'a>(caller: &Caller, query: &ReportQuery) -> year_end_reports::BoxedQuery<'a, MultiBackend> {
    let mut q = year_end_reports::table.into_boxed();
    if let Some(cond) = visible_to(caller) {
        q = q.filter(cond);
    }
    if let Some(y) = query.year {
        q = q.filter(year_end_reports::year.eq(y));
    }
    if let Some(p) = &query.province {
        q = q.filter(year_end_reports::province_code.eq(p.clone()));
    }
    if let Some(s) = query.status {
        q = q.filter(year_end_reports::status.eq(s));
    }
    q
}

pub fn cursor_key(row: &ReportRow) -> String {
    format!("{}\u{1f}{}", row.updated_at.format("%Y-%m-%dT%H:%M:%S%.f"), row.id)
}

/// A page, most recently changed first, in keyset order.
pub fn page(conn: &mut DbConn, caller: &Caller, query: &ReportQuery, after: Option<&str>, limit: i64) -> ApiResult<Vec<ReportRow>> {
    let mut q = filtered(caller, query).select(ReportRow::as_select());
    if let Some(after) = after {
        let (key, id) = after
            .split_once('\u{1f}')
            .ok_or_else(|| ApiError::field("cursor", tr!("不是本接口返回的游标", "not a cursor this API returned")))?;
        let at = crate::http::cursor_time(key)?;
        q = q.filter(
            sql::<Bool>("(year_end_reports.updated_at, year_end_reports.id) < (")
                .bind::<Timestamp, _>(at)
                .sql(", ")
                .bind::<Text, _>(id.to_owned())
                .sql(")"),
        );
    }
    Ok(q.order((year_end_reports::updated_at.desc(), year_end_reports::id.desc())).limit(limit + 1).load(conn)?)
}

/// Saves a changed row if it is still at `expected` (412 otherwise).
pub fn save(conn: &mut DbConn, row: &ReportRow, expected: i64) -> ApiResult<()> {
    let n = diesel::update(year_end_reports::table.find(&row.id).filter(year_end_reports::version.eq(expected)))
        .set((
            year_end_reports::status.eq(row.status),
            year_end_reports::sections.eq(&row.sections),
            year_end_reports::figures.eq(&row.figures),
            year_end_reports::return_comments.eq(&row.return_comments),
            year_end_reports::submitted_at.eq(row.submitted_at),
            year_end_reports::accepted_at.eq(row.accepted_at),
            year_end_reports::version.eq(row.version),
            year_end_reports::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

/// Takes the report's row at the version read (412 if it moved), for the rest of the transaction.
pub fn claim(conn: &mut DbConn, row: &ReportRow) -> ApiResult<()> {
    let n = diesel::update(year_end_reports::table.find(&row.id).filter(year_end_reports::version.eq(row.version)))
        .set(year_end_reports::version.eq(year_end_reports::version))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

pub fn sections(row: &ReportRow) -> Sections {
    serde_json::from_str(&row.sections).unwrap_or_default()
}

pub fn frozen_figures(row: &ReportRow) -> Option<Vec<Figure>> {
    row.figures.as_deref().and_then(|f| serde_json::from_str(f).ok())
}

pub fn comments(row: &ReportRow) -> BTreeMap<Section, String> {
    row.return_comments.as_deref().and_then(|c| serde_json::from_str(c).ok()).unwrap_or_default()
}

pub fn to_json<T: serde::Serialize>(v: &T) -> ApiResult<String> {
    serde_json::to_string(v).map_err(|e| ApiError::Internal(e.into()))
}

/// Cleans and bounds a section as sent (422 naming `sections.<key>`).
pub fn clean_section(section: Section, html: &str) -> ApiResult<String> {
    let field = format!("sections.{}", section.as_str());
    if html.len() > MAX_SECTION_BYTES {
        return Err(ApiError::field(&field, tr!("内容过长", "too long")));
    }
    if html.contains('\0') {
        return Err(ApiError::field(&field, tr!("不能包含空字符 U+0000", "must not contain U+0000")));
    }
    let clean = crate::rich_text::sanitize(html);
    if crate::rich_text::visible_len(&clean) > MAX_SECTION_CHARS || clean.len() > MAX_SECTION_BYTES {
        let max = MAX_SECTION_CHARS;
        return Err(ApiError::field(&field, tr!("不能超过 {max} 字", "at most {max} characters")));
    }
    Ok(clean)
}

pub fn signatures_of(conn: &mut DbConn, ids: &[&str]) -> ApiResult<HashMap<String, Vec<Signature>>> {
    let rows: Vec<SignatureRow> = year_end_signatures::table
        .filter(year_end_signatures::report_id.eq_any(ids))
        .order((year_end_signatures::report_id, year_end_signatures::signed_at))
        .select(SignatureRow::as_select())
        .load(conn)?;
    let mut map: HashMap<String, Vec<Signature>> = HashMap::new();
    for r in rows {
        map.entry(r.report_id.clone()).or_default().push(r.into());
    }
    Ok(map)
}

/// Removes the signatures: what they signed is no longer what the report says. Returns how many.
pub fn clear_signatures(conn: &mut DbConn, report_id: &str) -> ApiResult<usize> {
    Ok(diesel::delete(year_end_signatures::table.filter(year_end_signatures::report_id.eq(report_id))).execute(conn)?)
}

pub fn province_name(conn: &mut DbConn, code: &str) -> ApiResult<Option<String>> {
    Ok(provinces::table.find(code).select(provinces::name).first(conn).optional()?)
}

/// The API view of these reports; live figures and history only for one.
pub fn to_dtos(conn: &mut DbConn, caller: &Caller, rows: &[ReportRow], one: bool) -> ApiResult<Vec<YearEndReport>> {
    let codes: Vec<&str> = rows.iter().map(|r| r.province_code.as_str()).collect();
    let names: HashMap<String, String> = provinces::table
        .filter(provinces::code.eq_any(&codes))
        .select((provinces::code, provinces::name))
        .load(conn)?
        .into_iter()
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut signatures = signatures_of(conn, &ids)?;
    let versions: HashMap<String, i64> = year_end_versions::table
        .filter(year_end_versions::report_id.eq_any(&ids))
        .group_by(year_end_versions::report_id)
        .select((year_end_versions::report_id, diesel::dsl::count_star()))
        .load(conn)?
        .into_iter()
        .collect();
    let mut histories = if one { crate::history::of(conn, ENTITY, &ids)? } else { HashMap::new() };
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let signatures = signatures.remove(&r.id).unwrap_or_default();
        let history = histories.remove(&r.id).unwrap_or_default();
        let return_reason = matches!(r.status, ReportStatus::Returned | ReportStatus::Draft)
            .then(|| history.iter().rev().find(|e| !e.reason.is_empty() && e.from_status.is_some()).map(|e| e.reason.clone()))
            .flatten();
        let signed: Vec<Department> = signatures.iter().map(|s| s.department).collect();
        let may_sign = signing_department(caller, r).is_some_and(|d| !signed.contains(&d));
        out.push(YearEndReport {
            id: r.id.clone(),
            province_code: r.province_code.clone(),
            province_name: names.get(&r.province_code).cloned().unwrap_or_default(),
            year: r.year,
            status: r.status,
            sections: sections(r),
            figures: frozen_figures(r),
            live_figures: if one { super::figures::live(conn, &r.province_code, r.year)? } else { vec![] },
            signatures,
            return_comments: if r.status == ReportStatus::Returned { comments(r) } else { BTreeMap::new() },
            return_reason,
            submitted_at: r.submitted_at.map(|t| t.and_utc()),
            accepted_at: r.accepted_at.map(|t| t.and_utc()),
            allowed_transitions: lifecycle::allowed_for(r.status, &parties(caller, r)),
            may_edit: may_edit(caller, r),
            may_sign,
            versions: versions.get(&r.id).copied().unwrap_or(0),
            history,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        });
    }
    Ok(out)
}

pub fn one(conn: &mut DbConn, caller: &Caller, row: &ReportRow) -> ApiResult<YearEndReport> {
    to_dtos(conn, caller, std::slice::from_ref(row), true)?.pop().ok_or(ApiError::NotFound)
}
