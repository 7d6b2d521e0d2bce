//! Indicator frameworks, evaluation rounds and their results.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{
    CreateFramework, CreateRound, Framework, FrameworkQuery, FrameworkRow, FrameworkTransition, PatchFramework,
    PatchRound, ResultQuery, ResultRow, Round, RoundQuery, RoundRow, RoundTransition, Subject, SubjectQuery, SubjectResult,
};
use super::store::{self, framework_etag, round_etag};
use super::{metrics, panel, results, subjects, tree};
use crate::audit;
use crate::auth::Caller;
use crate::domain::evaluation::{FrameworkStatus, RoundStatus, SubjectFilter};
use crate::domain::lifecycle;
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, Invalid, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Items, Page};
use crate::jobs::{Job, JobKind};
use crate::state::AppState;
use crate::tr;

// ---- frameworks ----

/// The metrics a computed indicator can read
///
/// The fixed catalogue, with how each is computed over a round's period, in Chinese and English.
#[utoipa::path(
    get, path = "/api/v1/indicator-metrics", tag = "evaluation", operation_id = "listIndicatorMetrics",
    responses((status = 200, description = "The catalogue", body = Items<metrics::IndicatorMetric>), crate::error::Unauthenticated),
    security(("bearer" = []))
)]
pub async fn list_indicator_metrics(_caller: Caller) -> web::Json<Items<metrics::IndicatorMetric>> {
    web::Json(Items { items: metrics::published() })
}

/// List indicator frameworks
///
/// National admins see drafts too; everyone else the frameworks in use (active or retired).
/// Most recently changed first.
#[utoipa::path(
    get, path = "/api/v1/indicator-frameworks", tag = "evaluation", operation_id = "listIndicatorFrameworks",
    params(FrameworkQuery),
    responses((status = 200, description = "A page of frameworks", body = Page<Framework>), ListErrors),
    security(("bearer" = []))
)]
pub async fn list_indicator_frameworks(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<FrameworkQuery>,
) -> ApiResult<web::Json<Page<Framework>>> {
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let page = state
        .db(move |conn| {
            let rows = store::framework_page(conn, &caller, &query, after.as_deref(), limit)?;
            let (rows, next_cursor) = http::page(rows, limit, |r| store::cursor_key(r.updated_at, &r.id));
            Ok(Page { items: store::framework_dtos(conn, &caller, &rows, false)?, next_cursor, total: None })
        })
        .await?;
    Ok(web::Json(page))
}

fn check_framework(name: &str, description: &str, row_tree: &tree::Tree, subject: crate::domain::evaluation::SubjectType) -> Vec<Invalid> {
    let mut errors = vec![];
    if !crate::bounds::TITLE.accepts(name) {
        errors.push(Invalid::new("name", tr!("名称不能为空，最多 200 字", "a name of 1–200 characters")));
    }
    if !crate::bounds::DESCRIPTION.accepts(description) {
        errors.push(Invalid::new("description", tr!("说明最多 5000 字", "at most 5,000 characters")));
    }
    errors.extend(tree::check_nodes(row_tree, subject));
    errors
}

fn tree_json(t: &tree::Tree) -> ApiResult<String> {
    serde_json::to_string(t).map_err(|e| ApiError::Internal(e.into()))
}

fn created(location: String, etag: String, body: impl serde::Serialize) -> HttpResponse {
    HttpResponse::Created().insert_header((header::LOCATION, location)).insert_header((header::ETAG, etag)).json(body)
}

fn ok_with_etag(etag: String, body: impl serde::Serialize) -> HttpResponse {
    HttpResponse::Ok().insert_header((header::ETAG, etag)).json(body)
}

/// Create an indicator framework (a draft, version 1)
///
/// National admins. The tree may be incomplete while a draft: each node is checked (errors
/// name the node, e.g. `tree.dimensions[0].indicators[1].metric`); the weights are checked when
/// it is activated.
#[utoipa::path(
    post, path = "/api/v1/indicator-frameworks", tag = "evaluation", operation_id = "createIndicatorFramework",
    request_body = CreateFramework,
    responses(
        (status = 201, description = "The framework", body = Framework, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_indicator_framework(state: web::Data<AppState>, caller: Caller, body: Json<CreateFramework>) -> ApiResult<HttpResponse> {
    store::require_national(&caller)?;
    let b = body.into_inner();
    let errors = check_framework(&b.name, &b.description, &b.tree, b.subject_type);
    if !errors.is_empty() {
        return Err(ApiError::Validation(prefix_tree(errors)));
    }
    let (etag, dto) = state
        .tx(move |conn| {
            let id = uuid::Uuid::now_v7().to_string();
            let row = FrameworkRow {
                id: id.clone(),
                name: b.name.trim().to_owned(),
                version: 1,
                lineage_id: id,
                subject_type: b.subject_type,
                status: FrameworkStatus::Draft,
                description: b.description.trim().to_owned(),
                tree: tree_json(&b.tree)?,
                revision: 1,
                created_at: caller.now,
                updated_at: caller.now,
            };
            diesel::RunQueryDsl::execute(diesel::insert_into(crate::db::schema::indicator_frameworks::table).values(&row), conn)?;
            crate::history::record(conn, store::FRAMEWORK, &row.id, &caller, None, FrameworkStatus::Draft, "")?;
            let dto = store::framework_dto(conn, &caller, &row)?;
            audit::record(conn, &caller, "indicator_framework.create", "indicator_framework", &row.id, None::<&()>, Some(&dto))?;
            Ok((framework_etag(&row), dto))
        })
        .await?;
    Ok(created(format!("/api/v1/indicator-frameworks/{}", dto.id), etag, dto))
}

/// Tree errors are named from the request's root (`tree.dimensions[0]…`).
fn prefix_tree(errors: Vec<Invalid>) -> Vec<Invalid> {
    errors
        .into_iter()
        .map(|mut e| {
            if e.field.starts_with("dimensions") {
                e.field = format!("tree.{}", e.field);
            }
            e
        })
        .collect()
}

/// Read an indicator framework
#[utoipa::path(
    get, path = "/api/v1/indicator-frameworks/{id}", tag = "evaluation", operation_id = "getIndicatorFramework",
    params(("id" = String, Path, description = "Framework id")),
    responses((status = 200, description = "The framework with its history", body = Framework, headers(("ETag" = String))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_indicator_framework(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let row = store::visible_framework(conn, &caller, &id)?;
            Ok((framework_etag(&row), store::framework_dto(conn, &caller, &row)?))
        })
        .await?;
    Ok(ok_with_etag(etag, dto))
}

/// Change a draft framework (JSON merge patch; `tree` is replaced whole)
///
/// National admins, drafts only: an active framework never changes (409; copy it instead).
#[utoipa::path(
    patch, path = "/api/v1/indicator-frameworks/{id}", tag = "evaluation", operation_id = "updateIndicatorFramework",
    params(("id" = String, Path, description = "Framework id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = PatchFramework, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed framework", body = Framework, headers(("ETag" = String))),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn update_indicator_framework(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchFramework>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let p = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::visible_framework(conn, &caller, &id)?;
            store::require_national(&caller)?;
            http::require_if_match_value(&if_match, &framework_etag(&before))?;
            if before.status != FrameworkStatus::Draft {
                return Err(ApiError::Conflict(tr!(
                    "已启用的指标体系不能修改：请复制为新版本后修改。",
                    "An active framework does not change: copy it to a new version."
                )));
            }
            let before_dto = store::framework_dto(conn, &caller, &before)?;
            let mut after = before.clone();
            if let Some(n) = &p.name {
                after.name = n.trim().to_owned();
            }
            if let Some(d) = &p.description {
                after.description = d.trim().to_owned();
            }
            let t = p.tree.clone().unwrap_or_else(|| before.tree());
            let errors = check_framework(&after.name, &after.description, &t, after.subject_type);
            if !errors.is_empty() {
                return Err(ApiError::Validation(prefix_tree(errors)));
            }
            after.tree = tree_json(&t)?;
            after.revision += 1;
            after.updated_at = caller.now;
            store::save_framework(conn, &after, before.revision)?;
            let dto = store::framework_dto(conn, &caller, &after)?;
            audit::record(conn, &caller, "indicator_framework.update", "indicator_framework", &after.id, Some(&before_dto), Some(&dto))?;
            Ok((framework_etag(&after), dto))
        })
        .await?;
    Ok(ok_with_etag(etag, dto))
}

/// Activate or retire a framework
///
/// `draft → active` when the tree is complete and siblings' weights add up to 100 (422 naming
/// the node otherwise); `active → retired` with a reason. National admins.
#[utoipa::path(
    post, path = "/api/v1/indicator-frameworks/{id}/transitions", tag = "evaluation", operation_id = "transitionIndicatorFramework",
    params(("id" = String, Path, description = "Framework id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = FrameworkTransition,
    responses(
        (status = 200, description = "The framework after the move", body = Framework, headers(("ETag" = String))),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing, or the tree is incomplete", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_indicator_framework(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<FrameworkTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let FrameworkTransition { to, reason } = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::visible_framework(conn, &caller, &id)?;
            http::require_if_match_value(&if_match, &framework_etag(&before))?;
            lifecycle::check(before.status, to, &store::parties(&caller), &reason)?;
            if to == FrameworkStatus::Active {
                let errors = tree::check_complete(&before.tree());
                if !errors.is_empty() {
                    return Err(ApiError::Validation(prefix_tree(errors)));
                }
            }
            let mut after = before.clone();
            after.status = to;
            after.revision += 1;
            after.updated_at = caller.now;
            store::save_framework(conn, &after, before.revision)?;
            crate::history::record(conn, store::FRAMEWORK, &after.id, &caller, Some(before.status), to, &reason)?;
            let dto = store::framework_dto(conn, &caller, &after)?;
            let change = serde_json::json!({"status": to, "reason": reason.trim()});
            audit::record(conn, &caller, "indicator_framework.transition", "indicator_framework", &after.id, Some(&before.status), Some(&change))?;
            Ok((framework_etag(&after), dto))
        })
        .await?;
    Ok(ok_with_etag(etag, dto))
}

/// Copy a framework to a new draft version
///
/// The copy takes the next version number of the framework's lineage and the same tree, to be
/// changed and activated; the original stays as it is. National admins.
#[utoipa::path(
    post, path = "/api/v1/indicator-frameworks/{id}/copy", tag = "evaluation", operation_id = "copyIndicatorFramework",
    params(("id" = String, Path, description = "Framework id")),
    responses(
        (status = 201, description = "The new draft version", body = Framework, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn copy_indicator_framework(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            use diesel::prelude::*;
            use crate::db::schema::indicator_frameworks as f;
            let source = store::visible_framework(conn, &caller, &id)?;
            store::require_national(&caller)?;
            let last: i64 = f::table
                .filter(f::lineage_id.eq(&source.lineage_id))
                .select(diesel::dsl::max(f::version))
                .first::<Option<i64>>(conn)?
                .unwrap_or(source.version);
            let row = FrameworkRow {
                id: uuid::Uuid::now_v7().to_string(),
                version: last + 1,
                status: FrameworkStatus::Draft,
                revision: 1,
                created_at: caller.now,
                updated_at: caller.now,
                ..source.clone()
            };
            diesel::insert_into(f::table).values(&row).execute(conn).map_err(|e| {
                // Another copy of the same lineage took this version number at the same moment.
                if crate::db::is_unique_violation(&e) {
                    ApiError::Conflict(tr!("同一时间已有人复制了该指标体系，请刷新后再试。", "Another copy was made at the same moment: reload and try again."))
                } else {
                    e.into()
                }
            })?;
            let note = format!("复制自第 {} 版", source.version);
            crate::history::record(conn, store::FRAMEWORK, &row.id, &caller, None, FrameworkStatus::Draft, &note)?;
            let dto = store::framework_dto(conn, &caller, &row)?;
            audit::record(conn, &caller, "indicator_framework.copy", "indicator_framework", &row.id, Some(&serde_json::json!({"copied_from": source.id})), Some(&dto))?;
            Ok((framework_etag(&row), dto))
        })
        .await?;
    Ok(created(format!("/api/v1/indicator-frameworks/{}", dto.id), etag, dto))
}

// ---- rounds ----

/// List evaluation rounds
///
/// National admins see every round; experts the rounds they score in; everyone the published.
#[utoipa::path(
    get, path = "/api/v1/evaluation-rounds", tag = "evaluation", operation_id = "listEvaluationRounds",
    params(RoundQuery),
    responses((status = 200, description = "A page of rounds", body = Page<Round>), ListErrors),
    security(("bearer" = []))
)]
pub async fn list_evaluation_rounds(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<RoundQuery>,
) -> ApiResult<web::Json<Page<Round>>> {
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let page = state
        .db(move |conn| {
            let rows = store::round_page(conn, &caller, &query, after.as_deref(), limit)?;
            let (rows, next_cursor) = http::page(rows, limit, |r| store::cursor_key(r.updated_at, &r.id));
            Ok(Page { items: store::round_dtos(conn, &caller, &rows, false)?, next_cursor, total: None })
        })
        .await?;
    Ok(web::Json(page))
}

/// The fields of a round on their own (a create, or a draft after a patch).
fn check_round(r: &RoundRow, listed: &[String]) -> Vec<Invalid> {
    let mut errors = vec![];
    if !crate::bounds::TITLE.accepts(&r.name) {
        errors.push(Invalid::new("name", tr!("名称不能为空，最多 200 字", "a name of 1–200 characters")));
    }
    if !crate::bounds::YEARS.contains(&r.year) {
        errors.push(Invalid::new("year", tr!("年份为 2021–2100", "a year from 2021 to 2100")));
    }
    let years = |d: chrono::NaiveDate| crate::bounds::YEARS.contains(&i64::from(chrono::Datelike::year(&d)));
    if !years(r.period_start) {
        errors.push(Invalid::new("period_start", tr!("日期须在 2021–2100 年间", "a date from 2021 to 2100")));
    }
    if !years(r.period_end) {
        errors.push(Invalid::new("period_end", tr!("日期须在 2021–2100 年间", "a date from 2021 to 2100")));
    }
    if r.period_end < r.period_start {
        errors.push(Invalid::new("period_end", tr!("结束日期不能早于开始日期", "the end is before the start")));
    }
    if !r.subject_filter.fits(r.subject_type) {
        errors.push(Invalid::new("subject_filter", tr!("该筛选条件不适用于这类评估对象", "this filter does not apply to the subject type")));
    }
    if r.subject_filter == SubjectFilter::Listed && (listed.is_empty() || listed.len() > subjects::MAX_LISTED) {
        errors.push(Invalid::new("subject_ids", tr!("请列出 1–5000 个评估对象", "list 1–5,000 subjects")));
    }
    if !(1..=9).contains(&r.min_evaluators) {
        errors.push(Invalid::new("min_evaluators", tr!("每个对象 1–9 名专家", "1–9 experts per subject")));
    }
    if !(0..=100).contains(&r.public_top) {
        errors.push(Invalid::new("public_top", tr!("公开前 0–100 名", "0–100 at the top")));
    }
    errors
}

/// Create an evaluation round (a draft)
///
/// National admins, with an active framework; the subjects are chosen at once by the filter
/// (`active_pairing`, `recognized`, `key_county_provinces`, `all`) or the list (`listed` with
/// `subject_ids`), and chosen again when a draft's filter or list changes.
#[utoipa::path(
    post, path = "/api/v1/evaluation-rounds", tag = "evaluation", operation_id = "createEvaluationRound",
    request_body = CreateRound,
    responses(
        (status = 201, description = "The round", body = Round, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_evaluation_round(state: web::Data<AppState>, caller: Caller, body: Json<CreateRound>) -> ApiResult<HttpResponse> {
    store::require_national(&caller)?;
    let b = body.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let framework = store::load_framework(conn, &b.framework_id)?
                .filter(|f| f.status == FrameworkStatus::Active)
                .ok_or_else(|| ApiError::field("framework_id", tr!("须为已启用的指标体系", "an active framework")))?;
            let row = RoundRow {
                id: uuid::Uuid::now_v7().to_string(),
                name: b.name.trim().to_owned(),
                year: b.year,
                period_start: b.period_start,
                period_end: b.period_end,
                framework_id: framework.id,
                subject_type: framework.subject_type,
                subject_filter: b.subject_filter,
                min_evaluators: b.min_evaluators.unwrap_or(2),
                status: RoundStatus::Draft,
                snapshot_at: None,
                snapshot_job_id: None,
                ranked_at: None,
                ranking_job_id: None,
                public_top: b.public_top.unwrap_or(10),
                medians: "{}".into(),
                version: 1,
                created_at: caller.now,
                updated_at: caller.now,
            };
            let errors = check_round(&row, &b.subject_ids);
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            diesel::RunQueryDsl::execute(diesel::insert_into(crate::db::schema::evaluation_rounds::table).values(&row), conn)?;
            subjects::choose(conn, &row, &b.subject_ids)?;
            crate::history::record(conn, store::ROUND, &row.id, &caller, None, RoundStatus::Draft, "")?;
            let dto = store::round_dto(conn, &caller, &row)?;
            audit::record(conn, &caller, "evaluation_round.create", "evaluation_round", &row.id, None::<&()>, Some(&dto))?;
            Ok((round_etag(&row), dto))
        })
        .await?;
    Ok(created(format!("/api/v1/evaluation-rounds/{}", dto.id), etag, dto))
}

/// Read an evaluation round
///
/// National admins also get its progress (subjects, those short of experts, assignments).
#[utoipa::path(
    get, path = "/api/v1/evaluation-rounds/{id}", tag = "evaluation", operation_id = "getEvaluationRound",
    params(("id" = String, Path, description = "Round id")),
    responses((status = 200, description = "The round with its history", body = Round, headers(("ETag" = String))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_evaluation_round(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let row = store::visible_round(conn, &caller, &id)?;
            Ok((round_etag(&row), store::round_dto(conn, &caller, &row)?))
        })
        .await?;
    Ok(ok_with_etag(etag, dto))
}

/// Change a draft round (JSON merge patch)
///
/// National admins, drafts only (409 otherwise). Changing the filter or the list chooses the
/// subjects again; assignments of subjects no longer in the round are removed.
#[utoipa::path(
    patch, path = "/api/v1/evaluation-rounds/{id}", tag = "evaluation", operation_id = "updateEvaluationRound",
    params(("id" = String, Path, description = "Round id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = PatchRound, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed round", body = Round, headers(("ETag" = String))),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn update_evaluation_round(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchRound>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let p = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::visible_round(conn, &caller, &id)?;
            store::require_national(&caller)?;
            http::require_if_match_value(&if_match, &round_etag(&before))?;
            store::claim_round(conn, &before)?;
            if before.status != RoundStatus::Draft {
                return Err(ApiError::Conflict(tr!("只有草稿状态的评估轮次可以修改。", "Only a draft round changes.")));
            }
            let before_dto = store::round_dto(conn, &caller, &before)?;
            let mut after = before.clone();
            if let Some(v) = &p.name {
                after.name = v.trim().to_owned();
            }
            after.period_start = p.period_start.unwrap_or(after.period_start);
            after.period_end = p.period_end.unwrap_or(after.period_end);
            after.subject_filter = p.subject_filter.unwrap_or(after.subject_filter);
            after.min_evaluators = p.min_evaluators.unwrap_or(after.min_evaluators);
            after.public_top = p.public_top.unwrap_or(after.public_top);
            let rechoose = p.subject_filter.is_some() || p.subject_ids.is_some();
            let listed = p.subject_ids.clone().unwrap_or_default();
            let mut errors = check_round(&after, if rechoose { &listed } else { &[] });
            if !rechoose {
                errors.retain(|e| e.field != "subject_ids");
            }
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            if rechoose {
                subjects::choose(conn, &after, &listed)?;
                panel::remove_orphans(conn, &after)?;
            }
            after.version += 1;
            after.updated_at = caller.now;
            store::save_round(conn, &after, before.version)?;
            let dto = store::round_dto(conn, &caller, &after)?;
            audit::record(conn, &caller, "evaluation_round.update", "evaluation_round", &after.id, Some(&before_dto), Some(&dto))?;
            Ok((round_etag(&after), dto))
        })
        .await?;
    Ok(ok_with_etag(etag, dto))
}

/// Move a round along its lifecycle
///
/// `draft → scoring` opens scoring and snapshots the computed indicators in the background
/// (`snapshot_job_id`); it needs subjects and, when the framework has expert indicators, every
/// subject's experts (409 saying how many lack them). `scoring → closed` once the snapshot is
/// done and no assignment waits for its scores (409), and computes the ranking. `closed →
/// scoring` reopens with a reason and throws the ranking away; `closed → published` shows each
/// subject its result and the public the top `public_top`. National admins.
#[utoipa::path(
    post, path = "/api/v1/evaluation-rounds/{id}/transitions", tag = "evaluation", operation_id = "transitionEvaluationRound",
    params(("id" = String, Path, description = "Round id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = RoundTransition,
    responses(
        (status = 200, description = "The round after the move", body = Round, headers(("ETag" = String))),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status, or not ready for it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_evaluation_round(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<RoundTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let RoundTransition { to, reason } = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::visible_round(conn, &caller, &id)?;
            http::require_if_match_value(&if_match, &round_etag(&before))?;
            lifecycle::check(before.status, to, &store::parties(&caller), &reason)?;
            store::claim_round(conn, &before)?;
            let mut after = before.clone();
            match (before.status, to) {
                (RoundStatus::Draft, RoundStatus::Scoring) => {
                    let framework = store::load_framework(conn, &before.framework_id)?.ok_or(ApiError::NotFound)?;
                    if framework.status != FrameworkStatus::Active {
                        return Err(ApiError::Conflict(tr!("该轮次的指标体系已停用。", "The round's framework is retired.")));
                    }
                    let progress = store::progress(conn, &before, framework.tree().expert_indicators().next().is_some())?;
                    if progress.subjects == 0 {
                        return Err(ApiError::Conflict(tr!("本轮没有评估对象。", "The round has no subjects.")));
                    }
                    let short = progress.subjects_short_of_experts;
                    if short > 0 {
                        let n = before.min_evaluators;
                        return Err(ApiError::Conflict(tr!(
                            "还有 {short} 个评估对象的专家不足 {n} 名：请先分配专家。",
                            "{short} subjects have fewer than {n} experts: assign them first."
                        )));
                    }
                    let input = serde_json::json!({"round_id": after.id});
                    let job = crate::jobs::store::enqueue(conn, JobKind::EvaluationSnapshot, &caller, &input)?;
                    after.snapshot_job_id = Some(job.id);
                }
                (RoundStatus::Scoring, RoundStatus::Closed) => {
                    if after.snapshot_job_id.is_some() || after.snapshot_at.is_none() {
                        return Err(ApiError::Conflict(tr!("计算指标仍在快照中，请稍候。", "The computed indicators are still being snapshotted.")));
                    }
                    let waiting = panel::waiting(conn, &after)?;
                    if waiting > 0 {
                        return Err(ApiError::Conflict(tr!(
                            "还有 {waiting} 份评审任务未提交：请等待专家提交，或撤回这些任务。",
                            "{waiting} assignments are not submitted: wait for them, or withdraw them."
                        )));
                    }
                    // A round of national size is ranked by a job; a small one at once.
                    let subjects = store::progress(conn, &after, false)?.subjects;
                    if subjects > results::RANKED_IN_REQUEST {
                        let input = serde_json::json!({"round_id": after.id});
                        let job = crate::jobs::store::enqueue(conn, JobKind::EvaluationRanking, &caller, &input)?;
                        after.ranking_job_id = Some(job.id);
                    } else {
                        after.status = RoundStatus::Closed;
                        after.medians = results::compute(conn, &after, None)?.unwrap_or_default();
                        after.ranked_at = Some(caller.now);
                    }
                }
                (RoundStatus::Closed, RoundStatus::Scoring) => results::clear(conn, &mut after)?,
                (RoundStatus::Closed, RoundStatus::Published) if after.ranked_at.is_none() => {
                    return Err(ApiError::Conflict(tr!("排名正在计算中，完成后才能发布。", "The ranking is being computed: publish once it is done.")));
                }
                _ => {}
            }
            after.status = to;
            after.version += 1;
            after.updated_at = caller.now;
            store::save_round(conn, &after, before.version)?;
            crate::history::record(conn, store::ROUND, &after.id, &caller, Some(before.status), to, &reason)?;
            let dto = store::round_dto(conn, &caller, &after)?;
            let change = serde_json::json!({"status": to, "reason": reason.trim()});
            audit::record(conn, &caller, "evaluation_round.transition", "evaluation_round", &after.id, Some(&before.status), Some(&change))?;
            Ok((round_etag(&after), dto))
        })
        .await?;
    Ok(ok_with_etag(etag, dto))
}

/// Snapshot the computed indicators again
///
/// While scoring, before close: the figures are computed again in the background (poll the
/// job). Audited. National admins.
#[utoipa::path(
    post, path = "/api/v1/evaluation-rounds/{id}/snapshot", tag = "evaluation", operation_id = "snapshotEvaluationRound",
    params(("id" = String, Path, description = "Round id")),
    responses(
        (status = 202, description = "The job; poll its Location", body = Job, headers(("Location" = String))),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not scoring", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn snapshot_evaluation_round(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let job = state
        .tx(move |conn| {
            use diesel::prelude::*;
            let round = store::visible_round(conn, &caller, &id)?;
            store::require_national(&caller)?;
            if round.status != RoundStatus::Scoring {
                return Err(ApiError::Conflict(tr!("只能在评分阶段重新快照。", "A round is snapshotted again only while scoring.")));
            }
            store::claim_round(conn, &round)?;
            // One snapshot at a time. A job always ends: if its instance stops, another takes it
            // over (`jobs::worker`).
            let running = round.snapshot_job_id.as_deref().map(|j| crate::jobs::store::get(conn, j)).transpose()?.flatten();
            if running.is_some_and(|job| job.finished_at.is_none()) {
                return Err(ApiError::Conflict(tr!("计算指标正在快照中，请等待完成。", "A snapshot is running: wait for it to finish.")));
            }
            let input = serde_json::json!({"round_id": round.id});
            let job = crate::jobs::store::enqueue(conn, JobKind::EvaluationSnapshot, &caller, &input)?;
            diesel::update(crate::db::schema::evaluation_rounds::table.find(&round.id))
                .set(crate::db::schema::evaluation_rounds::snapshot_job_id.eq(&job.id))
                .execute(conn)?;
            audit::record(conn, &caller, "evaluation_round.snapshot", "evaluation_round", &round.id, None::<&()>, Some(&serde_json::json!({"job_id": job.id})))?;
            Ok(job)
        })
        .await?;
    crate::jobs::accepted(job)
}

/// A round's subjects
///
/// By name, in keyset pages (`q` searches the name). National admins.
#[utoipa::path(
    get, path = "/api/v1/evaluation-rounds/{id}/subjects", tag = "evaluation", operation_id = "listRoundSubjects",
    params(("id" = String, Path, description = "Round id"), SubjectQuery),
    responses(
        (status = 200, description = "A page of subjects", body = Page<Subject>),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        ListErrors,
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_round_subjects(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: crate::extractors::Query<SubjectQuery>,
) -> ApiResult<web::Json<Page<Subject>>> {
    use crate::db::schema::evaluation_subjects as s;
    use diesel::prelude::*;
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let id = id.into_inner();
    let page = state
        .db(move |conn| {
            let round = store::visible_round(conn, &caller, &id)?;
            store::require_national(&caller)?;
            let mut q = s::table.filter(s::round_id.eq(round.id.clone())).into_boxed();
            if let Some(text) = query.q.as_deref().filter(|t| !t.trim().is_empty()) {
                q = q.filter(s::name.like(crate::db::sql::like_pattern(text)).escape('\\'));
            }
            if let Some((name, subject)) = after.as_deref().and_then(|a| a.split_once('\u{1f}')) {
                q = q.filter(s::name.gt(name.to_owned()).or(s::name.eq(name.to_owned()).and(s::subject_id.gt(subject.to_owned()))));
            }
            let rows: Vec<(String, String, Option<String>)> = q
                .order((s::name, s::subject_id))
                .limit(limit + 1)
                .select((s::subject_id, s::name, s::province_code))
                .load(conn)?;
            let (rows, next_cursor) = http::page(rows, limit, |(id, name, _)| format!("{name}\u{1f}{id}"));
            let items = rows.into_iter().map(|(subject_id, name, province_code)| Subject { subject_id, name, province_code }).collect();
            Ok(Page { items, next_cursor, total: None })
        })
        .await?;
    Ok(web::Json(page))
}

// ---- results ----

/// A round's ranking
///
/// Best first, equal totals sharing a rank. 409 before the round is closed. National admins see
/// every subject; once published, a province its own subjects, an organization its own (and its
/// brands'), an expert the subjects they scored, and everyone the top `public_top`.
#[utoipa::path(
    get, path = "/api/v1/evaluation-rounds/{id}/results", tag = "evaluation", operation_id = "listEvaluationResults",
    params(("id" = String, Path, description = "Round id"), ResultQuery),
    responses(
        (status = 200, description = "A page of the ranking", body = Page<ResultRow>),
        (status = 404, description = "No such round, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not closed yet", body = Problem, content_type = "application/problem+json"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_evaluation_results(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: crate::extractors::Query<ResultQuery>,
) -> ApiResult<web::Json<Page<ResultRow>>> {
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let id = id.into_inner();
    let page = state
        .db(move |conn| {
            let round = store::visible_round(conn, &caller, &id)?;
            let (rows, total) = results::page(conn, &caller, &round, &query, after.as_deref(), limit)?;
            let (rows, next_cursor) = http::page(rows, limit, results::cursor_key);
            Ok(Page { items: rows.iter().map(results::row_of).collect(), next_cursor, total })
        })
        .await?;
    Ok(web::Json(page))
}

/// One subject's explained result
///
/// Every indicator's figure or experts' scores, how it was normalized or combined, the points
/// it gives, each dimension, the total, and the round's median per dimension. Experts are named
/// for national admins only.
#[utoipa::path(
    get, path = "/api/v1/evaluation-rounds/{id}/results/{subject_id}", tag = "evaluation", operation_id = "getEvaluationResult",
    params(("id" = String, Path, description = "Round id"), ("subject_id" = String, Path, description = "Organization id, brand id or province code")),
    responses(
        (status = 200, description = "The result", body = SubjectResult),
        (status = 409, description = "Not closed yet", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_evaluation_result(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<web::Json<SubjectResult>> {
    let (id, subject) = path.into_inner();
    let result = state
        .db(move |conn| {
            let round = store::visible_round(conn, &caller, &id)?;
            results::one(conn, &caller, &round, &subject)
        })
        .await?;
    Ok(web::Json(result))
}
