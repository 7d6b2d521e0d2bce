//! A round's ranking as a spreadsheet (xlsx by default, or CSV): one row per subject the caller
//! may read, with each dimension's score and the flags.

use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{ResultQuery, RoundRow};
use super::{results, store};
use crate::auth::Caller;
use crate::error::{ApiResult, ListErrors, Problem};
use crate::sheets::export::{self, Export, Pages};
use crate::sheets::{Cell, ExportFormat, ExportParams};
use crate::state::AppState;

const PAGE: i64 = 500;

fn pages(caller: Caller, round: RoundRow, query: ResultQuery) -> Pages {
    Box::new(move |conn, after| {
        let (rows, _) = results::page(conn, &caller, &round, &query, after.as_deref(), PAGE)?;
        let (rows, next) = crate::http::page_by_key(rows, PAGE, results::cursor_key);
        let cells = rows
            .iter()
            .map(results::row_of)
            .map(|r| {
                let mut cells = vec![
                    Cell::Count(r.rank),
                    Cell::text(r.name),
                    Cell::text(r.province_code.unwrap_or_default()),
                    Cell::text(format!("{:.2}", r.total)),
                ];
                cells.extend(r.dimensions.iter().map(|d| Cell::text(format!("{:.2}", d.score))));
                cells.push(Cell::text(r.flags.join("、")));
                cells
            })
            .collect();
        Ok((cells, next))
    })
}

/// Export a round's ranking
///
/// The rows the caller may read, best first, with each dimension's score; xlsx by default.
#[utoipa::path(
    get, path = "/api/v1/evaluation-rounds/{id}/results/export", tag = "evaluation", operation_id = "exportEvaluationResults",
    params(("id" = String, Path, description = "Round id"), ExportParams, ResultQuery),
    responses(
        (status = 200, description = "The file, in the `format` asked for",
         content((crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (crate::http::RawFile = "text/csv"))),
        (status = 404, description = "No such round, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not closed yet", body = Problem, content_type = "application/problem+json"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_evaluation_results(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    params: crate::extractors::Query<ExportParams>,
    query: crate::extractors::Query<ResultQuery>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let reader = caller.clone();
    let (round, dimensions) = state
        .db(move |conn| {
            let round = store::visible_round(conn, &reader, &id)?;
            // The same 409 as the list before close.
            results::page(conn, &reader, &round, &ResultQuery::default(), None, 1)?;
            let framework = store::load_framework(conn, &round.framework_id)?.ok_or(crate::error::ApiError::NotFound)?;
            let names: Vec<String> = framework.tree().dimensions.iter().map(|d| d.name.clone()).collect();
            Ok((round, names))
        })
        .await?;
    let mut headers: Vec<String> = ["排名", "评估对象", "省级代码", "总分"].map(String::from).to_vec();
    headers.extend(dimensions);
    headers.push("需关注的指标".into());
    let what = Export { stem: "evaluation-results", sheet: "评估结果", headers };
    let format = params.format.unwrap_or(ExportFormat::Xlsx);
    export::respond(&req, state.pool.clone(), format, what, caller.now, pages(caller, round, query.into_inner())).await
}
