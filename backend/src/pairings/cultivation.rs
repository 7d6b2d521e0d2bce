//! Local cultivation under a pairing (培育当地社会组织、志愿者和社会工作者): dated records of
//! trainings held and local organizations, volunteers and social workers built up.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::routes::visible_row;
use super::store;
use crate::audit;
use crate::auth::Caller;
use crate::db::schema::cultivation_records;
use crate::domain::Party;
use crate::error::{ApiError, ApiResult, Invalid, Problem, ReadErrors};
use crate::extractors::Json;
use crate::state::AppState;
use crate::tr;

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = cultivation_records)]
struct CultivationRow {
    id: String,
    pairing_id: String,
    record_date: NaiveDate,
    trainings: i64,
    trainees: i64,
    local_organizations: i64,
    volunteers: i64,
    social_workers: i64,
    note: String,
    created_at: NaiveDateTime,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct CultivationRecord {
    pub id: String,
    pub pairing_id: String,
    pub record_date: NaiveDate,
    /// Trainings held.
    pub trainings: i64,
    /// People trained.
    pub trainees: i64,
    /// Local social organizations cultivated.
    pub local_organizations: i64,
    pub volunteers: i64,
    pub social_workers: i64,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

impl From<&CultivationRow> for CultivationRecord {
    fn from(r: &CultivationRow) -> Self {
        Self {
            id: r.id.clone(),
            pairing_id: r.pairing_id.clone(),
            record_date: r.record_date,
            trainings: r.trainings,
            trainees: r.trainees,
            local_organizations: r.local_organizations,
            volunteers: r.volunteers,
            social_workers: r.social_workers,
            note: r.note.clone(),
            created_at: r.created_at.and_utc(),
        }
    }
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct CreateCultivation {
    pub record_date: NaiveDate,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::headcount)]
    pub trainings: i64,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::headcount)]
    pub trainees: i64,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::headcount)]
    pub local_organizations: i64,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::headcount)]
    pub volunteers: i64,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::headcount)]
    pub social_workers: i64,
    #[serde(default)]
    pub note: String,
}

/// The records and their sums.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct CultivationSummary {
    pub records: Vec<CultivationRecord>,
    pub trainings: i64,
    pub trainees: i64,
    pub local_organizations: i64,
    pub volunteers: i64,
    pub social_workers: i64,
}

/// Local cultivation under a pairing
#[utoipa::path(
    get, path = "/api/v1/pairings/{id}/cultivation", tag = "pairings", operation_id = "listCultivation",
    params(("id" = String, Path, description = "Pairing id")),
    responses(
        (status = 200, description = "Records, newest first, with totals", body = CultivationSummary),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_cultivation(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<web::Json<CultivationSummary>> {
    let id = id.into_inner();
    let rows: Vec<CultivationRow> = state
        .db(move |conn| {
            visible_row(conn, &caller, &id)?;
            Ok(cultivation_records::table
                .filter(cultivation_records::pairing_id.eq(&id))
                .select(CultivationRow::as_select())
                .order((cultivation_records::record_date.desc(), cultivation_records::id.desc()))
                .load(conn)?)
        })
        .await?;
    // Summed in 128 bits: records are bounded (`bounds::HEADCOUNT`), so a total that does not
    // fit 64 bits can only come from rows written around that bound — an error to look at, never
    // a wrapped number or a panic.
    let sum = |f: fn(&CultivationRow) -> i64| -> ApiResult<i64> {
        let total: i128 = rows.iter().map(|r| i128::from(f(r))).sum();
        i64::try_from(total).map_err(|_| ApiError::Internal(anyhow::anyhow!("cultivation totals beyond 64 bits")))
    };
    Ok(web::Json(CultivationSummary {
        trainings: sum(|r| r.trainings)?,
        trainees: sum(|r| r.trainees)?,
        local_organizations: sum(|r| r.local_organizations)?,
        volunteers: sum(|r| r.volunteers)?,
        social_workers: sum(|r| r.social_workers)?,
        records: rows.iter().map(CultivationRecord::from).collect(),
    }))
}

/// Record local cultivation under a pairing
///
/// By the pairing's organizations and coordinators.
#[utoipa::path(
    post, path = "/api/v1/pairings/{id}/cultivation", tag = "pairings", operation_id = "createCultivation",
    params(("id" = String, Path, description = "Pairing id")),
    request_body = CreateCultivation,
    responses(
        (status = 201, description = "The record", body = CultivationRecord),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an organization or coordinator of the pairing", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_cultivation(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<CreateCultivation>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let counts = [
        ("trainings", b.trainings),
        ("trainees", b.trainees),
        ("local_organizations", b.local_organizations),
        ("volunteers", b.volunteers),
        ("social_workers", b.social_workers),
    ];
    let errors: Vec<Invalid> = counts
        .iter()
        .filter(|(_, n)| !crate::bounds::HEADCOUNT.contains(n))
        .map(|(f, _)| Invalid::new(*f, tr!("应在 0 到 1,000,000,000 之间", "must be between 0 and 1,000,000,000")))
        .collect();
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = id.into_inner();
    let row = state
        .tx(move |conn| {
            let pairing = visible_row(conn, &caller, &id)?;
            let members = store::members(conn, std::slice::from_ref(&pairing))?;
            let parties = store::parties(&caller, &pairing, members.get(&pairing.id).map(Vec::as_slice).unwrap_or(&[]));
            if !parties.iter().any(|p| matches!(p, Party::Organization | Party::Coordinator)) {
                return Err(ApiError::Forbidden(tr!(
                    "只有结对的社会组织或主管部门可以填报。",
                    "Only the pairing's organizations and coordinators record cultivation."
                )));
            }
            let row = CultivationRow {
                id: uuid::Uuid::now_v7().to_string(),
                pairing_id: pairing.id,
                record_date: b.record_date,
                trainings: b.trainings,
                trainees: b.trainees,
                local_organizations: b.local_organizations,
                volunteers: b.volunteers,
                social_workers: b.social_workers,
                note: b.note.trim().to_owned(),
                created_at: caller.now,
            };
            diesel::insert_into(cultivation_records::table).values(&row).execute(conn)?;
            // The brands carried by the pairing's projects count what it cultivates.
            crate::brands::dossier::refresh_for_pairing(conn, &row.pairing_id, caller.now)?;
            audit::record(
                conn,
                &caller,
                "cultivation.create",
                "pairing",
                &row.pairing_id,
                None::<&()>,
                Some(&CultivationRecord::from(&row)),
            )?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/pairings/{}/cultivation", row.pairing_id)))
        .json(CultivationRecord::from(&row)))
}
