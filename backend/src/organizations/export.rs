//! Organization exports in the import template (CSV or xlsx), with the list's filters, page by
//! page (`sheets::export`). The file re-imports as it is: the import finds the template's header
//! row below the export block.

use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{OrgQuery, OrgSort, Organization};
use super::store;
use super::template::{self, HEADERS};
use crate::auth::Caller;
use crate::error::{ApiResult, ListErrors};
use crate::sheets::background::{self, ListExportParams, Listed, Queued};
use crate::sheets::export::{Export, Pages};
use crate::sheets::ExportFormat;
use crate::state::AppState;

const PAGE: i64 = 1000;

/// By name, as the template is kept; province names read once for the whole file.
fn pages(mut query: OrgQuery) -> Pages {
    query.sort = Some(OrgSort::Name);
    query.count = None;
    let mut provinces = None;
    Box::new(move |conn, after| {
        let names = match &provinces {
            Some(names) => names,
            None => provinces.insert(crate::geo::store::province_names(conn)?),
        };
        let (rows, _) = store::list(conn, &query, after.as_deref(), PAGE)?;
        let (rows, next) = crate::http::page_by_key(rows, PAGE, |r| store::cursor_key(r, OrgSort::Name));
        Ok((rows.iter().map(|o| template::to_row(&Organization::from(o), names).to_vec()).collect(), next))
    })
}

/// The organizations export, for the request and for a background job.
pub static LISTED: Listed = Listed { name: "organizations", default_format: ExportFormat::Xlsx, build };

fn build(_caller: Caller, query: &str) -> ApiResult<(Export, Pages)> {
    let query: OrgQuery = crate::extractors::parse_query(query)?;
    let what = Export { stem: "organizations", sheet: "社会组织", headers: HEADERS.map(String::from).to_vec() };
    Ok((what, pages(query)))
}

/// Export organizations in the import template
///
/// The same filters as the list; the file re-imports cleanly.
#[utoipa::path(
    get, path = "/api/v1/organizations/export", tag = "organizations", operation_id = "exportOrganizations",
    params(ListExportParams, OrgQuery),
    responses(
        (status = 200, description = "The file, in the `format` asked for (xlsx by default, streamed)",
         content((crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (crate::http::RawFile = "text/csv"))),
        Queued,
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_organizations(state: web::Data<AppState>, caller: Caller, req: HttpRequest) -> ApiResult<HttpResponse> {
    background::respond(&state, &req, caller, &LISTED).await
}
