use actix_web::http::header;
use actix_web::{HttpResponse, web};
use diesel::prelude::*;

use super::model::{Campaign, CampaignRow, CreateCampaign, CreateEvent, DockingEvent, EventRow};
use super::store::load;
use crate::audit;
use crate::auth::Caller;
use crate::db::schema::{campaigns, counties, docking_events, organizations};
use crate::domain::{CountyCode, ProvinceCode, Role};
use crate::error::{ApiError, ApiResult, CreateErrors, Invalid, Problem, ReadErrors, Unauthenticated};
use crate::extractors::Json;
use crate::http::Items;
use crate::state::AppState;
use crate::tr;

/// The rural tour's campaigns, newest year first
#[utoipa::path(
    get, path = "/api/v1/campaigns", tag = "campaigns", operation_id = "listCampaigns",
    responses((status = 200, description = "Campaigns", body = Items<Campaign>), Unauthenticated),
    security(("bearer" = []))
)]
pub async fn list_campaigns(state: web::Data<AppState>, _caller: Caller) -> ApiResult<web::Json<Items<Campaign>>> {
    let rows: Vec<CampaignRow> = state
        .db(|conn| {
            Ok(campaigns::table
                .select(CampaignRow::as_select())
                .order((campaigns::year.desc(), campaigns::id.desc()))
                .load(conn)?)
        })
        .await?;
    Ok(web::Json(Items { items: rows.iter().map(Campaign::from).collect() }))
}

/// Set a year's campaign (national admins)
#[utoipa::path(
    post, path = "/api/v1/campaigns", tag = "campaigns", operation_id = "createCampaign",
    request_body = CreateCampaign,
    responses(
        (status = 201, description = "The campaign", body = Campaign, headers(("Location" = String))),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_campaign(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateCampaign>,
) -> ApiResult<HttpResponse> {
    caller.require_role(&[Role::NationalAdmin])?;
    let b = body.into_inner();
    let mut errors = vec![];
    if !crate::bounds::YEARS.contains(&b.year) {
        errors.push(Invalid::new("year", tr!("年份应在 2021–2100 之间", "must be between 2021 and 2100")));
    }
    if !crate::bounds::TITLE.accepts(&b.theme) {
        errors.push(Invalid::new("theme", tr!("主题应为 1–200 个字符", "1–200 characters")));
    }
    for (i, p) in b.province_codes.iter().enumerate() {
        if let Err(m) = ProvinceCode::parse(p) {
            errors.push(Invalid::new(format!("province_codes[{i}]"), m));
        }
    }
    for (i, c) in b.county_codes.iter().enumerate() {
        if let Err(m) = CountyCode::parse(c) {
            errors.push(Invalid::new(format!("county_codes[{i}]"), m));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let row = state
        .tx(move |conn| {
            let row = CampaignRow {
                id: uuid::Uuid::now_v7().to_string(),
                year: b.year,
                theme: b.theme.trim().to_owned(),
                province_codes: serde_json::to_string(&b.province_codes).unwrap_or_else(|_| "[]".into()),
                county_codes: serde_json::to_string(&b.county_codes).unwrap_or_else(|_| "[]".into()),
                version: 1,
                created_at: caller.now,
                updated_at: caller.now,
            };
            diesel::insert_into(campaigns::table).values(&row).execute(conn)?;
            audit::record(
                conn,
                &caller,
                "campaign.create",
                "campaign",
                &row.id,
                None::<&()>,
                Some(&Campaign::from(&row)),
            )?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/campaigns/{}", row.id)))
        .json(Campaign::from(&row)))
}

/// Read a campaign
#[utoipa::path(
    get, path = "/api/v1/campaigns/{id}", tag = "campaigns", operation_id = "getCampaign",
    params(("id" = String, Path, description = "Campaign id")),
    responses((status = 200, description = "The campaign", body = Campaign), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_campaign(
    state: web::Data<AppState>,
    _caller: Caller,
    id: web::Path<String>,
) -> ApiResult<web::Json<Campaign>> {
    let id = id.into_inner();
    let row = state.db(move |conn| load(conn, &id)).await?;
    Ok(web::Json(Campaign::from(&row)))
}

/// A campaign's docking events, by date
#[utoipa::path(
    get, path = "/api/v1/campaigns/{id}/events", tag = "campaigns", operation_id = "listDockingEvents",
    params(("id" = String, Path, description = "Campaign id")),
    responses((status = 200, description = "Events", body = Items<DockingEvent>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_events(
    state: web::Data<AppState>,
    _caller: Caller,
    id: web::Path<String>,
) -> ApiResult<web::Json<Items<DockingEvent>>> {
    let id = id.into_inner();
    let rows: Vec<EventRow> = state
        .db(move |conn| {
            load(conn, &id)?;
            Ok(docking_events::table
                .filter(docking_events::campaign_id.eq(&id))
                .select(EventRow::as_select())
                .order((docking_events::event_date.asc(), docking_events::id.asc()))
                .load(conn)?)
        })
        .await?;
    Ok(web::Json(Items { items: rows.iter().map(DockingEvent::from).collect() }))
}

/// Hold a docking event in a campaign
///
/// National admins, or the provincial officer of the event county's province.
#[utoipa::path(
    post, path = "/api/v1/campaigns/{id}/events", tag = "campaigns", operation_id = "createDockingEvent",
    params(("id" = String, Path, description = "Campaign id")),
    request_body = CreateEvent,
    responses(
        (status = 201, description = "The event", body = DockingEvent),
        (status = 403, description = "Not a coordinator of the county", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_event(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<CreateEvent>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let county = CountyCode::parse(&b.county_code).map_err(|m| ApiError::field("county_code", m))?;
    if !crate::bounds::REQUIRED_TEXT.accepts(&b.place) {
        return Err(ApiError::field("place", tr!("请填写地点", "the place is required")));
    }
    let id = id.into_inner();
    let row = state
        .tx(move |conn| {
            load(conn, &id)?;
            let exists: i64 = counties::table.filter(counties::code.eq(county.as_str())).count().get_result(conn)?;
            if exists == 0 {
                return Err(ApiError::field("county_code", tr!("没有这个县", "no such county")));
            }
            if !caller.coordinates_county(county.as_str()) {
                return Err(ApiError::Forbidden(tr!(
                    "只能在本省举办对接活动。",
                    "You may hold events in your own province only."
                )));
            }
            for (i, o) in b.organization_ids.iter().enumerate() {
                let n: i64 = organizations::table.filter(organizations::id.eq(o)).count().get_result(conn)?;
                if n == 0 {
                    return Err(ApiError::field(
                        &format!("organization_ids[{i}]"),
                        tr!("没有这个社会组织", "no such organization"),
                    ));
                }
            }
            let row = EventRow {
                id: uuid::Uuid::now_v7().to_string(),
                campaign_id: id,
                event_date: b.date,
                place: b.place.trim().to_owned(),
                county_code: county.to_string(),
                organization_ids: serde_json::to_string(&b.organization_ids).unwrap_or_else(|_| "[]".into()),
                created_at: caller.now,
            };
            diesel::insert_into(docking_events::table).values(&row).execute(conn)?;
            audit::record(
                conn,
                &caller,
                "docking_event.create",
                "docking_event",
                &row.id,
                None::<&()>,
                Some(&DockingEvent::from(&row)),
            )?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created().json(DockingEvent::from(&row)))
}
