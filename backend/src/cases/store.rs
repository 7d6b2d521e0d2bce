use std::collections::{HashMap, HashSet};

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text, Timestamp};

use super::model::{Case, CaseFigures, CaseQuery, CaseRow, CollectionRow};
use crate::auth::Caller;
use crate::auth::scope::DataScope;
use crate::db::schema::{case_collections, case_projects, cases, counties, organizations, project_organizations, projects};
use crate::db::sql::like_pattern;
use crate::db::{DbConn, MultiBackend};
use crate::domain::case::{CaseStatus, CollectionStatus};
use crate::domain::lifecycle;
use crate::domain::project::ProjectStatus;
use crate::domain::{Consent, CountyCode, MoneyTotal, OrgStatus, Party, Role};
use crate::error::{ApiError, ApiResult, Invalid};
use crate::tr;

/// The history's entity names.
pub const ENTITY: &str = "case";
pub const COLLECTION: &str = "case_collection";
/// At most this many linked projects and counties per case.
pub const MAX_LINKS: usize = 20;

pub fn load(conn: &mut DbConn, id: &str) -> ApiResult<Option<CaseRow>> {
    Ok(cases::table.find(id).select(CaseRow::as_select()).first(conn).optional()?)
}

pub fn load_collection(conn: &mut DbConn, id: &str) -> ApiResult<Option<CollectionRow>> {
    Ok(case_collections::table.find(id).select(CollectionRow::as_select()).first(conn).optional()?)
}

pub fn case_etag(c: &CaseRow) -> String {
    crate::http::etag("case", &c.id, c.version)
}

pub fn collection_etag(c: &CollectionRow) -> String {
    crate::http::etag("case_collection", &c.id, c.version)
}

/// The caller's relations to a case: its organization's members (`Organization`), the officer of
/// its province and national admins (`Coordinator`, who shortlist and return), national admins
/// (`National`, who name typical cases).
pub fn parties(caller: &Caller, row: &CaseRow) -> Vec<Party> {
    let mut p = vec![];
    if caller.is_member_of(&row.organization_id) {
        p.push(Party::Organization);
    }
    if caller.administers_org(&row.province_code) {
        p.push(Party::Coordinator);
    }
    if caller.role == Role::NationalAdmin {
        p.push(Party::National);
    }
    p
}

/// Its organization's members and coordinators change a case while it is a draft or returned.
pub fn may_edit(caller: &Caller, row: &CaseRow) -> bool {
    row.status.is_editable() && caller.acts_for_org(&row.organization_id, &row.province_code)
}

pub type CaseCondition<'a> = Box<dyn BoxableExpression<cases::table, MultiBackend, SqlType = Bool> + 'a>;

type PublishedCollections = diesel::dsl::Select<
    diesel::dsl::Filter<case_collections::table, diesel::dsl::Eq<case_collections::status, CollectionStatus>>,
    case_collections::id,
>;

fn published_collections() -> PublishedCollections {
    case_collections::table.filter(case_collections::status.eq(CollectionStatus::Published)).select(case_collections::id)
}

/// Public cases: typical, consented to, in a published collection, of an organization in good
/// standing (a suspended or revoked one's cases leave the showcase until it is reinstated).
pub fn public<'a>() -> CaseCondition<'a> {
    let inactive = organizations::table.filter(organizations::status.ne(OrgStatus::Active)).select(organizations::id);
    Box::new(
        cases::status
            .eq(CaseStatus::Typical)
            .and(cases::consent_to_publish.eq(true))
            .and(cases::collection_id.eq_any(published_collections()))
            .and(cases::organization_id.ne_all(inactive)),
    )
}

/// Who reads which cases: national admins all; a province its organizations' cases; a county
/// the typical cases touching it; an organization its own; everyone the public ones. `None`
/// when the scope reads every case.
pub fn visible_to<'a>(scope: &DataScope) -> Option<CaseCondition<'a>> {
    Some(match scope {
        DataScope::All => return None,
        DataScope::Province(p) => Box::new(cases::province_code.eq(p.clone()).or(public())),
        DataScope::County(c) => Box::new(
            cases::status.eq(CaseStatus::Typical).and(cases::county_codes.like(format!("%\"{c}\"%"))).or(public()),
        ),
        DataScope::Organization(o) => Box::new(cases::organization_id.eq(o.clone()).or(public())),
        DataScope::Published => public(),
    })
}

/// The rule of `public`, for one case already read.
pub fn is_public(row: &CaseRow, collection: CollectionStatus, organization: OrgStatus) -> bool {
    row.status == CaseStatus::Typical
        && row.consent_to_publish
        && collection == CollectionStatus::Published
        && organization == OrgStatus::Active
}

/// The case if the caller may see it; otherwise 404.
pub fn visible_row(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<CaseRow> {
    let mut q = cases::table.filter(cases::id.eq(id.to_owned())).into_boxed();
    if let Some(cond) = visible_to(&caller.data_scope()) {
        q = q.filter(cond);
    }
    q.select(CaseRow::as_select()).first(conn).optional()?.ok_or(ApiError::NotFound)
}

pub fn filtered<'a>(caller: &Caller, query: &CaseQuery) -> cases::BoxedQuery<'a, MultiBackend> {
    let mut q = cases::table.into_boxed();
    if let Some(cond) = visible_to(&caller.data_scope()) {
        q = q.filter(cond);
    }
    if let Some(v) = &query.collection {
        q = q.filter(cases::collection_id.eq(v.clone()));
    }
    if let Some(v) = query.status {
        q = q.filter(cases::status.eq(v));
    }
    if let Some(v) = query.line {
        q = q.filter(cases::line.eq(v));
    }
    if let Some(v) = &query.province {
        q = q.filter(cases::province_code.eq(v.clone()));
    }
    if let Some(v) = &query.organization {
        q = q.filter(cases::organization_id.eq(v.clone()));
    }
    if let Some(v) = &query.brand {
        q = q.filter(cases::brand_id.eq(v.clone()));
    }
    if let Some(text) = query.q.as_deref().filter(|t| !t.trim().is_empty()) {
        q = q.filter(cases::title.like(like_pattern(text)).escape('\\'));
    }
    q
}

pub fn cursor_key(row: &CaseRow) -> String {
    format!("{}\u{1f}{}", row.updated_at.format("%Y-%m-%dT%H:%M:%S%.f"), row.id)
}

/// A page, most recently changed first, in keyset order.
pub fn page(
    conn: &mut DbConn,
    caller: &Caller,
    query: &CaseQuery,
    after: Option<&str>,
    limit: i64,
) -> ApiResult<Vec<CaseRow>> {
    let mut q = filtered(caller, query).select(CaseRow::as_select());
    if let Some((key, id)) = after.and_then(|a| a.split_once('\u{1f}')) {
        let at = crate::http::cursor_time(key)?;
        q = q.filter(
            sql::<Bool>("(cases.updated_at, cases.id) < (")
                .bind::<Timestamp, _>(at)
                .sql(", ")
                .bind::<Text, _>(id.to_owned())
                .sql(")"),
        );
    }
    Ok(q.order((cases::updated_at.desc(), cases::id.desc())).limit(limit + 1).load(conn)?)
}

/// The links of a case, checked: its own projects only (the organization takes part, having
/// accepted), existing counties, a brand of its organization; at most `MAX_LINKS` each. Errors
/// name the field.
pub fn check_links(
    conn: &mut DbConn,
    caller: &Caller,
    organization_id: &str,
    project_ids: &[String],
    county_codes: &[String],
    brand_id: Option<&str>,
) -> ApiResult<(Vec<String>, Vec<String>)> {
    let mut errors = vec![];
    let mut project_ids: Vec<String> = project_ids.iter().map(|s| s.trim().to_owned()).collect();
    project_ids.sort();
    project_ids.dedup();
    let mut county_codes: Vec<String> = county_codes.iter().map(|s| s.trim().to_owned()).collect();
    county_codes.sort();
    county_codes.dedup();
    if project_ids.len() > MAX_LINKS {
        errors.push(Invalid::new("project_ids", tr!("最多关联 20 个项目", "at most 20 projects")));
    } else {
        let own: i64 = project_organizations::table
            .filter(project_organizations::organization_id.eq(organization_id))
            .filter(project_organizations::consent.eq(Consent::Accepted))
            .filter(project_organizations::project_id.eq_any(&project_ids))
            .count()
            .get_result(conn)?;
        if own != project_ids.len() as i64 {
            errors.push(Invalid::new(
                "project_ids",
                tr!("只能关联本组织参与的项目", "only projects the organization takes part in"),
            ));
        }
    }
    if county_codes.len() > MAX_LINKS {
        errors.push(Invalid::new("county_codes", tr!("最多 20 个县", "at most 20 counties")));
    } else if county_codes.iter().any(|c| CountyCode::parse(c).is_err()) {
        errors.push(Invalid::new("county_codes", tr!("县级代码应为 6 位数字", "six-digit county codes")));
    } else {
        let found: i64 = counties::table.filter(counties::code.eq_any(&county_codes)).count().get_result(conn)?;
        if found != county_codes.len() as i64 {
            errors.push(Invalid::new("county_codes", tr!("有不存在的县", "a county does not exist")));
        }
    }
    // The case's own organization (whose members or coordinators write it) takes part.
    if let Some(b) = brand_id
        && let Err(ApiError::Validation(mut e)) =
            crate::brands::store::check_for_project(conn, caller, b, &[(organization_id.to_owned(), Consent::Accepted)])
    {
        errors.append(&mut e);
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok((project_ids, county_codes))
}

/// The rules of a case's own text fields.
pub fn validate(title: &str, sections: [(&str, &str); 4]) -> Vec<Invalid> {
    let mut errors = vec![];
    if !crate::bounds::TITLE.accepts(title) {
        errors.push(Invalid::new("title", tr!("标题应为 1–200 个字符", "1–200 characters")));
    }
    for (field, text) in sections {
        if !crate::bounds::DESCRIPTION.accepts(text) {
            errors.push(Invalid::new(field, tr!("最多 5000 个字符", "at most 5000 characters")));
        }
    }
    errors
}

/// Every project a case links, whoever reads it (for changing the links).
pub fn linked_project_ids(conn: &mut DbConn, case_id: &str) -> ApiResult<Vec<String>> {
    Ok(case_projects::table
        .filter(case_projects::case_id.eq(case_id))
        .select(case_projects::project_id)
        .order(case_projects::project_id)
        .load(conn)?)
}

pub fn set_projects(conn: &mut DbConn, case_id: &str, ids: &[String]) -> ApiResult<()> {
    diesel::delete(case_projects::table.filter(case_projects::case_id.eq(case_id))).execute(conn)?;
    let rows: Vec<_> =
        ids.iter().map(|p| (case_projects::case_id.eq(case_id), case_projects::project_id.eq(p.as_str()))).collect();
    if !rows.is_empty() {
        crate::batch_insert!(conn, case_projects::table, &rows)?;
    }
    Ok(())
}

pub fn save(conn: &mut DbConn, row: &CaseRow, expected_version: i64) -> ApiResult<()> {
    let n = diesel::update(cases::table.find(&row.id).filter(cases::version.eq(expected_version)))
        .set((
            cases::title.eq(&row.title),
            cases::brand_id.eq(&row.brand_id),
            cases::line.eq(row.line),
            cases::county_codes.eq(&row.county_codes),
            cases::background.eq(&row.background),
            cases::approach.eq(&row.approach),
            cases::results.eq(&row.results),
            cases::lessons.eq(&row.lessons),
            cases::consent_to_publish.eq(row.consent_to_publish),
            cases::status.eq(row.status),
            cases::version.eq(row.version),
            cases::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

/// Applies a move by the lifecycle table, plus the collection's rule: a case is submitted only
/// into an open collection, on or before its deadline (409 naming the deadline).
pub fn transition(conn: &mut DbConn, caller: &Caller, row: &mut CaseRow, to: super::model::CaseTransition) -> ApiResult<()> {
    let from = row.status;
    lifecycle::check(from, to.to, &parties(caller, row), &to.reason)?;
    if to.to == CaseStatus::Submitted {
        let c = load_collection(conn, &row.collection_id)?.ok_or(ApiError::NotFound)?;
        let deadline = c.deadline;
        // The deadline is a day in China: it ends at midnight Beijing time (UTC+8).
        let today = (caller.now + chrono::Duration::hours(8)).date();
        if c.status != CollectionStatus::Open || today > deadline {
            return Err(ApiError::Conflict(tr!(
                "案例征集已于 {deadline} 截止，不能再提交。",
                "The collection closed on {deadline}; cases can no longer be submitted."
            )));
        }
    }
    row.status = to.to;
    crate::history::record(conn, ENTITY, &row.id, caller, Some(from), to.to, &to.reason)?;
    super::notices::moved(conn, caller, row)
}

type Linked = (String, String, ProjectStatus, String, i64, i64, i64);

/// The API view of these cases: names, links, figures from the linked projects, and (for one
/// case) its history.
pub fn to_dtos(conn: &mut DbConn, caller: &Caller, rows: &[CaseRow], with_history: bool) -> ApiResult<Vec<Case>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let org_ids: Vec<&str> = rows.iter().map(|r| r.organization_id.as_str()).collect();
    let orgs: HashMap<String, (String, OrgStatus)> = organizations::table
        .filter(organizations::id.eq_any(&org_ids))
        .select((organizations::id, organizations::name, organizations::status))
        .load::<(String, String, OrgStatus)>(conn)?
        .into_iter()
        .map(|(id, name, status)| (id, (name, status)))
        .collect();
    let coll_ids: Vec<&str> = rows.iter().map(|r| r.collection_id.as_str()).collect();
    let colls: HashMap<String, (String, CollectionStatus)> = case_collections::table
        .filter(case_collections::id.eq_any(&coll_ids))
        .select((case_collections::id, case_collections::title, case_collections::status))
        .load::<(String, String, CollectionStatus)>(conn)?
        .into_iter()
        .map(|(id, t, s)| (id, (t, s)))
        .collect();
    // The linked projects the caller may read: a case's figures tell nobody about projects
    // they could not open themselves (a viewer reads the published ones).
    let links: Vec<(String, String)> = case_projects::table
        .filter(case_projects::case_id.eq_any(&ids))
        .select((case_projects::case_id, case_projects::project_id))
        .load(conn)?;
    let project_ids: Vec<&str> = links.iter().map(|l| l.1.as_str()).collect();
    let mut visible = projects::table.filter(projects::id.eq_any(&project_ids)).into_boxed();
    if let Some(cond) = crate::projects::store::visible_to(&caller.data_scope()) {
        visible = visible.filter(cond);
    }
    let figures_of: HashMap<String, (ProjectStatus, String, i64, i64, i64)> = visible
        .select((
            projects::id,
            projects::status,
            projects::county_code,
            projects::planned_funds_fen,
            projects::funds_in_place_fen,
            projects::beneficiaries_reached,
        ))
        .load::<(String, ProjectStatus, String, i64, i64, i64)>(conn)?
        .into_iter()
        .map(|(id, s, c, p, f, b)| (id, (s, c, p, f, b)))
        .collect();
    let mut by_case: HashMap<String, Vec<Linked>> = HashMap::new();
    for (case_id, project_id) in links {
        if let Some((s, c, p, f, b)) = figures_of.get(&project_id).cloned() {
            by_case.entry(case_id.clone()).or_default().push((case_id, project_id, s, c, p, f, b));
        }
    }
    for list in by_case.values_mut() {
        list.sort_by(|a, b| a.1.cmp(&b.1));
    }
    let mut history = if with_history { crate::history::of(conn, ENTITY, &ids)? } else { HashMap::new() };
    Ok(rows
        .iter()
        .map(|r| {
            let links = by_case.remove(&r.id).unwrap_or_default();
            let org = orgs.get(&r.organization_id).cloned().unwrap_or((String::new(), OrgStatus::Active));
            let (title, cstatus) = colls.get(&r.collection_id).cloned().unwrap_or((String::new(), CollectionStatus::Open));
            Case {
                id: r.id.clone(),
                collection_id: r.collection_id.clone(),
                collection_title: title,
                title: r.title.clone(),
                organization_id: r.organization_id.clone(),
                organization_name: org.0,
                province_code: r.province_code.clone(),
                brand_id: r.brand_id.clone(),
                project_ids: links.iter().map(|l| l.1.clone()).collect(),
                county_codes: r.county_codes(),
                line: r.line,
                background: r.background.clone(),
                approach: r.approach.clone(),
                results: r.results.clone(),
                lessons: r.lessons.clone(),
                consent_to_publish: r.consent_to_publish,
                status: r.status,
                public: is_public(r, cstatus, org.1),
                figures: figures(&links),
                allowed_transitions: lifecycle::allowed_for(r.status, &parties(caller, r)),
                editable: may_edit(caller, r),
                history: history.remove(&r.id).unwrap_or_default(),
                created_at: r.created_at.and_utc(),
                updated_at: r.updated_at.and_utc(),
            }
        })
        .collect())
}

fn figures(links: &[Linked]) -> CaseFigures {
    let counties: HashSet<&str> = links.iter().map(|l| l.3.as_str()).collect();
    let sum = |f: fn(&Linked) -> i64| links.iter().map(|l| i128::from(f(l))).sum::<i128>();
    CaseFigures {
        projects: links.len() as i64,
        landed_projects: links.iter().filter(|l| ProjectStatus::PUBLISHED.contains(&l.2)).count() as i64,
        funds_planned: MoneyTotal::from_fen(sum(|l| l.4)),
        funds_in_place: MoneyTotal::from_fen(sum(|l| l.5)),
        beneficiaries_reached: i64::try_from(sum(|l| l.6)).unwrap_or(i64::MAX),
        counties_reached: counties.len() as i64,
    }
}

pub fn one(conn: &mut DbConn, caller: &Caller, row: &CaseRow) -> ApiResult<Case> {
    to_dtos(conn, caller, std::slice::from_ref(row), true)?.pop().ok_or(ApiError::NotFound)
}
