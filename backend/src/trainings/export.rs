//! Training exports (CSV or xlsx) with the list's filters, page by page (`sheets::export`).

use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{Training, TrainingQuery};
use super::store;
use crate::auth::Caller;
use crate::error::{ApiResult, ListErrors};
use crate::projects::export::ExportParams;
use crate::sheets::export::{self, Export, Pages};
use crate::sheets::{Cell, ExportFormat};
use crate::state::AppState;

const PAGE: i64 = 500;
const HEADERS: [&str; 11] =
    ["培训名称", "主办层级", "主办单位", "开始日期", "结束日期", "形式", "地点", "主题", "状态", "培训组织数", "培训人次"];

fn row(t: &Training) -> Vec<Cell> {
    vec![
        Cell::text(t.title.clone()),
        Cell::text(t.organizer_level.zh()),
        Cell::text(t.organizer.clone()),
        Cell::text(t.starts_on.to_string()),
        Cell::text(t.ends_on.to_string()),
        Cell::text(t.mode.zh()),
        Cell::text(t.place.clone()),
        Cell::text(t.topics.join("、")),
        Cell::text(t.status.zh()),
        Cell::Count(t.organizations),
        Cell::Count(t.head_count),
    ]
}

fn pages(caller: Caller, query: TrainingQuery) -> Pages {
    Box::new(move |conn, after| {
        let rows = store::page(conn, &query, after.as_deref(), PAGE)?;
        let (rows, next) = crate::http::page_by_key(rows, PAGE, store::cursor_key);
        Ok((store::to_dtos(conn, &caller, &rows, false)?.iter().map(row).collect(), next))
    })
}

/// Export trainings with the list's filters
#[utoipa::path(
    get, path = "/api/v1/trainings/export", tag = "trainings", operation_id = "exportTrainings",
    params(ExportParams, TrainingQuery),
    responses(
        (status = 200, description = "The file, in the `format` asked for (CSV by default, streamed)",
         content((crate::http::RawFile = "text/csv"), (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_trainings(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    params: crate::extractors::Query<ExportParams>,
    query: crate::extractors::Query<TrainingQuery>,
) -> ApiResult<HttpResponse> {
    query.check()?;
    let what = Export { stem: "trainings", sheet: "培训", headers: HEADERS.map(String::from).to_vec() };
    let format = params.format.unwrap_or(ExportFormat::Csv);
    export::respond(&req, state.pool.clone(), format, what, caller.now, pages(caller, query.into_inner())).await
}
