use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::model::{CreateTraining, PatchTraining, Training, TrainingQuery, TrainingRow, TrainingTransition};
use super::store;
use crate::audit;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{counties, provinces, trainings};
use crate::domain::text_enum::list_to_json;
use crate::domain::training::{OrganizerLevel, TrainingStatus};
use crate::domain::{CountyCode, Department, ProvinceCode, lifecycle};
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, Invalid, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Page};
use crate::state::AppState;
use crate::tr;

const MAX_TOPICS: usize = 10;

/// What every save checks; errors name the field.
fn check(row: &TrainingRow, topics: &[String], errors: &mut Vec<Invalid>) {
    if !crate::bounds::TITLE.accepts(&row.title) {
        errors.push(Invalid::new("title", tr!("1–200 个字符", "1–200 characters")));
    }
    if row.ends_on < row.starts_on {
        errors.push(Invalid::new("ends_on", tr!("结束日期早于开始日期", "ends before it starts")));
    }
    if chrono::Datelike::year(&row.starts_on) < 2000 || chrono::Datelike::year(&row.ends_on) > 2100 {
        errors.push(Invalid::new("starts_on", tr!("日期须在 2000–2100 年之间", "dates within 2000–2100")));
    }
    if row.place.chars().count() > 200 {
        errors.push(Invalid::new("place", tr!("最多 200 个字符", "at most 200 characters")));
    }
    if topics.len() > MAX_TOPICS || topics.iter().any(|t| t.trim().is_empty() || t.chars().count() > 50) {
        errors.push(Invalid::new("topics", tr!("最多 10 个主题，每个 1–50 个字符", "at most 10 topics of 1–50 characters")));
    }
    if !crate::bounds::DESCRIPTION.accepts(&row.description) {
        errors.push(Invalid::new("description", tr!("最多 5000 个字符", "at most 5000 characters")));
    }
}

fn topics_json(topics: &[String]) -> String {
    let trimmed: Vec<&str> = topics.iter().map(|t| t.trim()).collect();
    serde_json::to_string(&trimmed).unwrap_or_else(|_| "[]".into())
}

/// The organizer's place for its level: none for a national training, the province for a
/// provincial one (the officer's own when omitted), the county and its province for a county one.
fn place_of(conn: &mut DbConn, caller: &Caller, b: &CreateTraining) -> ApiResult<(Option<String>, Option<String>)> {
    match b.organizer_level {
        OrganizerLevel::National => Ok((None, None)),
        OrganizerLevel::Provincial => {
            let raw = b.province_code.clone().or_else(|| caller.province_code.clone()).ok_or_else(|| {
                ApiError::field("province_code", tr!("省级培训须填写主办省份", "a provincial training names its province"))
            })?;
            let code = ProvinceCode::parse(&raw).map_err(|m| ApiError::field("province_code", m))?;
            let known: i64 = provinces::table.filter(provinces::code.eq(code.as_str())).count().get_result(conn)?;
            if known == 0 {
                return Err(ApiError::field("province_code", tr!("没有这个省份", "no such province")));
            }
            Ok((Some(code.to_string()), None))
        }
        OrganizerLevel::County => {
            let raw = b.county_code.clone().or_else(|| caller.county_code.clone()).ok_or_else(|| {
                ApiError::field("county_code", tr!("县级培训须填写主办县", "a county training names its county"))
            })?;
            let code = CountyCode::parse(&raw).map_err(|m| ApiError::field("county_code", m))?;
            let province: Option<String> = counties::table.find(code.as_str()).select(counties::province_code).first(conn).optional()?;
            let province = province.ok_or_else(|| ApiError::field("county_code", tr!("没有这个县", "no such county")))?;
            Ok((Some(province), Some(code.to_string())))
        }
    }
}

/// List trainings
///
/// Everyone signed in reads them (organizations look for the ones to attend); the latest start
/// first. `organization` lists the ones an organization was trained in.
#[utoipa::path(
    get, path = "/api/v1/trainings", tag = "trainings", operation_id = "listTrainings",
    params(TrainingQuery),
    responses((status = 200, description = "A page of trainings", body = Page<Training>), ListErrors),
    security(("bearer" = []))
)]
pub async fn list_trainings(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<TrainingQuery>,
) -> ApiResult<web::Json<Page<Training>>> {
    query.check()?;
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let page = state
        .db(move |conn| {
            let rows = store::page(conn, &query, after.as_deref(), limit)?;
            let (rows, next_cursor) = http::page(rows, limit, store::cursor_key);
            let total = match query.count {
                Some(true) => Some(store::filtered(&query).count().get_result(conn)?),
                _ => None,
            };
            Ok(Page { items: store::to_dtos(conn, &caller, &rows, false)?, next_cursor, total })
        })
        .await?;
    Ok(web::Json(page))
}

/// Plan a training
///
/// National trainings by national admins; a province's by its officers (and national admins);
/// a county's also by its county officers. The organizer's department is the caller's when
/// not given.
#[utoipa::path(
    post, path = "/api/v1/trainings", tag = "trainings", operation_id = "createTraining",
    request_body = CreateTraining,
    responses(
        (status = 201, description = "The training, `planned`", body = Training, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "Not an organizer at that level and place", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_training(state: web::Data<AppState>, caller: Caller, body: Json<CreateTraining>) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let (province_code, county_code) = place_of(conn, &caller, &b)?;
            if !store::organizes(&caller, b.organizer_level, province_code.as_deref(), county_code.as_deref()) {
                return Err(ApiError::Forbidden(tr!(
                    "您不能主办该层级或该地区的培训。",
                    "You may not organize a training at this level or place."
                )));
            }
            let row = TrainingRow {
                id: uuid::Uuid::now_v7().to_string(),
                title: b.title.trim().to_owned(),
                organizer_level: b.organizer_level,
                organizer_department: b.organizer_department.or(caller.department).unwrap_or(Department::RuralRevitalization),
                province_code,
                county_code,
                starts_on: b.starts_on,
                ends_on: b.ends_on,
                mode: b.mode,
                place: b.place.trim().to_owned(),
                assistance_types: list_to_json(&b.assistance_types),
                topics: topics_json(&b.topics),
                description: b.description.trim().to_owned(),
                status: TrainingStatus::Planned,
                version: 1,
                created_at: caller.now,
                updated_at: caller.now,
            };
            let mut errors = vec![];
            check(&row, &b.topics, &mut errors);
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            diesel::insert_into(trainings::table).values(&row).execute(conn)?;
            crate::history::record(conn, store::ENTITY, &row.id, &caller, None, TrainingStatus::Planned, "")?;
            let dto = store::one(conn, &caller, &row)?;
            audit::record(conn, &caller, "training.create", "training", &row.id, None::<&()>, Some(&dto))?;
            Ok((store::etag(&row), dto))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/trainings/{}", dto.id)))
        .insert_header((header::ETAG, etag))
        .json(dto))
}

/// Read a training
#[utoipa::path(
    get, path = "/api/v1/trainings/{id}", tag = "trainings", operation_id = "getTraining",
    params(("id" = String, Path, description = "Training id")),
    responses((status = 200, description = "The training with its history", body = Training, headers(("ETag" = String))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_training(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let row = store::load(conn, &id)?;
            Ok((store::etag(&row), store::one(conn, &caller, &row)?))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Change a training (JSON merge patch)
///
/// By its organizer while it is planned (409 after).
#[utoipa::path(
    patch, path = "/api/v1/trainings/{id}", tag = "trainings", operation_id = "updateTraining",
    params(("id" = String, Path, description = "Training id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = PatchTraining, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed training", body = Training, headers(("ETag" = String))),
        (status = 403, description = "Not its organizer", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer planned", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn update_training(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchTraining>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let p = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::load(conn, &id)?;
            store::require_manager(&caller, &before)?;
            http::require_if_match_value(&if_match, &store::etag(&before))?;
            if before.status != TrainingStatus::Planned {
                return Err(ApiError::Conflict(tr!("培训已举办或已取消，不能再修改。", "The training was held or cancelled: it no longer changes.")));
            }
            let before_dto = store::one(conn, &caller, &before)?;
            let mut after = before.clone();
            if let Some(t) = &p.title {
                after.title = t.trim().to_owned();
            }
            after.starts_on = p.starts_on.unwrap_or(before.starts_on);
            after.ends_on = p.ends_on.unwrap_or(before.ends_on);
            after.mode = p.mode.unwrap_or(before.mode);
            if let Some(v) = &p.place {
                after.place = v.trim().to_owned();
            }
            if let Some(v) = &p.assistance_types {
                after.assistance_types = list_to_json(v);
            }
            let topics: Vec<String> = match &p.topics {
                Some(t) => t.clone(),
                None => serde_json::from_str(&before.topics).unwrap_or_default(),
            };
            after.topics = topics_json(&topics);
            if let Some(v) = &p.description {
                after.description = v.trim().to_owned();
            }
            let mut errors = vec![];
            check(&after, &topics, &mut errors);
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            let dto = store::one(conn, &caller, &after)?;
            audit::record(conn, &caller, "training.update", "training", &after.id, Some(&before_dto), Some(&dto))?;
            Ok((store::etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Record that a training was held, or cancel it
///
/// `planned → held` (from its first day on) or `→ cancelled` (with a reason), by its organizer.
#[utoipa::path(
    post, path = "/api/v1/trainings/{id}/transitions", tag = "trainings", operation_id = "transitionTraining",
    params(("id" = String, Path, description = "Training id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = TrainingTransition,
    responses(
        (status = 200, description = "The training after the move", body = Training, headers(("ETag" = String))),
        (status = 403, description = "Not its organizer", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status, or held before it started", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_training(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<TrainingTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let TrainingTransition { to, reason } = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::load(conn, &id)?;
            http::require_if_match_value(&if_match, &store::etag(&before))?;
            lifecycle::check(before.status, to, &store::parties(&caller, &before), &reason)?;
            let today = crate::clock::in_china(caller.now).date();
            if to == TrainingStatus::Held && before.starts_on > today {
                let day = before.starts_on;
                return Err(ApiError::Conflict(tr!("培训 {day} 才开始，尚不能记为已举办。", "The training starts on {day}; it cannot be held yet.")));
            }
            let mut after = before.clone();
            after.status = to;
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            crate::history::record(conn, store::ENTITY, &after.id, &caller, Some(before.status), to, &reason)?;
            let dto = store::one(conn, &caller, &after)?;
            let change = serde_json::json!({"status": to, "reason": reason.trim()});
            audit::record(conn, &caller, "training.transition", "training", &after.id, Some(&before.status), Some(&change))?;
            Ok((store::etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}
