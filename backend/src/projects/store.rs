use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::{self, sql};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text, Timestamp};

use super::model::{
    Landing, Project, ProjectEvent, ProjectEventRow, ProjectOrganization, ProjectParty, ProjectQuery, ProjectRow,
    ProjectSort, ProjectSummary,
};
use crate::auth::Caller;
use crate::auth::scope::DataScope;
use crate::db::schema::{counties, organizations, project_events, project_organizations, projects};
use crate::db::sql::{FixedSql, Prepared, RowBefore, fixed, like_pattern};
use crate::db::{DbConn, MultiBackend};
use crate::domain::Consent;
use crate::domain::Money;
use crate::domain::Party;
use crate::domain::lifecycle;
use crate::domain::project::{self, Facts, Outcome, ProjectRole, ProjectStatus};
use crate::error::{ApiError, ApiResult, Invalid};
use crate::tr;

pub fn load(conn: &mut DbConn, id: &str) -> ApiResult<Option<ProjectRow>> {
    Ok(projects::table.find(id).select(ProjectRow::as_select()).first(conn).optional()?)
}

type NamedRow = (String, String, ProjectRole, String, Consent, Option<NaiveDateTime>, Option<String>);

/// Organizations named per project with their answers, the lead first (`allowed_transitions`
/// is filled for the caller in `build`).
pub fn organizations_of(conn: &mut DbConn, ids: &[&str]) -> ApiResult<HashMap<String, Vec<ProjectOrganization>>> {
    let rows: Vec<NamedRow> = project_organizations::table
        .inner_join(organizations::table.on(organizations::id.eq(project_organizations::organization_id)))
        .filter(project_organizations::project_id.eq_any(ids))
        .select((
            project_organizations::project_id,
            project_organizations::organization_id,
            project_organizations::role,
            organizations::name,
            project_organizations::consent,
            project_organizations::consent_at,
            project_organizations::consent_by,
        ))
        .load(conn)?;
    let mut map: HashMap<String, Vec<ProjectOrganization>> = HashMap::new();
    for (p, o, role, name, consent, consent_at, consent_by) in rows {
        map.entry(p).or_default().push(ProjectOrganization {
            organization_id: o,
            role,
            name,
            consent,
            consent_by,
            consent_at: consent_at.map(|t| t.and_utc()),
            allowed_transitions: vec![],
        });
    }
    map.values_mut().for_each(|list| lead_first(list));
    Ok(map)
}

/// A project's organizations as every answer lists them: the lead first, then by id.
fn lead_first(orgs: &mut [ProjectOrganization]) {
    orgs.sort_by(|a, b| lead_order(a.role, &a.organization_id).cmp(&lead_order(b.role, &b.organization_id)));
}

fn lead_order(role: ProjectRole, organization_id: &str) -> (bool, &str) {
    (role != ProjectRole::Lead, organization_id)
}

/// The caller's relations to a project. A member of a named organization takes part only once
/// the organization has accepted.
pub fn parties(caller: &Caller, row: &ProjectRow, orgs: &[ProjectOrganization]) -> Vec<Party> {
    let mut p = vec![];
    if caller.coordinates_county(&row.county_code) {
        p.push(Party::Coordinator);
    }
    if caller.is_county(&row.county_code) {
        p.push(Party::County);
    }
    if orgs.iter().any(|o| o.consent == Consent::Accepted && caller.is_member_of(&o.organization_id)) {
        p.push(Party::Organization);
    }
    p
}

/// Is the caller a member of an organization this project invites (and may answer)?
fn invites(caller: &Caller, orgs: &[ProjectOrganization]) -> bool {
    orgs.iter().any(|o| o.consent == Consent::Invited && caller.is_member_of(&o.organization_id))
}

/// Has the lead organization accepted to take part?
pub fn lead_accepted(orgs: &[ProjectOrganization]) -> bool {
    orgs.iter().any(|o| o.role == ProjectRole::Lead && o.consent == Consent::Accepted)
}

/// A project's ETag: its id and version.
pub fn project_etag(p: &ProjectRow) -> String {
    crate::http::etag("project", &p.id, p.version)
}

/// What the project's own lifecycle rules read besides its status.
fn facts(row: &ProjectRow, orgs: &[ProjectOrganization]) -> Facts {
    Facts {
        declared: row.landing_declared_at.is_some(),
        suspended_from: row.suspended_from(),
        lead_accepted: lead_accepted(orgs),
    }
}

/// The project if the caller may see it: its parties and coordinators always, the members of an
/// organization it invites (to answer), everyone once it is published (`ProjectStatus::PUBLISHED`); otherwise 404.
pub fn visible_row(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<(ProjectRow, Vec<ProjectOrganization>)> {
    let pg = matches!(conn, DbConn::Postgres(_));
    let found: Option<(ProjectRow, String)> = crate::on_backend!(conn, |c| projects::table
        .filter(projects::id.eq(id))
        .select((ProjectRow::as_select(), fixed::<json::Organizations>(pg)))
        .first(c)
        .optional())?;
    let (row, orgs) = found.ok_or(ApiError::NotFound)?;
    let orgs = json::organizations(&orgs)?;
    if !may_see(caller, &row, &orgs) {
        return Err(ApiError::NotFound);
    }
    Ok((row, orgs))
}

/// Who sees a project: its parties and coordinators, the members of an organization it invites,
/// everyone once it is published.
fn may_see(caller: &Caller, row: &ProjectRow, orgs: &[ProjectOrganization]) -> bool {
    !parties(caller, row, orgs).is_empty() || invites(caller, orgs) || row.status().is_published()
}

type Naming = dsl::Select<
    dsl::Filter<
        dsl::Filter<project_organizations::table, dsl::Eq<project_organizations::organization_id, String>>,
        dsl::EqAny<project_organizations::consent, Vec<&'static str>>,
    >,
    project_organizations::project_id,
>;

/// Project ids naming this organization with one of these answers (a subquery).
fn naming(organization_id: String, consents: &[Consent]) -> Naming {
    let consents: Vec<&'static str> = consents.iter().map(|c| c.as_str()).collect();
    project_organizations::table
        .filter(project_organizations::organization_id.eq(organization_id))
        .filter(project_organizations::consent.eq_any(consents))
        .select(project_organizations::project_id)
}

/// A condition on `projects` rows, boxed so that one rule serves lists and aggregates alike.
pub type ProjectCondition<'a> = Box<dyn BoxableExpression<projects::table, MultiBackend, SqlType = Bool> + 'a>;

/// The same rule as `visible_row`, as one SQL condition for listings and aggregates (a
/// campaign's funnel): the projects of the scope's own area, and every published one. `None`
/// when the scope reads every project.
pub fn visible_to<'a>(scope: &DataScope) -> Option<ProjectCondition<'a>> {
    let public: Vec<&str> = ProjectStatus::PUBLISHED.iter().map(|s| s.as_str()).collect();
    let published = projects::status.eq_any(public);
    Some(match scope {
        DataScope::All => return None,
        DataScope::Province(p) => Box::new(projects::province_code.eq(p.clone()).or(published)),
        DataScope::County(c) => Box::new(projects::county_code.eq(c.clone()).or(published)),
        DataScope::Organization(o) => {
            // Its members see the projects it takes part in, and those inviting it (to answer).
            let mine = naming(o.clone(), &[Consent::Invited, Consent::Accepted]);
            Box::new(projects::id.eq_any(mine).or(published))
        }
        DataScope::Published => Box::new(published),
    })
}

pub fn filtered<'a>(
    caller: &Caller,
    query: &ProjectQuery,
    now: NaiveDateTime,
) -> projects::BoxedQuery<'a, MultiBackend> {
    let mut q = projects::table.into_boxed();
    if let Some(visible) = visible_to(&caller.data_scope()) {
        q = q.filter(visible);
    }
    if let Some(v) = &query.county {
        q = q.filter(projects::county_code.eq(v.clone()));
    }
    if let Some(v) = &query.province {
        q = q.filter(projects::province_code.eq(v.clone()));
    }
    if let Some(v) = &query.organization {
        q = q.filter(projects::id.eq_any(naming(v.clone(), &[Consent::Accepted])));
    }
    if let Some(v) = &query.awaiting_organization {
        q = q.filter(projects::id.eq_any(naming(v.clone(), &[Consent::Invited])));
    }
    if let Some(v) = query.status {
        q = q.filter(projects::status.eq(v));
    }
    if let Some(v) = query.assistance_type {
        q = q.filter(projects::assistance_type.eq(v.as_str()));
    }
    if let Some(v) = &query.pairing {
        q = q.filter(projects::pairing_id.eq(v.clone()));
    }
    if let Some(v) = &query.campaign {
        q = q.filter(projects::campaign_id.eq(v.clone()));
    }
    if let Some(v) = &query.event {
        q = q.filter(projects::event_id.eq(v.clone()));
    }
    if let Some(v) = &query.brand {
        q = q.filter(projects::brand_id.eq(v.clone()));
    }
    if let Some(v) = query.government_purchase {
        q = q.filter(projects::government_purchase.eq(v));
    }
    if let Some(v) = query.review_flag {
        q = q.filter(projects::review_flag.eq(v));
    }
    if let Some((from, to)) = query.year.and_then(crate::clock::china_year) {
        q = q.filter(projects::created_at.ge(from)).filter(projects::created_at.lt(to));
    }
    if let Some((from, to)) = query.landed_year.and_then(crate::clock::china_year) {
        q = q.filter(projects::landing_confirmed_at.ge(from)).filter(projects::landing_confirmed_at.lt(to));
    }
    // 待确认落地: declared by its organization, not yet confirmed by the county
    match query.landing_declared {
        Some(true) => q = q.filter(projects::status.eq(ProjectStatus::Signed.as_str())).filter(projects::landing_declared_at.is_not_null()),
        Some(false) => q = q.filter(projects::status.ne(ProjectStatus::Signed.as_str()).or(projects::landing_declared_at.is_null())),
        None => {}
    }
    let open: Vec<&str> = ProjectStatus::OPEN.iter().map(|s| s.as_str()).collect();
    let cutoff = now - chrono::Duration::days(super::STALE_DAYS);
    match query.stale {
        Some(true) => q = q.filter(projects::status.eq_any(open)).filter(projects::last_activity_at.lt(cutoff)),
        Some(false) => q = q.filter(projects::status.ne_all(open).or(projects::last_activity_at.ge(cutoff))),
        None => {}
    }
    if let Some(text) = query.q.as_deref().filter(|t| !t.trim().is_empty()) {
        q = q.filter(projects::title.like(like_pattern(text)).escape('\\'));
    }
    q
}

pub fn cursor_key(row: &ProjectRow, sort: ProjectSort) -> String {
    match sort {
        ProjectSort::UpdatedDesc => format!("{}\u{1f}{}", row.updated_at.format("%Y-%m-%dT%H:%M:%S%.f"), row.id),
        ProjectSort::FundsDesc => format!("{}\u{1f}{}", row.funds_in_place_fen, row.id),
    }
}

/// A listed project: its row, its county's name and its organizations (as aggregated JSON),
/// read by the page's one statement.
pub struct Listed {
    pub row: ProjectRow,
    county_name: Option<String>,
    /// `projects.parties`
    parties: String,
}

/// The list items of listed projects, with no further statement.
pub fn summaries(caller: &Caller, listed: Vec<Listed>) -> ApiResult<Vec<ProjectSummary>> {
    listed
        .into_iter()
        .map(|l| {
            Ok(summary(caller, l.row, l.county_name.unwrap_or_default(), json::parties(&l.parties)?))
        })
        .collect()
}

/// A page in keyset order: the cost does not grow with the page's depth. One statement: the
/// county's name is joined and the organizations aggregated (as for `visible_detail`).
pub fn page(
    conn: &mut DbConn,
    caller: &Caller,
    query: &ProjectQuery,
    after: Option<&str>,
    limit: i64,
    now: NaiveDateTime,
) -> ApiResult<Vec<Listed>> {
    let pg = matches!(conn, DbConn::Postgres(_));
    let sort = query.sort.unwrap_or(ProjectSort::UpdatedDesc);
    let mut q = filtered(caller, query, now).select(ProjectRow::as_select());
    if let Some((key, id)) = after.and_then(|a| a.split_once('\u{1f}')) {
        let bad = || ApiError::field("cursor", tr!("不是本接口返回的游标", "not a cursor this API returned"));
        let id = id.to_owned();
        // A row-value comparison, which both databases answer from one index range; the
        // equivalent `a < x OR (a = x AND id < y)` makes SQLite scan.
        q = match sort {
            ProjectSort::UpdatedDesc => q.filter(RowBefore {
                columns: "projects.updated_at, projects.id",
                key: crate::http::cursor_time(key)?,
                id,
            }),
            ProjectSort::FundsDesc => q.filter(RowBefore {
                columns: "projects.funds_in_place_fen, projects.id",
                key: key.parse::<i64>().map_err(|_| bad())?,
                id,
            }),
        };
    }
    q = match sort {
        ProjectSort::UpdatedDesc => q.order((projects::updated_at.desc(), projects::id.desc())),
        ProjectSort::FundsDesc => q.order((projects::funds_in_place_fen.desc(), projects::id.desc())),
    };
    let rows: Vec<(ProjectRow, Option<String>, String)> = q
        .select((
            ProjectRow::as_select(),
            fixed::<json::CountyName>(pg),
            fixed::<json::Parties>(pg),
        ))
        .limit(limit + 1)
        .load(conn)?;
    Ok(rows.into_iter().map(|(row, county_name, parties)| Listed { row, county_name, parties }).collect())
}

/// Rewrites `projects.parties` of one project from its organizations: after they are named and
/// after each answer, in the same transaction. Kept prepared on the connection (the bulk
/// rewrites below are raw SQL, parsed and planned on every run).
pub fn refresh_parties(conn: &mut DbConn, project_id: &str) -> ApiResult<()> {
    let pg = matches!(conn, DbConn::Postgres(_));
    let q = Prepared(
        diesel::update(project_parties::table.find(project_id))
            .set(project_parties::parties.eq(fixed::<json::PartiesOf>(pg)))
            .returning(project_parties::id),
    );
    crate::on_backend!(conn, |c| q.get_result::<String>(c))?;
    Ok(())
}

diesel::table! {
    /// `projects` again, with only its key and `parties` (which `schema.rs`'s `projects` cannot
    /// hold: see `rewrite_parties`), so that writing one project's parties is a typed statement.
    #[sql_name = "projects"]
    project_parties (id) {
        id -> Text,
        parties -> Text,
    }
}

/// Rewrites `projects.parties` of every project that names an organization, after its name
/// changed. On PostgreSQL the rows are locked first, in id order, by a statement of their own: the
/// rewrite then starts after any answer being given on one of them has committed, and reads it
/// (an UPDATE that waited for the row would rebuild the list from its older snapshot).
pub fn refresh_parties_of(conn: &mut DbConn, organization_id: &str) -> ApiResult<()> {
    let named = project_organizations::table
        .filter(project_organizations::organization_id.eq(organization_id))
        .select(project_organizations::project_id);
    if let DbConn::Postgres(c) = conn {
        projects::table.filter(projects::id.eq_any(named)).select(projects::id).order(projects::id).for_update().load::<String>(c)?;
    }
    let filter = "WHERE projects.id IN (SELECT project_id FROM project_organizations WHERE organization_id = $1)";
    rewrite_parties(conn, Some((filter, organization_id)))
}

/// Rewrites `projects.parties` of every project (after a bulk load).
pub fn refresh_all_parties(conn: &mut DbConn) -> ApiResult<()> {
    rewrite_parties(conn, None)
}

/// `UPDATE projects SET parties = <aggregate> [<filter on $1>]`. Written as SQL because
/// `projects.parties` is not in `schema.rs`'s `table!`, which takes 32 columns unless diesel's
/// `64-column-tables` feature is on (its documentation warns of much longer builds); lists read it
/// through `fixed`.
fn rewrite_parties(conn: &mut DbConn, filter: Option<(&str, &str)>) -> ApiResult<()> {
    let pg = matches!(conn, DbConn::Postgres(_));
    let (filter, value) = filter.map_or(("", None), |(f, v)| (f, Some(v)));
    let filter = if pg { filter.to_owned() } else { filter.replace("$1", "?") };
    let sql = format!("UPDATE projects SET parties = {} {filter}", <json::PartiesOf as FixedSql>::TEXT[pg as usize]);
    match (conn, value) {
        (DbConn::Sqlite(c), Some(v)) => diesel::sql_query(sql).bind::<Text, _>(v).execute(c),
        (DbConn::Postgres(c), Some(v)) => diesel::sql_query(sql).bind::<Text, _>(v).execute(c),
        (DbConn::Sqlite(c), None) => diesel::sql_query(sql).execute(c),
        (DbConn::Postgres(c), None) => diesel::sql_query(sql).execute(c),
    }?;
    Ok(())
}

pub fn record_event(
    conn: &mut DbConn,
    project_id: &str,
    caller: &Caller,
    from: Option<ProjectStatus>,
    to: ProjectStatus,
    note: &str,
) -> ApiResult<ProjectEvent> {
    let row = ProjectEventRow {
        id: uuid::Uuid::now_v7().to_string(),
        project_id: project_id.into(),
        at: caller.now,
        actor_label: caller.name.clone(),
        from_status: from,
        to_status: to,
        note: note.trim().into(),
    };
    diesel::insert_into(project_events::table).values(&row).execute(conn)?;
    Ok(ProjectEvent {
        at: row.at.and_utc(),
        actor: row.actor_label,
        from_status: row.from_status,
        to_status: row.to_status,
        note: row.note,
    })
}

/// Applies a status move to `row` (in memory) and records it; the caller saves the row. Returns
/// the history entry it recorded.
pub fn transition(
    conn: &mut DbConn,
    caller: &Caller,
    row: &mut ProjectRow,
    orgs: &[ProjectOrganization],
    to: ProjectStatus,
    reason: &str,
) -> ApiResult<ProjectEvent> {
    let from = row.status();
    let parties = parties(caller, row, orgs);
    let outcome = project::decide(from, to, &parties, Some(reason), facts(row, orgs))?;
    match outcome {
        Outcome::LandingDeclared => {
            row.landing_declared_at = Some(caller.now);
            row.landing_declared_by = Some(caller.name.clone());
        }
        Outcome::MoveTo(to) => {
            if to == ProjectStatus::Landed && from == ProjectStatus::Signed {
                row.landing_confirmed_at = Some(caller.now);
                row.landing_confirmed_by = Some(caller.name.clone());
            }
            if to == ProjectStatus::Signed && row.signed_at.is_none() {
                row.signed_at = Some(caller.now);
            }
            row.suspended_from = if to == ProjectStatus::Suspended { Some(from) } else { None };
            row.status = to;
            if let Some(stage) = to.stage() {
                row.stage = row.stage.max(stage);
            }
        }
    }
    let event = record_event(conn, &row.id, caller, Some(from), to, reason)?;
    super::notices::moved(conn, caller, row)?;
    Ok(event)
}

/// Adds a progress update's deltas to the project's figures in one statement, so concurrent
/// appends all count: the database serializes them on the row, and none needs `If-Match`. Moves
/// the version (an ETag read before is stale) and keeps the project fresh. A figure that would
/// pass what it may hold (`Money::MAX`, `i64::MAX` people) is refused with 422, naming the delta.
/// Returns the row as it is after the update.
pub fn add_progress(
    conn: &mut DbConn,
    id: &str,
    day: chrono::NaiveDate,
    funds: Money,
    beneficiaries: i64,
    now: NaiveDateTime,
) -> ApiResult<ProjectRow> {
    // Both deltas are non-negative (parsed and validated): the bounds below cannot underflow.
    let funds_room = Money::MAX.fen() - funds.fen();
    let people_room = i64::MAX - beneficiaries;
    // the same text on every run: kept prepared (see `Prepared`)
    let updated: Option<ProjectRow> = crate::on_backend!(conn, |c| Prepared(diesel::update(
        projects::table
            .find(id)
            .filter(projects::funds_in_place_fen.le(funds_room))
            .filter(projects::beneficiaries_reached.le(people_room)),
    )
    .set((
        projects::funds_in_place_fen.eq(projects::funds_in_place_fen + funds.fen()),
        projects::beneficiaries_reached.eq(projects::beneficiaries_reached + beneficiaries),
        projects::last_activity_at.eq(sql::<Timestamp>("CASE WHEN last_activity_at < ")
            .bind::<Timestamp, _>(now)
            .sql(" THEN ")
            .bind::<Timestamp, _>(now)
            .sql(" ELSE last_activity_at END")),
        projects::version.eq(projects::version + 1),
        projects::updated_at.eq(now),
    ))
    .returning(ProjectRow::as_returning()))
    .get_result(c)
    .optional())?;
    if let Some(row) = updated {
        // the row is ours until commit: the statistics count the sums under its cell as it is now
        super::rollup::progressed(conn, &row, day, funds.fen(), beneficiaries)?;
        if let Some(brand) = &row.brand_id {
            crate::brands::dossier::refresh(conn, brand, now)?;
        }
        return Ok(row);
    }
    let row = load(conn, id)?.ok_or(ApiError::NotFound)?;
    let mut errors = vec![];
    if row.funds_in_place_fen > funds_room {
        let max = Money::MAX;
        errors.push(Invalid::new(
            "funds_delta",
            tr!("到位资金将超过最大金额 {max} 元", "funds in place would exceed the largest amount, {max} yuan"),
        ));
    }
    if row.beneficiaries_reached > people_room {
        errors.push(Invalid::new(
            "beneficiaries_delta",
            tr!("受益人数将超出可记录的范围", "beneficiaries reached would exceed what can be recorded"),
        ));
    }
    Err(if errors.is_empty() { ApiError::NotFound } else { ApiError::Validation(errors) })
}

/// Saves a changed row if it is still at `expected_version`.
pub fn save(conn: &mut DbConn, row: &ProjectRow, expected_version: i64) -> ApiResult<()> {
    save_relinked(conn, row, expected_version, None)
}

/// `save`, for a project that carried the brand `carried_before` until this change: both
/// brands' dossiers follow (`brands::dossier::refresh_many` locks them in one order, so two
/// projects swapping brands at once cannot deadlock).
pub fn save_relinked(
    conn: &mut DbConn,
    row: &ProjectRow,
    expected_version: i64,
    carried_before: Option<&str>,
) -> ApiResult<()> {
    // The row as saved before, for the statistics' increments; if it has moved on since the
    // caller read it, the update below matches nothing and the save is refused.
    let before = load(conn, &row.id)?.filter(|b| b.version == expected_version).ok_or(ApiError::PreconditionFailed)?;
    let n = diesel::update(projects::table.find(&row.id).filter(projects::version.eq(expected_version)))
        .set((
            projects::title.eq(&row.title),
            projects::assistance_type.eq(&row.assistance_type),
            projects::planned_funds_fen.eq(row.planned_funds_fen),
            projects::funds_in_place_fen.eq(row.funds_in_place_fen),
            projects::beneficiaries_planned.eq(row.beneficiaries_planned),
            projects::beneficiaries_reached.eq(row.beneficiaries_reached),
            projects::government_purchase.eq(row.government_purchase),
            projects::contract_number.eq(&row.contract_number),
            projects::contract_amount_fen.eq(row.contract_amount_fen),
            projects::sustainability.eq(&row.sustainability),
            projects::status.eq(&row.status),
            projects::stage.eq(row.stage),
            projects::suspended_from.eq(&row.suspended_from),
            projects::signed_at.eq(row.signed_at),
            projects::landing_declared_at.eq(row.landing_declared_at),
            projects::landing_declared_by.eq(&row.landing_declared_by),
            projects::landing_confirmed_at.eq(row.landing_confirmed_at),
            projects::landing_confirmed_by.eq(&row.landing_confirmed_by),
            projects::last_activity_at.eq(row.last_activity_at),
            projects::brand_id.eq(&row.brand_id),
            projects::version.eq(row.version),
            projects::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 {
        return Err(ApiError::PreconditionFailed);
    }
    super::rollup::changed(conn, &before, row)?;
    // The brand it carries (and one it carried until now) keep their dossiers in step.
    crate::brands::dossier::refresh_many(conn, [row.brand_id.as_deref(), carried_before].into_iter().flatten(), row.updated_at)
}

/// The API view, with organizations, history and county names in a few queries.
pub fn to_dtos(conn: &mut DbConn, caller: &Caller, rows: &[ProjectRow], with_history: bool) -> ApiResult<Vec<Project>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let orgs = organizations_of(conn, &ids)?;
    build(conn, caller, rows, orgs, with_history)
}

/// One project with its history, when its organizations are already loaded (`visible_row`).
pub fn to_dto(
    conn: &mut DbConn,
    caller: &Caller,
    row: &ProjectRow,
    orgs: Vec<ProjectOrganization>,
) -> ApiResult<Project> {
    let orgs = HashMap::from([(row.id.clone(), orgs)]);
    build(conn, caller, std::slice::from_ref(row), orgs, true)?.pop().ok_or(ApiError::NotFound)
}

fn build(
    conn: &mut DbConn,
    caller: &Caller,
    rows: &[ProjectRow],
    mut orgs: HashMap<String, Vec<ProjectOrganization>>,
    with_history: bool,
) -> ApiResult<Vec<Project>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut history: HashMap<String, Vec<ProjectEvent>> = HashMap::new();
    if with_history {
        let events: Vec<ProjectEventRow> = project_events::table
            .filter(project_events::project_id.eq_any(&ids))
            .select(ProjectEventRow::as_select())
            .order((project_events::at.asc(), project_events::id.asc()))
            .load(conn)?;
        for e in events {
            history.entry(e.project_id.clone()).or_default().push(ProjectEvent {
                at: e.at.and_utc(),
                actor: e.actor_label,
                from_status: e.from_status,
                to_status: e.to_status,
                note: e.note,
            });
        }
    }
    let codes: Vec<&str> = rows.iter().map(|r| r.county_code.as_str()).collect();
    let names: HashMap<String, String> = counties::table
        .filter(counties::code.eq_any(&codes))
        .select((counties::code, counties::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .iter()
        .map(|r| {
            let county_name = names.get(&r.county_code).cloned().unwrap_or_default();
            let orgs = orgs.remove(&r.id).unwrap_or_default();
            assemble(caller, r, county_name, orgs, history.remove(&r.id).unwrap_or_default())
        })
        .collect())
}

/// The API view of one project from what was read about it (its organizations in any order).
pub fn assemble(
    caller: &Caller,
    r: &ProjectRow,
    county_name: String,
    mut orgs: Vec<ProjectOrganization>,
    history: Vec<ProjectEvent>,
) -> Project {
    let allowed = project::allowed_for(r.status(), &parties(caller, r, &orgs), facts(r, &orgs));
    lead_first(&mut orgs);
    for o in &mut orgs {
        let own = if caller.is_member_of(&o.organization_id) { &[Party::Invitee][..] } else { &[] };
        o.allowed_transitions = lifecycle::allowed_for(o.consent, own);
    }
    Project {
        id: r.id.clone(),
        title: r.title.clone(),
        county_code: r.county_code.clone(),
        county_name,
        province_code: r.province_code.clone(),
        organizations: orgs,
        pairing_id: r.pairing_id.clone(),
        need_id: r.need_id.clone(),
        event_id: r.event_id.clone(),
        campaign_id: r.campaign_id.clone(),
        brand_id: r.brand_id.clone(),
        assistance_type: r.assistance_type,
        planned_funds: Money::from_fen(r.planned_funds_fen),
        funds_in_place: Money::from_fen(r.funds_in_place_fen),
        beneficiaries_planned: r.beneficiaries_planned,
        beneficiaries_reached: r.beneficiaries_reached,
        government_purchase: r.government_purchase,
        contract_number: r.contract_number.clone(),
        contract_amount: r.contract_amount_fen.map(Money::from_fen),
        sustainability: r.sustainability.clone(),
        status: r.status(),
        stale: r.is_stale(caller.now),
        review: r.review_flag.then(|| r.review_reason.clone().unwrap_or_default()),
        last_activity_at: r.last_activity_at.and_utc(),
        landing: Landing {
            declared_by: r.landing_declared_by.clone(),
            declared_at: r.landing_declared_at.map(|t| t.and_utc()),
            confirmed_by: r.landing_confirmed_by.clone(),
            confirmed_at: r.landing_confirmed_at.map(|t| t.and_utc()),
        },
        allowed_transitions: allowed,
        history,
        created_at: r.created_at.and_utc(),
        updated_at: r.updated_at.and_utc(),
    }
}

/// A project as lists show it (`ProjectSummary`): the row's own fields, nothing computed per
/// caller but `stale`.
fn summary(caller: &Caller, r: ProjectRow, county_name: String, organizations: Vec<ProjectParty>) -> ProjectSummary {
    ProjectSummary {
        stale: r.is_stale(caller.now),
        status: r.status(),
        review: r.review_flag.then(|| r.review_reason.clone().unwrap_or_default()),
        id: r.id,
        title: r.title,
        county_code: r.county_code,
        county_name,
        province_code: r.province_code,
        organizations,
        pairing_id: r.pairing_id,
        need_id: r.need_id,
        event_id: r.event_id,
        campaign_id: r.campaign_id,
        brand_id: r.brand_id,
        assistance_type: r.assistance_type,
        planned_funds: Money::from_fen(r.planned_funds_fen),
        funds_in_place: Money::from_fen(r.funds_in_place_fen),
        beneficiaries_planned: r.beneficiaries_planned,
        beneficiaries_reached: r.beneficiaries_reached,
        government_purchase: r.government_purchase,
        contract_number: r.contract_number,
        last_activity_at: r.last_activity_at.and_utc(),
        created_at: r.created_at.and_utc(),
        updated_at: r.updated_at.and_utc(),
    }
}

/// What a project's page shows, as read by `visible_parts`.
pub struct Detail {
    pub row: ProjectRow,
    pub county_name: String,
    pub orgs: Vec<ProjectOrganization>,
    pub history: Vec<ProjectEvent>,
}

/// A project the caller may see (the rule of `visible_row`) with all its page shows, read in one
/// statement: the row, its county's name, and its organizations and history aggregated to JSON
/// by the database. Reading a project is the platform's most frequent request; as four
/// statements (row, organizations, history, county) it cost four round trips.
pub fn visible_parts(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<Detail> {
    let pg = matches!(conn, DbConn::Postgres(_));
    let found: Option<(ProjectRow, Option<String>, String, String)> = crate::on_backend!(conn, |c| projects::table
        .left_join(counties::table.on(counties::code.eq(projects::county_code)))
        .filter(projects::id.eq(id))
        .select((ProjectRow::as_select(), counties::name.nullable(), fixed::<json::Organizations>(pg), fixed::<json::History>(pg)))
        .first(c)
        .optional())?;
    let (row, county_name, orgs, history) = found.ok_or(ApiError::NotFound)?;
    let orgs = json::organizations(&orgs)?;
    if !may_see(caller, &row, &orgs) {
        return Err(ApiError::NotFound);
    }
    Ok(Detail { row, county_name: county_name.unwrap_or_default(), orgs, history: json::history(&history)? })
}

/// The project as its page shows it (`visible_parts`, assembled for the caller).
pub fn visible_detail(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<(ProjectRow, Project)> {
    let d = visible_parts(conn, caller, id)?;
    let project = assemble(caller, &d.row, d.county_name, d.orgs, d.history);
    Ok((d.row, project))
}

/// The JSON the database aggregates for `visible_detail`, by backend (`[sqlite, postgres]`),
/// and its reading. Timestamps arrive as text: SQLite's `2026-12-01 08:00:00.5`, PostgreSQL's
/// `2026-12-01T08:00:00.5`.
mod json {
    use chrono::NaiveDateTime;
    use diesel::sql_types::{Nullable, Text};

    use super::{ProjectEvent, ProjectOrganization, ProjectParty, ProjectRole, ProjectStatus};
    use crate::domain::Consent;
    use crate::error::{ApiError, ApiResult};

    crate::fixed_sql!(pub Organizations: Text = [
        "(SELECT json_group_array(json_array(po.organization_id, po.role, o.name, po.consent, po.consent_at, \
         po.consent_by)) FROM project_organizations po JOIN organizations o ON o.id = po.organization_id \
         WHERE po.project_id = projects.id)",
        "(SELECT coalesce(json_agg(json_build_array(po.organization_id, po.role, o.name, po.consent, po.consent_at, \
         po.consent_by)), '[]')::text FROM project_organizations po JOIN organizations o ON o.id = po.organization_id \
         WHERE po.project_id = projects.id)",
    ]);

    // A project's organizations as lists show them, written to `projects.parties` (the same
    // expression as the migration that added the column).
    crate::fixed_sql!(pub PartiesOf: Text = [
        "(SELECT json_group_array(json_array(po.organization_id, po.role, o.name, po.consent)) \
         FROM project_organizations po JOIN organizations o ON o.id = po.organization_id \
         WHERE po.project_id = projects.id)",
        "(SELECT coalesce(json_agg(json_build_array(po.organization_id, po.role, o.name, po.consent)), '[]')::text \
         FROM project_organizations po JOIN organizations o ON o.id = po.organization_id \
         WHERE po.project_id = projects.id)",
    ]);

    crate::fixed_sql!(pub History: Text = [
        "(SELECT json_group_array(json_array(e.id, e.at, e.actor_label, e.from_status, e.to_status, e.note)) \
         FROM project_events e WHERE e.project_id = projects.id)",
        "(SELECT coalesce(json_agg(json_build_array(e.id, e.at, e.actor_label, e.from_status, e.to_status, e.note)), \
         '[]')::text FROM project_events e WHERE e.project_id = projects.id)",
    ]);

    // The county's name beside each row of a list page.
    crate::fixed_sql!(pub CountyName: Nullable<Text> = [
        "(SELECT name FROM counties WHERE code = projects.county_code)",
        "(SELECT name FROM counties WHERE code = projects.county_code)",
    ]);

    // `projects.parties`, which is not in `schema.rs`'s `table!` (see `rewrite_parties`).
    crate::fixed_sql!(pub Parties: Text = ["projects.parties", "projects.parties"]);

    fn time(text: &str) -> ApiResult<NaiveDateTime> {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
            .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f"))
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("a timestamp {text:?} in aggregated JSON: {e}")))
    }

    fn parse<T: serde::de::DeserializeOwned>(text: &str) -> ApiResult<T> {
        serde_json::from_str(text).map_err(|e| ApiError::Internal(anyhow::anyhow!("aggregated JSON: {e}")))
    }

    /// The lead first, then by id (`lead_first`, as `organizations_of` orders them).
    pub fn organizations(text: &str) -> ApiResult<Vec<ProjectOrganization>> {
        type Named = (String, ProjectRole, String, Consent, Option<String>, Option<String>);
        let mut orgs = parse::<Vec<Named>>(text)?
            .into_iter()
            .map(|(organization_id, role, name, consent, consent_at, consent_by)| {
                Ok(ProjectOrganization {
                    organization_id,
                    role,
                    name,
                    consent,
                    consent_by,
                    consent_at: consent_at.as_deref().map(time).transpose()?.map(|t| t.and_utc()),
                    allowed_transitions: vec![],
                })
            })
            .collect::<ApiResult<Vec<_>>>()?;
        super::lead_first(&mut orgs);
        Ok(orgs)
    }

    /// `projects.parties`, the lead first, then by id (as `lead_first` orders the detail's).
    pub fn parties(text: &str) -> ApiResult<Vec<ProjectParty>> {
        type Named = (String, ProjectRole, String, Consent);
        let mut parties: Vec<ProjectParty> = parse::<Vec<Named>>(text)?
            .into_iter()
            .map(|(organization_id, role, name, consent)| ProjectParty { organization_id, role, name, consent })
            .collect();
        parties.sort_by(|a, b| super::lead_order(a.role, &a.organization_id).cmp(&super::lead_order(b.role, &b.organization_id)));
        Ok(parties)
    }

    /// In the order it happened (by time, then id, as `build` orders it).
    pub fn history(text: &str) -> ApiResult<Vec<ProjectEvent>> {
        type Event = (String, String, String, Option<ProjectStatus>, ProjectStatus, String);
        let mut events = parse::<Vec<Event>>(text)?
            .into_iter()
            .map(|(id, at, actor, from_status, to_status, note)| {
                let at = time(&at)?;
                Ok((at, id, ProjectEvent { at: at.and_utc(), actor, from_status, to_status, note }))
            })
            .collect::<ApiResult<Vec<_>>>()?;
        events.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        Ok(events.into_iter().map(|(_, _, e)| e).collect())
    }
}
