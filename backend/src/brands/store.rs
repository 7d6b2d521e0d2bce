use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text, Timestamp};

use super::dossier;
use super::model::{Brand, BrandQuery, BrandRow, BrandSort};
use crate::auth::Caller;
use crate::auth::scope::DataScope;
use crate::db::schema::{brand_partners, brands, organizations};
use crate::db::sql::like_pattern;
use crate::db::{DbConn, MultiBackend};
use crate::domain::brand::{BrandFocus, BrandLine, BrandStatus, foreign_focus};
use crate::domain::lifecycle;
use crate::domain::{Consent, Party, RegistrationLevel, Role};
use crate::error::{ApiError, ApiResult, Invalid};
use crate::tr;

/// The history's entity name.
pub const ENTITY: &str = "brand";

pub fn load(conn: &mut DbConn, id: &str) -> ApiResult<Option<BrandRow>> {
    Ok(brands::table.find(id).select(BrandRow::as_select()).first(conn).optional()?)
}

pub fn brand_etag(b: &BrandRow) -> String {
    crate::http::etag("brand", &b.id, b.version)
}

/// What a reader needs about an owner: its name and registration level.
pub struct Owner {
    pub name: String,
    pub level: RegistrationLevel,
}

fn owners(conn: &mut DbConn, ids: &[&str]) -> ApiResult<HashMap<String, Owner>> {
    let rows: Vec<(String, String, RegistrationLevel)> = organizations::table
        .filter(organizations::id.eq_any(ids))
        .select((organizations::id, organizations::name, organizations::registration_level))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, name, level)| (id, Owner { name, level })).collect())
}

fn partners_of(conn: &mut DbConn, ids: &[&str]) -> ApiResult<HashMap<String, Vec<String>>> {
    let rows: Vec<(String, String)> = brand_partners::table
        .filter(brand_partners::brand_id.eq_any(ids))
        .order(brand_partners::organization_id)
        .select((brand_partners::brand_id, brand_partners::organization_id))
        .load(conn)?;
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for (b, o) in rows {
        map.entry(b).or_default().push(o);
    }
    Ok(map)
}

/// The caller's relations to a brand: its owner's members (`Organization`); the officer of the
/// owner's province, or a national admin for a national organization (`Coordinator`, who
/// recommends); a national admin (`National`, who recognizes).
pub fn parties(caller: &Caller, row: &BrandRow, owner_level: RegistrationLevel) -> Vec<Party> {
    let mut p = vec![];
    if caller.is_member_of(&row.owner_organization_id) {
        p.push(Party::Organization);
    }
    let province_officer =
        caller.role == Role::ProvincialOfficer && caller.province_code.as_deref() == Some(&row.province_code);
    let national = caller.role == Role::NationalAdmin;
    if province_officer || (national && owner_level == RegistrationLevel::National) {
        p.push(Party::Coordinator);
    }
    if national {
        p.push(Party::National);
    }
    p
}

/// May the caller change the brand's fields now? Its owner's members and coordinators, while it
/// is a draft or returned.
pub fn may_edit(caller: &Caller, row: &BrandRow) -> bool {
    row.status.is_editable() && caller.acts_for_org(&row.owner_organization_id, &row.province_code)
}

/// The brand if the caller may see it (`visible_to`); otherwise 404.
pub fn visible_row(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<BrandRow> {
    let mut q = brands::table.filter(brands::id.eq(id.to_owned())).into_boxed();
    if let Some(cond) = visible_to(&caller.data_scope()) {
        q = q.filter(cond);
    }
    q.select(BrandRow::as_select()).first(conn).optional()?.ok_or(ApiError::NotFound)
}

pub type BrandCondition<'a> = Box<dyn BoxableExpression<brands::table, MultiBackend, SqlType = Bool> + 'a>;

/// Who reads which brands: national admins all; a province its own organizations' brands; an
/// organization the brands it owns or is a partner of; everyone the recognized and demonstration
/// brands (`BrandStatus::PUBLISHED`) whose owner is in good standing (a suspended or revoked
/// owner's brands wait for review, off the showcase) — also what a county officer reads. `None`
/// when the scope reads every brand.
pub fn visible_to<'a>(scope: &DataScope) -> Option<BrandCondition<'a>> {
    let published = || {
        brands::status
            .eq_any(BrandStatus::PUBLISHED.iter().map(|s| s.as_str()).collect::<Vec<_>>())
            .and(brands::review_flag.eq(false))
    };
    Some(match scope {
        DataScope::All => return None,
        DataScope::Province(p) => Box::new(brands::province_code.eq(p.clone()).or(published())),
        DataScope::Organization(o) => Box::new(
            brands::owner_organization_id
                .eq(o.clone())
                .or(brands::id.eq_any(partnering(o.clone())))
                .or(published()),
        ),
        DataScope::County(_) | DataScope::Published => Box::new(published()),
    })
}

type Partnering = diesel::dsl::Select<
    diesel::dsl::Filter<brand_partners::table, diesel::dsl::Eq<brand_partners::organization_id, String>>,
    brand_partners::brand_id,
>;

fn partnering(org: String) -> Partnering {
    brand_partners::table.filter(brand_partners::organization_id.eq(org)).select(brand_partners::brand_id)
}

pub fn filtered<'a>(caller: &Caller, query: &BrandQuery) -> brands::BoxedQuery<'a, MultiBackend> {
    let mut q = brands::table.into_boxed();
    if let Some(cond) = visible_to(&caller.data_scope()) {
        q = q.filter(cond);
    }
    if let Some(v) = query.line {
        q = q.filter(brands::line.eq(v));
    }
    if let Some(v) = query.focus {
        // `focus` is a JSON list of snake_case words: the quoted value matches exactly one.
        q = q.filter(brands::focus.like(format!("%\"{}\"%", v.as_str())));
    }
    if let Some(v) = query.status {
        q = q.filter(brands::status.eq(v));
    }
    if let Some(v) = &query.province {
        q = q.filter(brands::province_code.eq(v.clone()));
    }
    if let Some(v) = &query.organization {
        q = q.filter(brands::owner_organization_id.eq(v.clone()).or(brands::id.eq_any(partnering(v.clone()))));
    }
    if let Some(v) = query.review_flag {
        q = q.filter(brands::review_flag.eq(v));
    }
    if let Some(text) = query.q.as_deref().filter(|t| !t.trim().is_empty()) {
        q = q.filter(brands::name.like(like_pattern(text)).escape('\\'));
    }
    q
}

pub fn cursor_key(row: &BrandRow, sort: BrandSort) -> String {
    let key = match sort {
        BrandSort::UpdatedDesc => row.updated_at.format("%Y-%m-%dT%H:%M:%S%.f").to_string(),
        BrandSort::Name => row.name.clone(),
        BrandSort::FundsDesc => row.funds_in_place_fen.to_string(),
        BrandSort::CountiesDesc => row.counties_reached.to_string(),
    };
    format!("{key}\u{1f}{}", row.id)
}

/// A page in keyset order (a row-value comparison both databases answer from one index range).
pub fn page(
    conn: &mut DbConn,
    caller: &Caller,
    query: &BrandQuery,
    after: Option<&str>,
    limit: i64,
) -> ApiResult<Vec<BrandRow>> {
    let sort = query.sort.unwrap_or(BrandSort::UpdatedDesc);
    let mut q = filtered(caller, query).select(BrandRow::as_select());
    if let Some((key, id)) = after.and_then(|a| a.rsplit_once('\u{1f}')) {
        let bad = || ApiError::field("cursor", tr!("不是本接口返回的游标", "not a cursor this API returned"));
        let id = id.to_owned();
        let number = |k: &str| k.parse::<i64>().map_err(|_| bad());
        let cmp = |column: &str, op: &str| sql::<Bool>(&format!("(brands.{column}, brands.id) {op} ("));
        q = match sort {
            BrandSort::UpdatedDesc => {
                let at = crate::http::cursor_time(key)?;
                q.filter(cmp("updated_at", "<").bind::<Timestamp, _>(at).sql(", ").bind::<Text, _>(id).sql(")"))
            }
            BrandSort::Name => {
                q.filter(cmp("name", ">").bind::<Text, _>(key.to_owned()).sql(", ").bind::<Text, _>(id).sql(")"))
            }
            BrandSort::FundsDesc => q.filter(
                cmp("funds_in_place_fen", "<").bind::<BigInt, _>(number(key)?).sql(", ").bind::<Text, _>(id).sql(")"),
            ),
            BrandSort::CountiesDesc => q.filter(
                cmp("counties_reached", "<").bind::<BigInt, _>(number(key)?).sql(", ").bind::<Text, _>(id).sql(")"),
            ),
        };
    }
    q = match sort {
        BrandSort::UpdatedDesc => q.order((brands::updated_at.desc(), brands::id.desc())),
        BrandSort::Name => q.order((brands::name.asc(), brands::id.asc())),
        BrandSort::FundsDesc => q.order((brands::funds_in_place_fen.desc(), brands::id.desc())),
        BrandSort::CountiesDesc => q.order((brands::counties_reached.desc(), brands::id.desc())),
    };
    Ok(q.limit(limit + 1).load(conn)?)
}

/// The rules a brand's own fields follow, on create and on change.
pub fn validate(name: &str, line: BrandLine, focus: &[BrandFocus], description: &str, year: Option<i64>) -> Vec<Invalid> {
    let mut errors = vec![];
    if !crate::bounds::TITLE.accepts(name) {
        errors.push(Invalid::new("name", tr!("名称应为 1–200 个字符", "1–200 characters")));
    }
    if focus.is_empty() {
        errors.push(Invalid::new("focus", tr!("至少选择一个方向", "choose at least one focus")));
    }
    let foreign = foreign_focus(line, focus);
    if !foreign.is_empty() {
        let names = foreign.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ");
        let zh_line = line.zh();
        errors.push(Invalid::new(
            "focus",
            tr!("{names} 不属于“{zh_line}”品牌线", "{names} does not belong to the {line} line"),
        ));
    }
    if !crate::bounds::DESCRIPTION.accepts(description) {
        errors.push(Invalid::new("description", tr!("简介最多 5000 个字符", "at most 5000 characters")));
    }
    if year.is_some_and(|y| !(1949..=2100).contains(&y)) {
        errors.push(Invalid::new("started_year", tr!("创立年份应在 1949–2100 之间", "a year from 1949 to 2100")));
    }
    errors
}

/// Partners must exist, differ from the owner, and number at most 50; kept sorted and once each.
pub fn check_partners(conn: &mut DbConn, owner: &str, ids: &[String]) -> ApiResult<Vec<String>> {
    let mut ids: Vec<String> = ids.iter().map(|s| s.trim().to_owned()).filter(|s| s != owner).collect();
    ids.sort();
    ids.dedup();
    if ids.len() > 50 {
        return Err(ApiError::field("partner_organization_ids", tr!("最多 50 个合作组织", "at most 50 partners")));
    }
    let found: i64 = organizations::table.filter(organizations::id.eq_any(&ids)).count().get_result(conn)?;
    if found != ids.len() as i64 {
        return Err(ApiError::field("partner_organization_ids", tr!("有不存在的社会组织", "an organization does not exist")));
    }
    Ok(ids)
}

pub fn set_partners(conn: &mut DbConn, brand_id: &str, ids: &[String]) -> ApiResult<()> {
    diesel::delete(brand_partners::table.filter(brand_partners::brand_id.eq(brand_id))).execute(conn)?;
    let rows: Vec<_> = ids
        .iter()
        .map(|o| (brand_partners::brand_id.eq(brand_id), brand_partners::organization_id.eq(o.as_str())))
        .collect();
    if !rows.is_empty() {
        crate::batch_insert!(conn, brand_partners::table, &rows)?;
    }
    Ok(())
}

/// Saves a changed row if nobody changed it since `expected_version` (412 otherwise).
pub fn save(conn: &mut DbConn, row: &BrandRow, expected_version: i64) -> ApiResult<()> {
    let n = diesel::update(brands::table.find(&row.id).filter(brands::version.eq(expected_version)))
        .set((
            brands::name.eq(&row.name),
            brands::line.eq(row.line),
            brands::focus.eq(&row.focus),
            brands::description.eq(&row.description),
            brands::started_year.eq(row.started_year),
            brands::status.eq(row.status),
            brands::version.eq(row.version),
            brands::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

/// May this caller have a project carry this brand? The brand's owner or one of its partners
/// must take part in the project (named and accepted: an invitation is not enough), and the
/// caller must act for that organization — a brand's figures are its organization's to claim,
/// not any project party's. Not a revoked brand. 422 naming `brand_id` otherwise.
pub fn check_for_project(
    conn: &mut DbConn,
    caller: &Caller,
    brand_id: &str,
    named: &[(String, Consent)],
) -> ApiResult<()> {
    let not_yours = || {
        ApiError::field(
            "brand_id",
            tr!(
                "只能关联您所代表、且已参与本项目的社会组织的公益品牌",
                "only a brand of an organization you act for that takes part in the project"
            ),
        )
    };
    let row = load(conn, brand_id)?.ok_or_else(not_yours)?;
    if row.status == BrandStatus::Revoked {
        return Err(ApiError::field("brand_id", tr!("该品牌已被撤销", "the brand is revoked")));
    }
    let mut holders = partners_of(conn, &[brand_id])?.remove(brand_id).unwrap_or_default();
    holders.push(row.owner_organization_id);
    let taking_part: Vec<&String> =
        named.iter().filter(|(o, c)| *c == Consent::Accepted && holders.contains(o)).map(|(o, _)| o).collect();
    let provinces: Vec<(String, String)> = organizations::table
        .filter(organizations::id.eq_any(&taking_part))
        .select((organizations::id, organizations::province_code))
        .load(conn)?;
    if provinces.iter().any(|(o, p)| caller.acts_for_org(o, p)) { Ok(()) } else { Err(not_yours()) }
}

/// Suspending or revoking an organization flags the brands it owns, with the reason; their
/// versions move. Reinstating it clears them (`clear_review`).
pub fn flag_owned(conn: &mut DbConn, org_id: &str, reason: &str, now: NaiveDateTime) -> ApiResult<()> {
    diesel::update(brands::table.filter(brands::owner_organization_id.eq(org_id)))
        .set((
            brands::review_flag.eq(true),
            brands::review_reason.eq(reason),
            brands::version.eq(brands::version + 1),
            brands::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn clear_review(conn: &mut DbConn, org_id: &str, now: NaiveDateTime) -> ApiResult<()> {
    diesel::update(brands::table.filter(brands::owner_organization_id.eq(org_id)).filter(brands::review_flag.eq(true)))
        .set((
            brands::review_flag.eq(false),
            brands::review_reason.eq(None::<String>),
            brands::version.eq(brands::version + 1),
            brands::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Applies a move to `row` (in memory) by the lifecycle table and records it.
pub fn transition(
    conn: &mut DbConn,
    caller: &Caller,
    row: &mut BrandRow,
    to: BrandStatus,
    reason: &str,
) -> ApiResult<()> {
    let level = owners(conn, &[row.owner_organization_id.as_str()])?
        .remove(&row.owner_organization_id)
        .map_or(RegistrationLevel::Provincial, |o| o.level);
    let from = row.status;
    lifecycle::check(from, to, &parties(caller, row, level), reason)?;
    row.status = to;
    crate::history::record(conn, ENTITY, &row.id, caller, Some(from), to, reason)
}

/// The API view of these brands; `with_history` for a single brand.
pub fn to_dtos(conn: &mut DbConn, caller: &Caller, rows: &[BrandRow], with_history: bool) -> ApiResult<Vec<Brand>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let owner_ids: Vec<&str> = rows.iter().map(|r| r.owner_organization_id.as_str()).collect();
    let owners = owners(conn, &owner_ids)?;
    let mut partners = partners_of(conn, &ids)?;
    let mut history = if with_history { crate::history::of(conn, ENTITY, &ids)? } else { HashMap::new() };
    Ok(rows
        .iter()
        .map(|r| {
            let owner = owners.get(&r.owner_organization_id);
            let level = owner.map_or(RegistrationLevel::Provincial, |o| o.level);
            Brand {
                id: r.id.clone(),
                name: r.name.clone(),
                line: r.line,
                focus: r.focus(),
                owner_organization_id: r.owner_organization_id.clone(),
                owner_organization_name: owner.map(|o| o.name.clone()).unwrap_or_default(),
                partner_organization_ids: partners.remove(&r.id).unwrap_or_default(),
                description: r.description.clone(),
                started_year: r.started_year,
                status: r.status,
                province_code: r.province_code.clone(),
                review: r.review_flag.then(|| r.review_reason.clone().unwrap_or_default()),
                dossier: dossier::read(r, caller, caller.now),
                allowed_transitions: lifecycle::allowed_for(r.status, &parties(caller, r, level)),
                editable: may_edit(caller, r),
                history: history.remove(&r.id).unwrap_or_default(),
                created_at: r.created_at.and_utc(),
                updated_at: r.updated_at.and_utc(),
            }
        })
        .collect())
}

pub fn one(conn: &mut DbConn, caller: &Caller, row: &BrandRow) -> ApiResult<Brand> {
    to_dtos(conn, caller, std::slice::from_ref(row), true)?.pop().ok_or(ApiError::NotFound)
}
