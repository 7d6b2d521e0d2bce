use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{CreateOrganization, OrgQuery, OrgRow, OrgSort, Organization};
use crate::auth::Caller;
use crate::db::schema::{organizations, pairing_members, pairings, project_organizations, projects, provinces};
use crate::db::sql::like_pattern;
use crate::db::{DbConn, MultiBackend};
use crate::domain::pairing::PairingStatus;
use crate::domain::project::ProjectStatus;
use crate::domain::text_enum::list_to_json;
use crate::domain::{Consent, CreditCode, LegalForm, OrgStatus, Party, ProvinceCode, lifecycle};
use crate::error::{ApiError, ApiResult, Invalid};
use crate::tr;

pub fn get(conn: &mut DbConn, id: &str) -> ApiResult<Option<OrgRow>> {
    Ok(organizations::table.find(id).select(OrgRow::as_select()).first(conn).optional()?)
}

/// The organization, if the caller may read its offers (`Caller::reads_offers_of`); else 404,
/// as if it had none to show.
pub fn with_readable_offers(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<OrgRow> {
    get(conn, id)?.filter(|o| caller.reads_offers_of(&o.id, &o.province_code, o.status())).ok_or(ApiError::NotFound)
}

pub fn by_credit_code(conn: &mut DbConn, code: &str) -> ApiResult<Option<OrgRow>> {
    Ok(organizations::table
        .filter(organizations::credit_code.eq(code))
        .select(OrgRow::as_select())
        .first(conn)
        .optional()?)
}

/// Checks a profile; returns the parsed credit code or every invalid field.
pub fn validate(conn: &mut DbConn, o: &CreateOrganization) -> Result<CreditCode, Vec<Invalid>> {
    let mut errors = vec![];
    if !crate::bounds::TITLE.accepts(&o.name) {
        errors.push(Invalid::new("name", tr!("名称应为 1–200 个字符", "1–200 characters")));
    }
    let code = match CreditCode::parse(&o.credit_code) {
        Ok(c) => Some(c),
        Err(m) => {
            errors.push(Invalid::new("credit_code", m));
            None
        }
    };
    // Under civil affairs (position 1 = 5) position 2 states the legal form.
    if let Some(c) = &code
        && let Some(form) = legal_form_in_code(c.as_str())
        && form != o.legal_form
    {
        let (zh, en) = (legal_form_zh(form), form.as_str());
        errors.push(Invalid::new(
            "legal_form",
            tr!("与统一社会信用代码第 2 位（{zh}）不符", "does not match position 2 of the credit code ({en})"),
        ));
    }
    match ProvinceCode::parse(&o.province_code) {
        Ok(p) => {
            let exists: i64 =
                provinces::table.filter(provinces::code.eq(p.as_str())).count().get_result(conn).unwrap_or(0);
            if exists == 0 {
                errors.push(Invalid::new("province_code", tr!("没有这个省份", "no such province")));
            }
        }
        Err(m) => errors.push(Invalid::new("province_code", m)),
    }
    match code {
        Some(c) if errors.is_empty() => Ok(c),
        _ => Err(errors),
    }
}

pub fn legal_form_in_code(code: &str) -> Option<LegalForm> {
    match code.get(0..2) {
        Some("51") => Some(LegalForm::SocialGroup),
        Some("52") => Some(LegalForm::SocialServiceAgency),
        Some("53") => Some(LegalForm::Foundation),
        _ => None,
    }
}

pub fn legal_form_zh(f: LegalForm) -> &'static str {
    match f {
        LegalForm::SocialGroup => "社会团体",
        LegalForm::SocialServiceAgency => "社会服务机构",
        LegalForm::Foundation => "基金会",
    }
}

pub fn new_row(o: &CreateOrganization, code: &CreditCode, now: NaiveDateTime) -> OrgRow {
    OrgRow {
        id: uuid::Uuid::now_v7().to_string(),
        name: o.name.trim().to_owned(),
        credit_code: code.as_str().to_owned(),
        credit_code_check_failed: code.check_failed,
        legal_form: o.legal_form,
        registration_level: o.registration_level,
        province_code: o.province_code.trim().to_owned(),
        category: o.category,
        specialties: list_to_json(&o.specialties),
        party_org: o.party_org,
        recommended_by: o.recommended_by,
        status: OrgStatus::Active,
        status_reason: None,
        version: 1,
        created_at: now,
        updated_at: now,
        credit_code_confirmed_by: None,
        credit_code_confirmed_at: None,
    }
}

fn duplicate(code: &str) -> ApiError {
    ApiError::Conflict(tr!("统一社会信用代码 {code} 已登记。", "The credit code {code} is already registered."))
}

pub fn insert(conn: &mut DbConn, row: &OrgRow) -> ApiResult<()> {
    diesel::insert_into(organizations::table)
        .values(row)
        .execute(conn)
        .map_err(|e| if crate::db::is_unique_violation(&e) { duplicate(&row.credit_code) } else { e.into() })?;
    Ok(())
}

pub fn update(conn: &mut DbConn, row: &OrgRow, expected_version: i64) -> ApiResult<()> {
    let stored_name: Option<String> = organizations::table.find(&row.id).select(organizations::name).first(conn).optional()?;
    let n = diesel::update(organizations::table.find(&row.id).filter(organizations::version.eq(expected_version)))
        .set((
            organizations::name.eq(&row.name),
            organizations::credit_code.eq(&row.credit_code),
            organizations::credit_code_check_failed.eq(row.credit_code_check_failed),
            organizations::legal_form.eq(&row.legal_form),
            organizations::registration_level.eq(&row.registration_level),
            organizations::province_code.eq(&row.province_code),
            organizations::category.eq(&row.category),
            organizations::specialties.eq(&row.specialties),
            organizations::party_org.eq(row.party_org),
            organizations::recommended_by.eq(&row.recommended_by),
            organizations::status.eq(&row.status),
            organizations::status_reason.eq(&row.status_reason),
            organizations::credit_code_confirmed_by.eq(&row.credit_code_confirmed_by),
            organizations::credit_code_confirmed_at.eq(row.credit_code_confirmed_at),
            organizations::version.eq(row.version),
            organizations::updated_at.eq(row.updated_at),
        ))
        .execute(conn)
        .map_err(|e| if crate::db::is_unique_violation(&e) { duplicate(&row.credit_code) } else { e.into() })?;
    if n == 0 {
        return Err(ApiError::PreconditionFailed);
    }
    // the project lists carry the name (`projects.parties`), and so does its members' `Caller`
    if stored_name.is_some_and(|name| name != row.name) {
        crate::projects::store::refresh_parties_of(conn, &row.id)?;
        crate::db::effects::users_written();
    }
    Ok(())
}

/// Moves an organization the caller administers (checked by the caller) to `to` with a reason:
/// suspending or revoking flags what it takes part in, reinstating clears that; audited. The one
/// way an organization's status changes, from its own page or from an incident's handling.
pub fn move_status(conn: &mut DbConn, caller: &Caller, before: &OrgRow, to: OrgStatus, reason: &str) -> ApiResult<OrgRow> {
    lifecycle::check(before.status(), to, &[Party::Coordinator], reason)?;
    let mut after = before.clone();
    after.status = to;
    after.status_reason = Some(reason.trim().to_owned());
    after.version += 1;
    after.updated_at = caller.now;
    update(conn, &after, before.version)?;
    if matches!(to, OrgStatus::Suspended | OrgStatus::Revoked) {
        let why = format!("{}: {}", to.as_str(), reason.trim());
        flag_for_review(conn, &after.id, &why, caller.now)?;
    } else if to == OrgStatus::Active {
        clear_review(conn, &after.id, caller.now)?;
    }
    crate::audit::record(
        conn,
        caller,
        "organization.transition",
        "organization",
        &after.id,
        Some(&Organization::from(before)),
        Some(&Organization::from(&after)),
    )?;
    Ok(after)
}

/// Suspending or revoking an organization flags every live pairing and open project it is named
/// in, and the brands it owns, for review (DOMAIN.md: 依法合规, 防范风险), with the reason; their versions move, so a
/// client holding the old ETag reads the flag before it changes them.
pub fn flag_for_review(conn: &mut DbConn, org_id: &str, reason: &str, now: NaiveDateTime) -> ApiResult<()> {
    let pairing_ids =
        pairing_members::table.filter(pairing_members::organization_id.eq(org_id)).select(pairing_members::pairing_id);
    let live: Vec<&str> = PairingStatus::LIVE.iter().map(|s| s.as_str()).collect();
    diesel::update(pairings::table.filter(pairings::id.eq_any(pairing_ids)).filter(pairings::status.eq_any(live)))
        .set((
            pairings::review_flag.eq(true),
            pairings::review_reason.eq(reason),
            pairings::version.eq(pairings::version + 1),
            pairings::updated_at.eq(now),
        ))
        .execute(conn)?;
    let project_ids = project_organizations::table
        .filter(project_organizations::organization_id.eq(org_id))
        .filter(project_organizations::consent.ne(Consent::Declined))
        .select(project_organizations::project_id);
    let open: Vec<&str> = ProjectStatus::OPEN.iter().map(|s| s.as_str()).collect();
    diesel::update(projects::table.filter(projects::id.eq_any(project_ids)).filter(projects::status.eq_any(open)))
        .set((
            projects::review_flag.eq(true),
            projects::review_reason.eq(reason),
            projects::version.eq(projects::version + 1),
            projects::updated_at.eq(now),
        ))
        .execute(conn)?;
    crate::brands::store::flag_owned(conn, org_id, reason, now)
}

/// Reinstating an organization clears the flags it caused: on its pairings and projects where no
/// other named organization is still suspended or revoked.
pub fn clear_review(conn: &mut DbConn, org_id: &str, now: NaiveDateTime) -> ApiResult<()> {
    // The other organizations still suspended or revoked: what they flagged stays flagged.
    let other_inactive = || {
        organizations::table
            .filter(organizations::status.ne(OrgStatus::Active))
            .filter(organizations::id.ne(org_id))
            .select(organizations::id)
    };
    let still_flagged_pairings = pairing_members::table
        .filter(pairing_members::organization_id.eq_any(other_inactive()))
        .select(pairing_members::pairing_id);
    let mine =
        pairing_members::table.filter(pairing_members::organization_id.eq(org_id)).select(pairing_members::pairing_id);
    diesel::update(
        pairings::table
            .filter(pairings::review_flag.eq(true))
            .filter(pairings::id.eq_any(mine))
            .filter(pairings::id.ne_all(still_flagged_pairings)),
    )
    .set((
        pairings::review_flag.eq(false),
        pairings::review_reason.eq(None::<String>),
        pairings::version.eq(pairings::version + 1),
        pairings::updated_at.eq(now),
    ))
    .execute(conn)?;
    let still_flagged_projects = project_organizations::table
        .filter(project_organizations::organization_id.eq_any(other_inactive()))
        .filter(project_organizations::consent.ne(Consent::Declined))
        .select(project_organizations::project_id);
    let mine = project_organizations::table
        .filter(project_organizations::organization_id.eq(org_id))
        .select(project_organizations::project_id);
    diesel::update(
        projects::table
            .filter(projects::review_flag.eq(true))
            .filter(projects::id.eq_any(mine))
            .filter(projects::id.ne_all(still_flagged_projects)),
    )
    .set((
        projects::review_flag.eq(false),
        projects::review_reason.eq(None::<String>),
        projects::version.eq(projects::version + 1),
        projects::updated_at.eq(now),
    ))
    .execute(conn)?;
    crate::brands::store::clear_review(conn, org_id, now)
}

fn filtered<'a>(q: &OrgQuery) -> organizations::BoxedQuery<'a, MultiBackend> {
    let mut b = organizations::table.into_boxed();
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let code_prefix = format!("{}%", text.to_ascii_uppercase().replace(['%', '_', '\\'], ""));
        b = b.filter(
            organizations::name.like(like_pattern(text)).escape('\\').or(organizations::credit_code.like(code_prefix)),
        );
    }
    if let Some(v) = q.category {
        b = b.filter(organizations::category.eq(v.as_str()));
    }
    match q.credit_code_to_confirm {
        Some(true) => {
            b = b
                .filter(organizations::credit_code_check_failed.eq(true))
                .filter(organizations::credit_code_confirmed_at.is_null());
        }
        Some(false) => {
            b = b.filter(
                organizations::credit_code_check_failed
                    .eq(false)
                    .or(organizations::credit_code_confirmed_at.is_not_null()),
            );
        }
        None => {}
    }
    if let Some(v) = q.legal_form {
        b = b.filter(organizations::legal_form.eq(v.as_str()));
    }
    if let Some(v) = q.registration_level {
        b = b.filter(organizations::registration_level.eq(v.as_str()));
    }
    if let Some(v) = &q.province {
        b = b.filter(organizations::province_code.eq(v.clone()));
    }
    if let Some(v) = q.status {
        b = b.filter(organizations::status.eq(v));
    }
    if let Some(v) = q.specialty {
        // specialties is a JSON array of quoted values: match the quoted value.
        b = b.filter(organizations::specialties.like(format!("%\"{}\"%", v.as_str())));
    }
    if let Some(v) = q.recommended_by {
        b = b.filter(organizations::recommended_by.eq(v.as_str()));
    }
    b
}

/// The sort key a cursor carries: the sort column and the id, separated by a unit separator.
pub fn cursor_key(row: &OrgRow, sort: OrgSort) -> String {
    match sort {
        OrgSort::Name => format!("{}\u{1f}{}", row.name, row.id),
        OrgSort::UpdatedDesc => format!("{}\u{1f}{}", row.updated_at.format("%Y-%m-%dT%H:%M:%S%.f"), row.id),
    }
}

pub fn list(conn: &mut DbConn, q: &OrgQuery, after: Option<&str>, limit: i64) -> ApiResult<(Vec<OrgRow>, Option<i64>)> {
    let sort = q.sort.unwrap_or(OrgSort::Name);
    let mut b = filtered(q).select(OrgRow::as_select());
    if let Some((key, id)) = after.and_then(|a| a.split_once('\u{1f}')) {
        let (key, id) = (key.to_owned(), id.to_owned());
        b = match sort {
            OrgSort::Name => b.filter(
                organizations::name.gt(key.clone()).or(organizations::name.eq(key).and(organizations::id.gt(id))),
            ),
            OrgSort::UpdatedDesc => {
                let at = crate::http::cursor_time(&key)?;
                b.filter(
                    organizations::updated_at.lt(at).or(organizations::updated_at.eq(at).and(organizations::id.lt(id))),
                )
            }
        };
    }
    b = match sort {
        OrgSort::Name => b.order((organizations::name.asc(), organizations::id.asc())),
        OrgSort::UpdatedDesc => b.order((organizations::updated_at.desc(), organizations::id.desc())),
    };
    let rows = b.limit(limit + 1).load(conn)?;
    let total = if q.count == Some(true) { Some(filtered(q).count().get_result(conn)?) } else { None };
    Ok((rows, total))
}
