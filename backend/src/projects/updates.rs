//! Progress updates: dated reports whose deltas are the project's figures (funds in place,
//! beneficiaries reached), optionally with a status move; an update also keeps a project fresh.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use diesel::prelude::*;

use super::model::{CreateProjectUpdate, ProjectUpdate};
use super::store::{self, project_etag};
use crate::audit;
use crate::auth::Caller;
use crate::db::schema::project_updates;
use crate::domain::Money;
use crate::error::{ApiError, ApiResult, CreateErrors, Invalid, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::Items;
use crate::state::AppState;
use crate::tr;

type UpdateFields = (String, String, chrono::NaiveDate, String, i64, i64, String, chrono::NaiveDateTime);

fn dto(r: UpdateFields) -> ProjectUpdate {
    ProjectUpdate {
        id: r.0,
        project_id: r.1,
        date: r.2,
        narrative: r.3,
        funds_delta: Money::from_fen(r.4),
        beneficiaries_delta: r.5,
        created_by: r.6,
        created_at: r.7.and_utc(),
    }
}

/// A project's progress updates, newest first
#[utoipa::path(
    get, path = "/api/v1/projects/{id}/updates", tag = "projects", operation_id = "listProjectUpdates",
    params(("id" = String, Path, description = "Project id")),
    responses((status = 200, description = "Updates, newest first", body = Items<ProjectUpdate>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_updates(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<web::Json<Items<ProjectUpdate>>> {
    let id = id.into_inner();
    let rows: Vec<UpdateFields> = state
        .db(move |conn| {
            store::visible_row(conn, &caller, &id)?;
            Ok(project_updates::table
                .filter(project_updates::project_id.eq(&id))
                .select((
                    project_updates::id,
                    project_updates::project_id,
                    project_updates::update_date,
                    project_updates::narrative,
                    project_updates::funds_delta_fen,
                    project_updates::beneficiaries_delta,
                    project_updates::created_by,
                    project_updates::created_at,
                ))
                .order((project_updates::update_date.desc(), project_updates::id.desc()))
                .load(conn)?)
        })
        .await?;
    Ok(web::Json(Items { items: rows.into_iter().map(dto).collect() }))
}

/// Report progress on a project
///
/// By its organizations, the county and coordinators. The deltas add to the project's figures;
/// `to` moves its status in the same step (same rules as transitions). Returns the project.
#[utoipa::path(
    post, path = "/api/v1/projects/{id}/updates", tag = "projects", operation_id = "createProjectUpdate",
    params(("id" = String, Path, description = "Project id")),
    request_body = CreateProjectUpdate,
    responses(
        (status = 201, description = "The project with the update applied", body = crate::projects::model::Project, headers(("ETag" = String))),
        (status = 403, description = "Not a party to this project", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project in your view", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The status move is not allowed", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<CreateProjectUpdate>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let mut errors = vec![];
    if !crate::bounds::REQUIRED_TEXT.accepts(&b.narrative) {
        errors.push(Invalid::new(
            "narrative",
            tr!("请填写进展说明（最多 5000 字）", "describe the progress (at most 5000 characters)"),
        ));
    }
    if b.beneficiaries_delta < 0 {
        errors.push(Invalid::new("beneficiaries_delta", tr!("不能为负数", "must not be negative")));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = id.into_inner();
    let (etag, project) = state
        .tx(move |conn| {
            // Everything the answer shows, read at once: the answer then needs no further read.
            let store::Detail { row: before, county_name, orgs, mut history } = store::visible_parts(conn, &caller, &id)?;
            if store::parties(&caller, &before, &orgs).is_empty() {
                return Err(ApiError::Forbidden(tr!("您不能填报该项目的进展。", "You may not report on this project.")));
            }
            // An append: summed in the database, so concurrent updates all count. The update's
            // row is written before any status move, so the move's statistics carry it along.
            // The row as it is now; it stays ours until commit, so a status move saves over it safely.
            let mut after = store::add_progress(conn, &id, b.date, b.funds_delta, b.beneficiaries_delta, caller.now)?;
            // Did another write change the project between our read and our update? Then what we
            // read is not what the answer must show: read it again (rare; the version tells).
            let read_again = after.version != before.version + 1;
            let update_id = uuid::Uuid::now_v7().to_string();
            diesel::insert_into(project_updates::table)
                .values((
                    project_updates::id.eq(&update_id),
                    project_updates::project_id.eq(&id),
                    project_updates::update_date.eq(b.date),
                    project_updates::narrative.eq(b.narrative.trim()),
                    project_updates::funds_delta_fen.eq(b.funds_delta.fen()),
                    project_updates::beneficiaries_delta.eq(b.beneficiaries_delta),
                    project_updates::created_by.eq(&caller.name),
                    project_updates::created_at.eq(caller.now),
                ))
                .execute(conn)?;
            if let Some(to) = b.to {
                let version = after.version;
                history.push(store::transition(conn, &caller, &mut after, &orgs, to, b.narrative.trim())?);
                store::save(conn, &after, version)?;
            }
            super::events::announce(conn, &caller, &after, before.status(), true)?;
            let summary = serde_json::json!({
                "update_id": update_id, "funds_delta": b.funds_delta, "beneficiaries_delta": b.beneficiaries_delta, "to": b.to,
            });
            audit::record(conn, &caller, "project.progress", "project", &after.id, None::<&()>, Some(&summary))?;
            let project = if read_again {
                store::to_dtos(conn, &caller, std::slice::from_ref(&after), true)?.pop().ok_or(ApiError::NotFound)?
            } else {
                store::assemble(&caller, &after, county_name, orgs, history)
            };
            Ok((project_etag(&after), project))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/projects/{}/updates", project.id)))
        .insert_header((header::ETAG, etag))
        .json(project))
}
