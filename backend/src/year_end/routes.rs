use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::model::{
    CreateReport, PatchReport, ReportQuery, ReportRow, ReportTransition, ReportVersion, Sections, SignatureRow, YearEndReport,
};
use super::store::{self, etag};
use super::{notices, versions};
use crate::domain::WebhookEvent;
use crate::webhooks::outbox::{self, Event};
use crate::audit;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{year_end_reports, year_end_signatures};
use crate::domain::Role;
use crate::domain::lifecycle;
use crate::domain::year_end::{ReportStatus, Section};
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Items, Page};
use crate::state::AppState;
use crate::tr;

/// List year-end reports
///
/// National admins read every province's, provincial officers their own province's (403 for
/// other roles). Most recently changed first, in keyset pages; without live figures or history.
#[utoipa::path(
    get, path = "/api/v1/year-end-reports", tag = "year-end-reports", operation_id = "listYearEndReports",
    params(ReportQuery),
    responses(
        (status = 200, description = "A page of reports", body = Page<YearEndReport>),
        (status = 403, description = "Not a national admin or provincial officer", body = Problem, content_type = "application/problem+json"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_year_end_reports(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<ReportQuery>,
) -> ApiResult<web::Json<Page<YearEndReport>>> {
    store::require_reader(&caller)?;
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let page = state
        .db(move |conn| {
            let rows = store::page(conn, &caller, &query, after.as_deref(), limit)?;
            let (rows, next_cursor) = http::page(rows, limit, store::cursor_key);
            let total = match query.count {
                Some(true) => Some(store::filtered(&caller, &query).count().get_result(conn)?),
                _ => None,
            };
            Ok(Page { items: store::to_dtos(conn, &caller, &rows, false)?, next_cursor, total })
        })
        .await?;
    Ok(web::Json(page))
}

/// Start the province's report for a year
///
/// By a provincial officer, for their own province (`province_code` may be omitted); one report
/// per province and year (409 naming the existing one). It starts as an empty `draft` whose
/// figures are read live from the statistics until it is submitted.
#[utoipa::path(
    post, path = "/api/v1/year-end-reports", tag = "year-end-reports", operation_id = "createYearEndReport",
    request_body = CreateReport,
    responses(
        (status = 201, description = "The report", body = YearEndReport, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "Not an officer of that province", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The province already has a report for that year", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_year_end_report(state: web::Data<AppState>, caller: Caller, body: Json<CreateReport>) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    store::check_year(b.year)?;
    caller.require_role(&[Role::ProvincialOfficer])?;
    let own = caller.province_code.clone().unwrap_or_default();
    let province = b.province_code.unwrap_or_else(|| own.clone());
    if province != own {
        return Err(ApiError::Forbidden(tr!("只能撰写本省的年度报告。", "You write your own province's report only.")));
    }
    let (etag, dto) = state
        .tx(move |conn| {
            if let Some(existing) = year_end_reports::table
                .filter(year_end_reports::province_code.eq(&province))
                .filter(year_end_reports::year.eq(b.year))
                .select(year_end_reports::id)
                .first::<String>(conn)
                .optional()?
            {
                let year = b.year;
                return Err(ApiError::Conflict(tr!(
                    "本省 {year} 年的年度报告已存在（{existing}）。",
                    "The province already has its {year} report ({existing})."
                )));
            }
            let row = ReportRow {
                id: uuid::Uuid::now_v7().to_string(),
                province_code: province,
                year: b.year,
                status: ReportStatus::Draft,
                sections: store::to_json(&Sections::default())?,
                figures: None,
                return_comments: None,
                submitted_at: None,
                accepted_at: None,
                created_by: caller.actor_id.clone(),
                version: 1,
                created_at: caller.now,
                updated_at: caller.now,
            };
            // two officers starting it at once: the second finds the first's (409), not a 500
            diesel::insert_into(year_end_reports::table).values(&row).execute(conn).map_err(|e| {
                if crate::db::is_unique_violation(&e) {
                    ApiError::Conflict(tr!("本省该年度的年度报告已存在。", "The province already has its report for that year."))
                } else {
                    e.into()
                }
            })?;
            crate::history::record(conn, store::ENTITY, &row.id, &caller, None, ReportStatus::Draft, "")?;
            let dto = store::one(conn, &caller, &row)?;
            audit::record(conn, &caller, "year_end_report.create", "year_end_report", &row.id, None::<&()>, Some(&dto.sections))?;
            Ok((etag(&row), dto))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/year-end-reports/{}", dto.id)))
        .insert_header((header::ETAG, etag))
        .json(dto))
}

/// Read a report with its live figures, signatures and history
#[utoipa::path(
    get, path = "/api/v1/year-end-reports/{id}", tag = "year-end-reports", operation_id = "getYearEndReport",
    params(("id" = String, Path, description = "Report id")),
    responses((status = 200, description = "The report", body = YearEndReport, headers(("ETag" = String))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_year_end_report(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let row = store::visible_row(conn, &caller, &id)?;
            Ok((etag(&row), store::one(conn, &caller, &row)?))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Takes the report's row for a change by the province: visible, with the province, at the
/// version last read (412 otherwise).
fn for_change(conn: &mut DbConn, caller: &Caller, id: &str, if_match: &str) -> ApiResult<ReportRow> {
    let row = store::visible_row(conn, caller, id)?;
    if !store::may_edit(caller, &row) {
        return Err(ApiError::Forbidden(tr!(
            "只有本省主管部门可以在草稿或退回状态下修改年度报告；已接收的报告已锁定。",
            "Only the province's officers change its report, while it is a draft or returned; an accepted report is locked."
        )));
    }
    http::require_if_match_value(if_match, &etag(&row))?;
    Ok(row)
}

/// Change the narrative (JSON merge patch)
///
/// By the province's officers while `draft` or `returned`; each section is HTML kept to safe
/// formatting (422 naming `sections.<key>` when too long). Any change removes the signatures:
/// both departments sign again what the report now says.
#[utoipa::path(
    patch, path = "/api/v1/year-end-reports/{id}", tag = "year-end-reports", operation_id = "updateYearEndReport",
    params(("id" = String, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = PatchReport, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed report", body = YearEndReport, headers(("ETag" = String))),
        (status = 403, description = "Not the province's officer, or not with the province", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn update_year_end_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchReport>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let patch = body.into_inner().sections.unwrap_or_default();
    // cleaned before the transaction: sanitizing twenty pages takes a moment
    let mut cleaned = vec![];
    for (section, value) in [
        (Section::Work, patch.work),
        (Section::Results, patch.results),
        (Section::Practices, patch.practices),
        (Section::Problems, patch.problems),
        (Section::NextSteps, patch.next_steps),
    ] {
        if let Some(v) = value {
            cleaned.push((section, store::clean_section(section, &v)?));
        }
    }
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = for_change(conn, &caller, &id, &if_match)?;
            let before_sections = store::sections(&before);
            let mut sections = before_sections.clone();
            for (section, v) in cleaned {
                *sections.slot(section) = v;
            }
            let mut after = before.clone();
            if sections != before_sections {
                after.sections = store::to_json(&sections)?;
                if store::clear_signatures(conn, &after.id)? > 0 {
                    notices::signatures_cleared(conn, &caller, &after)?;
                }
            }
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            let dto = store::one(conn, &caller, &after)?;
            audit::record(conn, &caller, "year_end_report.update", "year_end_report", &after.id, Some(&before_sections), Some(&sections))?;
            Ok((etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Sign the report for the caller's department
///
/// By a provincial officer of the report's province (a person, not an API token) while it is
/// `draft` or `returned`, once per department (409 when the department has signed). The
/// signature records the name and time; an edit afterwards removes it.
#[utoipa::path(
    post, path = "/api/v1/year-end-reports/{id}/signatures", tag = "year-end-reports", operation_id = "signYearEndReport",
    params(("id" = String, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag last read: the text being signed")),
    responses(
        (status = 200, description = "The report with the signature", body = YearEndReport, headers(("ETag" = String))),
        (status = 403, description = "Not an officer of the province with a department, or not with the province", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The department has signed already", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn sign_year_end_report(state: web::Data<AppState>, caller: Caller, req: HttpRequest, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = for_change(conn, &caller, &id, &if_match)?;
            let department = store::signing_department(&caller, &before).ok_or_else(|| {
                ApiError::Forbidden(tr!(
                    "只有本省乡村振兴部门或民政部门的工作人员本人可以签署。",
                    "Only an officer of the province's rural revitalization or civil affairs department signs, in person."
                ))
            })?;
            let signed: Vec<SignatureRow> = year_end_signatures::table
                .filter(year_end_signatures::report_id.eq(&before.id))
                .select(SignatureRow::as_select())
                .load(conn)?;
            if let Some(s) = signed.iter().find(|s| s.department == department) {
                let (dept, who) = (department.zh(), s.signer_name.clone());
                return Err(ApiError::Conflict(tr!("{dept}已由 {who} 签署。", "{dept} has signed already ({who}).")));
            }
            // the report's row first: of two signatures at once the second waits for the first
            // and finds the version moved (412), before its own row could collide
            let mut after = before.clone();
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            let row = SignatureRow {
                report_id: before.id.clone(),
                department,
                user_id: caller.actor_id.clone(),
                signer_name: caller.name.clone(),
                signed_at: caller.now,
            };
            diesel::insert_into(year_end_signatures::table).values(&row).execute(conn)?;
            let mut departments: Vec<_> = signed.iter().map(|s| s.department).collect();
            departments.push(department);
            let province = store::province_name(conn, &after.province_code)?.unwrap_or_default();
            notices::signed(conn, &caller, &after, &province, &departments)?;
            let dto = store::one(conn, &caller, &after)?;
            let change = serde_json::json!({"department": department, "signer": caller.name});
            audit::record(conn, &caller, "year_end_report.sign", "year_end_report", &after.id, None::<&()>, Some(&change))?;
            Ok((etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Move a report along its lifecycle
///
/// `draft`/`returned` → `submitted` by the province's officers once both departments have
/// signed (409 naming the one missing): the figures are frozen as the statistics read them now
/// and the submission is kept as a version. `submitted` → `accepted` (locked) or `returned`
/// (reason required; `comments` per section) by national admins; `accepted` → `draft` reopens
/// it (national admins, reason required).
#[utoipa::path(
    post, path = "/api/v1/year-end-reports/{id}/transitions", tag = "year-end-reports", operation_id = "transitionYearEndReport",
    params(("id" = String, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = ReportTransition,
    responses(
        (status = 200, description = "The report after the move", body = YearEndReport, headers(("ETag" = String))),
        (status = 403, description = "The move exists but not for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status, or a department has not signed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing, or a comment too long or on no section", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_year_end_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<ReportTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let t = body.into_inner();
    for (section, text) in &t.comments {
        let max = store::MAX_COMMENT_CHARS;
        if text.chars().count() > max || text.contains('\0') {
            let field = format!("comments.{}", section.as_str());
            return Err(ApiError::field(&field, tr!("不能超过 {max} 字，且不能含空字符", "at most {max} characters, without U+0000")));
        }
    }
    if t.reason.chars().count() > store::MAX_COMMENT_CHARS {
        let max = store::MAX_COMMENT_CHARS;
        return Err(ApiError::field("reason", tr!("不能超过 {max} 字", "at most {max} characters")));
    }
    if !t.comments.is_empty() && t.to != ReportStatus::Returned {
        return Err(ApiError::field("comments", tr!("只有退回时可以附分节意见", "comments go with a return only")));
    }
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::visible_row(conn, &caller, &id)?;
            http::require_if_match_value(&if_match, &etag(&before))?;
            lifecycle::check(before.status, t.to, &store::parties(&caller, &before), &t.reason)?;
            // the report's row first: of two moves at once the second finds the version moved
            // (412) before a submission's version number could collide
            store::claim(conn, &before)?;
            let mut after = before.clone();
            after.status = t.to;
            match t.to {
                ReportStatus::Submitted => {
                    let signatures = store::signatures_of(conn, &[before.id.as_str()])?.remove(&before.id).unwrap_or_default();
                    if let Some(missing) = crate::domain::Department::ALL.iter().find(|d| !signatures.iter().any(|s| s.department == **d)) {
                        let dept = missing.zh();
                        return Err(ApiError::Conflict(tr!(
                            "{dept}尚未签署：两个部门都签署后才能报送。",
                            "{dept} has not signed: both departments sign before the report is submitted."
                        )));
                    }
                    let figures = super::figures::live(conn, &before.province_code, before.year)?;
                    after.figures = Some(store::to_json(&figures)?);
                    after.return_comments = None;
                    after.submitted_at = Some(caller.now);
                    versions::snapshot(conn, &caller, &after, &figures, &signatures)?;
                }
                ReportStatus::Returned => {
                    let comments: std::collections::BTreeMap<Section, String> =
                        t.comments.iter().map(|(s, c)| (*s, c.trim().to_owned())).filter(|(_, c)| !c.is_empty()).collect();
                    after.return_comments = Some(store::to_json(&comments)?);
                    versions::review(conn, &caller, &after, &t.reason, &comments)?;
                }
                ReportStatus::Accepted => {
                    after.accepted_at = Some(caller.now);
                    versions::review(conn, &caller, &after, "", &Default::default())?;
                }
                ReportStatus::Draft => {
                    // reopened: written again from the live figures, and signed again
                    after.figures = None;
                    after.accepted_at = None;
                    store::clear_signatures(conn, &after.id)?;
                }
            }
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            crate::history::record(conn, store::ENTITY, &after.id, &caller, Some(before.status), t.to, &t.reason)?;
            let province = store::province_name(conn, &after.province_code)?.unwrap_or_default();
            notices::moved(conn, &caller, &after, &province)?;
            if t.to == ReportStatus::Submitted {
                let subject = format!("{province} {} 年度报告", after.year);
                let event = Event {
                    kind: WebhookEvent::ReportSubmitted,
                    entity_type: "year_end_report",
                    entity_id: &after.id,
                    subject: &subject,
                    href: format!("/api/v1/year-end-reports/{}", after.id),
                };
                outbox::emit(conn, &caller, event, |conn, to| outbox::found(store::visible_row(conn, to, &after.id)))?;
            }
            let dto = store::one(conn, &caller, &after)?;
            let change = serde_json::json!({"status": t.to, "reason": t.reason.trim(), "comments": t.comments});
            audit::record(conn, &caller, "year_end_report.transition", "year_end_report", &after.id, Some(&before.status), Some(&change))?;
            Ok((etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// The report's submitted versions
///
/// Newest first, each with the sections, figures and signatures it was submitted with and what
/// changed from the version before it.
#[utoipa::path(
    get, path = "/api/v1/year-end-reports/{id}/versions", tag = "year-end-reports", operation_id = "listYearEndReportVersions",
    params(("id" = String, Path, description = "Report id")),
    responses((status = 200, description = "Its versions", body = Items<ReportVersion>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_year_end_report_versions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<web::Json<Items<ReportVersion>>> {
    let id = id.into_inner();
    let items = state
        .db(move |conn| {
            let row = store::visible_row(conn, &caller, &id)?;
            versions::list(conn, &row.id)
        })
        .await?;
    Ok(web::Json(Items { items }))
}
