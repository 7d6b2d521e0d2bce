use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::IntoParams;

use super::import::{self, KeyCountyImportReport, KnownCounty};
use super::model::{
    County, CountyQuery, CountyRow, EastWestPair, KEY_COUNTY_TARGET, KeyCountySummary, PatchCounty, Province,
    unregistered,
};
use super::store;
use crate::audit;
use crate::auth::Caller;
use crate::db::schema::{counties, provinces};
use crate::domain::{CountyCode, ProvinceCode, Role};
use crate::error::{ApiError, ApiResult, ChangeErrors, Invalid, ListErrors, Problem, ReadErrors, Unauthenticated};
use crate::extractors::Json;
use crate::http::{self, Items, Page};
use crate::i18n::Lang;
use crate::sheets::{self, Upload, UploadOrRowErrors};
use crate::state::AppState;

fn county_etag(c: &CountyRow) -> String {
    http::etag("county", &c.code, c.version)
}

/// List the 31 provinces with their region and county counts
#[utoipa::path(
    get, path = "/api/v1/provinces", tag = "reference", operation_id = "listProvinces",
    responses(
        (status = 200, description = "All provinces, by code", body = Items<Province>),
        Unauthenticated,
    ),
    security(("bearer" = []))
)]
pub async fn list_provinces(state: web::Data<AppState>, _caller: Caller) -> ApiResult<web::Json<Items<Province>>> {
    let items = state.db(|conn| store::provinces(conn, None)).await?;
    Ok(web::Json(Items { items }))
}

/// Read one province
#[utoipa::path(
    get, path = "/api/v1/provinces/{code}", tag = "reference", operation_id = "getProvince",
    params(("code" = String, Path, description = "Province code, e.g. 510000")),
    responses(
        (status = 200, description = "The province", body = Province),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_province(
    state: web::Data<AppState>,
    _caller: Caller,
    code: web::Path<String>,
) -> ApiResult<web::Json<Province>> {
    let code = ProvinceCode::parse(&code).map_err(|_| ApiError::NotFound)?;
    let mut found = state.db(move |conn| store::provinces(conn, Some(code.as_str()))).await?;
    found.pop().map(web::Json).ok_or(ApiError::NotFound)
}

/// List counties, filtered and paginated by code
#[utoipa::path(
    get, path = "/api/v1/counties", tag = "reference", operation_id = "listCounties",
    params(CountyQuery),
    responses(
        (status = 200, description = "A page of counties ordered by code", body = Page<County>),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_counties(
    state: web::Data<AppState>,
    _caller: Caller,
    query: crate::extractors::Query<CountyQuery>,
) -> ApiResult<web::Json<Page<County>>> {
    let query = query.into_inner();
    if let Some(p) = &query.province {
        ProvinceCode::parse(p).map_err(|m| ApiError::field("province", m))?;
    }
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let (rows, total, names) = state
        .db(move |conn| {
            let (rows, total) = store::counties(conn, &query, after.as_deref(), limit)?;
            Ok((rows, total, store::province_names(conn)?))
        })
        .await?;
    let (rows, next_cursor) = http::page(rows, limit, |c| c.code.clone());
    let items = rows
        .into_iter()
        .map(|r| {
            let name = names.get(&r.province_code).cloned().unwrap_or_default();
            County::from_row(r, name)
        })
        .collect();
    Ok(web::Json(Page { items, next_cursor, total }))
}

/// Read one county
#[utoipa::path(
    get, path = "/api/v1/counties/{code}", tag = "reference", operation_id = "getCounty",
    params(("code" = String, Path, description = "County code, e.g. 513431")),
    responses(
        (status = 200, description = "The county", body = County, headers(("ETag" = String))),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_county(
    state: web::Data<AppState>,
    _caller: Caller,
    code: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let code = CountyCode::parse(&code).map_err(|_| ApiError::NotFound)?;
    let (etag, county) = state
        .db(move |conn| {
            let row = store::county(conn, code.as_str())?.ok_or(ApiError::NotFound)?;
            Ok((county_etag(&row), store::county_dto(conn, row)?))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(county))
}

/// Mark or unmark a national key assistance county
///
/// National admins only. Requires `If-Match`.
#[utoipa::path(
    patch, path = "/api/v1/counties/{code}", tag = "reference", operation_id = "updateCounty",
    params(
        ("code" = String, Path, description = "County code"),
        ("If-Match" = String, Header, description = "The ETag last read"),
    ),
    request_body(content = PatchCounty, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed county", body = County, headers(("ETag" = String))),
        (status = 403, description = "Only national admins change key counties", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn patch_county(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    code: web::Path<String>,
    body: Json<PatchCounty>,
) -> ApiResult<HttpResponse> {
    caller.require_role(&[Role::NationalAdmin])?;
    let if_match = http::if_match_value(&req)?;
    let code = CountyCode::parse(&code).map_err(|_| ApiError::NotFound)?;
    let patch = body.into_inner();
    let (etag, county) = state
        .tx(move |conn| {
            let before = store::county(conn, code.as_str())?.ok_or(ApiError::NotFound)?;
            http::require_if_match_value(&if_match, &county_etag(&before))?;
            if let Some(key) = patch.key_county
                && key != before.key_county
            {
                store::set_key_county(conn, code.as_str(), key, before.version, caller.now)?;
            }
            let after = store::county(conn, code.as_str())?.ok_or(ApiError::NotFound)?;
            let etag = county_etag(&after);
            let before_dto = store::county_dto(conn, before)?;
            let after_dto = store::county_dto(conn, after)?;
            if before_dto.key_county != after_dto.key_county {
                audit::record(
                    conn,
                    &caller,
                    "county.update",
                    "county",
                    &after_dto.code,
                    Some(&before_dto),
                    Some(&after_dto),
                )?;
            }
            Ok((etag, after_dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(county))
}

/// List the east–west cooperation pairs of provinces (东西部协作)
#[utoipa::path(
    get, path = "/api/v1/east-west-pairs", tag = "reference", operation_id = "listEastWestPairs",
    responses(
        (status = 200, description = "Eastern province assisting western province", body = Items<EastWestPair>),
        Unauthenticated,
    ),
    security(("bearer" = []))
)]
pub async fn list_east_west_pairs(
    state: web::Data<AppState>,
    _caller: Caller,
) -> ApiResult<web::Json<Items<EastWestPair>>> {
    let items = state.db(store::east_west_pairs).await?;
    Ok(web::Json(Items { items }))
}

/// Key counties registered against the 160 the plan names
#[utoipa::path(
    get, path = "/api/v1/key-counties/summary", tag = "reference", operation_id = "getKeyCountySummary",
    responses(
        (status = 200, description = "Registered, target and gap, by province", body = KeyCountySummary),
        Unauthenticated,
    ),
    security(("bearer" = []))
)]
pub async fn key_county_summary(state: web::Data<AppState>, _caller: Caller) -> ApiResult<web::Json<KeyCountySummary>> {
    let by_province = state.db(store::key_counts).await?;
    let registered = by_province.iter().map(|p| p.registered).sum();
    Ok(web::Json(KeyCountySummary {
        target: KEY_COUNTY_TARGET,
        registered,
        gap: unregistered(KEY_COUNTY_TARGET, registered),
        by_province,
    }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// Preview only (default `true`); `false` applies the changes.
    pub dry_run: Option<bool>,
}

/// Import the official key-county list from CSV
///
/// The body is the CSV file (UTF-8; the first sheet of an .xlsx workbook is read too).
/// Columns: `code` (or 区划代码), optional `name` (名称), optional `key_county` (重点帮扶县;
/// 1/0, default 1). A dry run previews the changes and the row errors; applying writes all
/// changes in one transaction, and is refused (422) while any row has an error. The file is
/// read within the upload limits of the 413 and 422 responses.
#[utoipa::path(
    post, path = "/api/v1/key-counties/import", tag = "reference", operation_id = "importKeyCounties",
    params(ImportParams),
    request_body(
        description = "The CSV file: as the body, or as the `file` field of a form",
        content((String = "text/csv"), (crate::sheets::UploadForm = "multipart/form-data"))
    ),
    responses(
        (status = 200, description = "What changes (dry run) or changed", body = KeyCountyImportReport),
        (status = 403, description = "Only national admins import key counties", body = Problem, content_type = "application/problem+json"),
        UploadOrRowErrors,
        Unauthenticated,
    ),
    security(("bearer" = []))
)]
pub async fn import_key_counties(
    state: web::Data<AppState>,
    caller: Caller,
    params: crate::extractors::Query<ImportParams>,
    req: HttpRequest,
    body: Upload,
) -> ApiResult<web::Json<KeyCountyImportReport>> {
    let lang = Lang::of(&req);
    caller.require_role(&[Role::NationalAdmin])?;
    let dry_run = params.dry_run.unwrap_or(true);
    let table = sheets::read_upload(body).await?;
    let report = state
        .tx(move |conn| {
            let known: Vec<(String, String, bool, String)> = counties::table
                .inner_join(provinces::table)
                .select((counties::code, counties::name, counties::key_county, provinces::name))
                .load(conn)?;
            let known: std::collections::HashMap<String, KnownCounty> = known
                .into_iter()
                .map(|(code, name, key_county, province_name)| (code, KnownCounty { name, province_name, key_county }))
                .collect();
            let (changes, unchanged, rows_total, errors) = import::plan(&table, |code| known.get(code).cloned());
            if !dry_run && !errors.is_empty() {
                return Err(ApiError::Validation(
                    errors
                        .iter()
                        .map(|e| Invalid::new(format!("rows[{}].{}", e.row, e.column), e.message.clone()))
                        .collect(),
                ));
            }
            if !dry_run {
                for c in &changes {
                    let before = store::county(conn, &c.code)?.ok_or(ApiError::NotFound)?;
                    store::set_key_county(conn, &c.code, c.key_county_after, before.version, caller.now)?;
                    audit::record(
                        conn,
                        &caller,
                        "county.key_county_import",
                        "county",
                        &c.code,
                        Some(&c.key_county_before),
                        Some(&c.key_county_after),
                    )?;
                }
                let summary =
                    serde_json::json!({ "rows_total": rows_total, "changed": changes.len(), "unchanged": unchanged });
                audit::record(
                    conn,
                    &caller,
                    "key_county_import.apply",
                    "key_county_list",
                    "import",
                    None::<&()>,
                    Some(&summary),
                )?;
            }
            Ok(KeyCountyImportReport {
                dry_run,
                applied: !dry_run,
                rows_total,
                changes,
                unchanged,
                errors: errors.iter().map(|e| e.in_lang(lang)).collect(),
            })
        })
        .await?;
    Ok(web::Json(report))
}
