use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::attachments::{self, Attachment};
use crate::auth::Caller;
use crate::auth::scope::DataScope;
use crate::brands::model::{BrandDossier, BrandQuery, BrandSort};
use crate::cache::Key;
use crate::cases::model::{CaseFigures, CaseQuery};
use crate::db::DbConn;
use crate::db::schema::{pairings, projects};
use crate::domain::pairing::PairingStatus;
use crate::db::sql::{fen_sum_parts, join_fen};
use crate::domain::MoneyTotal;
use crate::domain::brand::{BrandFocus, BrandLine, BrandStatus};
use crate::domain::evaluation::{NominationStatus, RoundStatus, SelectionKind, SelectionStatus, SubjectType};
use crate::domain::project::ProjectStatus;
use crate::evaluation::model::{ResultQuery, ResultRow, RoundQuery};
use crate::selections::model::{NominationQuery, SelectionQuery};
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// How long one computation of the showcase serves (it is also what browsers may cache): the
/// public sees a publication at most this late, and the national sums behind it run at most
/// once a minute however many visit.
const MAX_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// Brands shown per line, and typical cases shown.
const BRANDS_PER_LINE: i64 = 24;
const CASES: i64 = 48;

/// A brand as the public sees it.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ShowcaseBrand {
    pub id: String,
    pub name: String,
    pub line: BrandLine,
    pub focus: Vec<BrandFocus>,
    pub status: BrandStatus,
    pub organization_name: String,
    pub province_code: String,
    pub description: String,
    pub dossier: BrandDossier,
    /// Photo ids, for `GET /api/v1/public/attachments/{id}`.
    pub photo_ids: Vec<String>,
}

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ShowcaseLine {
    pub line: BrandLine,
    /// Demonstration brands first, then recognized, each by funds in place.
    pub brands: Vec<ShowcaseBrand>,
}

/// A published typical case.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ShowcaseCase {
    pub id: String,
    pub title: String,
    pub collection_title: String,
    pub organization_name: String,
    pub line: BrandLine,
    pub county_codes: Vec<String>,
    pub background: String,
    pub approach: String,
    pub results: String,
    pub lessons: String,
    pub figures: CaseFigures,
    pub photo_ids: Vec<String>,
}

/// National totals, from published data.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, Default)]
pub struct ShowcaseTotals {
    /// Active pairings (结对帮扶).
    pub pairings: i64,
    /// Key counties with an active pairing, of the plan's `key_counties_target` (160).
    pub key_counties_covered: i64,
    pub key_counties_target: i64,
    /// Projects landed or completed (confirmed by their counties).
    pub projects_landed: i64,
    /// Funds in place in those projects.
    pub funds_in_place: MoneyTotal,
    pub brands_recognized: i64,
    pub brands_demonstration: i64,
    pub typical_cases: i64,
}

/// An organization or brand selected in a published selection (选树).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ShowcaseHonor {
    pub selection_id: String,
    pub title: String,
    pub year: i64,
    pub kind: SelectionKind,
    pub subject_id: String,
    pub subject_name: String,
    pub province_code: String,
}

/// The top of a published evaluation round, as many as the round publishes.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ShowcaseRanking {
    pub round_id: String,
    pub name: String,
    pub year: i64,
    pub subject_type: SubjectType,
    pub rows: Vec<ResultRow>,
}

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Showcase {
    pub totals: ShowcaseTotals,
    pub lines: Vec<ShowcaseLine>,
    pub cases: Vec<ShowcaseCase>,
    /// The selected of the latest published selections, newest first.
    pub honors: Vec<ShowcaseHonor>,
    /// The latest published evaluation rounds' tops.
    pub rankings: Vec<ShowcaseRanking>,
}

/// Published selections and rounds shown, at most.
const SELECTIONS: i64 = 4;
const ROUNDS: i64 = 3;

fn honors(conn: &mut DbConn, public: &Caller) -> ApiResult<Vec<ShowcaseHonor>> {
    let query = SelectionQuery { status: Some(SelectionStatus::Published), ..SelectionQuery::default() };
    let mut out = vec![];
    for s in crate::selections::store::page(conn, public, &query, None, SELECTIONS)?.into_iter().take(SELECTIONS as usize) {
        let selected = NominationQuery { status: Some(NominationStatus::Selected), province: None };
        for n in crate::selections::store::nominations_of(conn, public, &s, &selected)? {
            out.push(ShowcaseHonor {
                selection_id: s.id.clone(),
                title: s.title.clone(),
                year: s.year,
                kind: s.kind,
                subject_id: n.subject_id,
                subject_name: n.subject_name,
                province_code: n.province_code,
            });
        }
    }
    Ok(out)
}

fn rankings(conn: &mut DbConn, public: &Caller) -> ApiResult<Vec<ShowcaseRanking>> {
    let query = RoundQuery { status: Some(RoundStatus::Published), ..RoundQuery::default() };
    let mut out = vec![];
    for r in crate::evaluation::store::round_page(conn, public, &query, None, ROUNDS)?.into_iter().take(ROUNDS as usize) {
        let (rows, _) = crate::evaluation::results::page(conn, public, &r, &ResultQuery::default(), None, r.public_top)?;
        out.push(ShowcaseRanking {
            round_id: r.id.clone(),
            name: r.name.clone(),
            year: r.year,
            subject_type: r.subject_type,
            rows: rows.iter().take(r.public_top as usize).map(crate::evaluation::results::row_of).collect(),
        });
    }
    Ok(out)
}

fn photo_ids(list: Option<Vec<Attachment>>) -> Vec<String> {
    list.unwrap_or_default().into_iter().take(6).map(|a| a.id).collect()
}

fn compute(conn: &mut DbConn, now: chrono::NaiveDateTime) -> ApiResult<Showcase> {
    let public = Caller::public(now);
    let mut lines = vec![];
    let (mut recognized, mut demonstration) = (0, 0);
    for line in BrandLine::ALL {
        let mut brands = vec![];
        for status in [BrandStatus::Demonstration, BrandStatus::Recognized] {
            let query = BrandQuery {
                line: Some(*line),
                status: Some(status),
                sort: Some(BrandSort::FundsDesc),
                ..BrandQuery::default()
            };
            let n: i64 = crate::brands::store::filtered(&public, &query).count().get_result(conn)?;
            if status == BrandStatus::Demonstration { demonstration += n } else { recognized += n }
            let room = BRANDS_PER_LINE - brands.len() as i64;
            if room > 0 {
                brands.extend(crate::brands::store::page(conn, &public, &query, None, room)?.into_iter().take(room as usize));
            }
        }
        let ids: Vec<&str> = brands.iter().map(|b| b.id.as_str()).collect();
        let mut photos = attachments::photos_of(conn, crate::brands::store::ENTITY, &ids)?;
        let dtos = crate::brands::store::to_dtos(conn, &public, &brands, false)?;
        lines.push(ShowcaseLine {
            line: *line,
            brands: dtos
                .into_iter()
                .map(|b| ShowcaseBrand {
                    photo_ids: photo_ids(photos.remove(&b.id)),
                    id: b.id,
                    name: b.name,
                    line: b.line,
                    focus: b.focus,
                    status: b.status,
                    organization_name: b.owner_organization_name,
                    province_code: b.province_code,
                    description: b.description,
                    dossier: b.dossier,
                })
                .collect(),
        });
    }
    let case_query = CaseQuery::default();
    let typical_cases: i64 = crate::cases::store::filtered(&public, &case_query).count().get_result(conn)?;
    let rows = crate::cases::store::page(conn, &public, &case_query, None, CASES)?;
    let rows = &rows[..rows.len().min(CASES as usize)];
    let ids: Vec<&str> = rows.iter().map(|c| c.id.as_str()).collect();
    let mut photos = attachments::photos_of(conn, crate::cases::store::ENTITY, &ids)?;
    let cases = crate::cases::store::to_dtos(conn, &public, rows, false)?
        .into_iter()
        .map(|c| ShowcaseCase {
            photo_ids: photo_ids(photos.remove(&c.id)),
            id: c.id,
            title: c.title,
            collection_title: c.collection_title,
            organization_name: c.organization_name,
            line: c.line,
            county_codes: c.county_codes,
            background: c.background,
            approach: c.approach,
            results: c.results,
            lessons: c.lessons,
            figures: c.figures,
        })
        .collect();
    let coverage = crate::pairings::coverage::compute(conn, None, None)?;
    let active_pairings: i64 = pairings::table.filter(pairings::status.eq(PairingStatus::Active)).count().get_result(conn)?;
    let (high, low) = fen_sum_parts("funds_in_place_fen");
    let (landed, high, low): (i64, i64, i64) = projects::table
        .filter(projects::status.eq_any(ProjectStatus::PUBLISHED.iter().map(|s| s.as_str()).collect::<Vec<_>>()))
        .select((diesel::dsl::count_star(), high, low))
        .first(conn)?;
    Ok(Showcase {
        totals: ShowcaseTotals {
            pairings: active_pairings,
            key_counties_covered: coverage.covered,
            key_counties_target: coverage.target,
            projects_landed: landed,
            funds_in_place: MoneyTotal::from_fen(join_fen(high, low)),
            brands_recognized: recognized,
            brands_demonstration: demonstration,
            typical_cases,
        },
        lines,
        cases,
        honors: honors(conn, &public)?,
        rankings: rankings(conn, &public)?,
    })
}

/// The public showcase
///
/// No login. Only published data: recognized and demonstration brands, typical cases that
/// their organizations consented to publish in a published collection, and national totals.
/// Cacheable for a minute (`Cache-Control: public`); send the `ETag` back as `If-None-Match`
/// for a 304.
#[utoipa::path(
    get, path = "/api/v1/public/showcase", tag = "showcase", operation_id = "getShowcase",
    responses(
        (status = 200, description = "The showcase", body = Showcase, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag sent"),
    ),
    security(())
)]
pub async fn get_showcase(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    // Published data only, so one result serves every visitor.
    let key = Key::new(DataScope::Published, "showcase");
    let now = state.clock.now();
    let cached = state.aggregates.body(&key, Some(MAX_AGE), || state.db(move |conn| compute(conn, now))).await?;
    Ok(crate::http::cached_json(&req, &cached, "public, max-age=60"))
}

/// A photo or document of a published brand or case
///
/// No login; 404 for anything not on the showcase.
#[utoipa::path(
    get, path = "/api/v1/public/attachments/{id}", tag = "showcase", operation_id = "getPublicAttachment",
    params(("id" = String, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The file, as an attachment with its sniffed type",
         content((crate::http::RawFile = "image/jpeg"), (crate::http::RawFile = "image/png"), (crate::http::RawFile = "image/webp"), (crate::http::RawFile = "application/pdf"))),
        (status = 404, description = "No such attachment on the showcase", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
pub async fn get_public_attachment(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let now = state.clock.now();
    let (meta, bytes) = state
        .db(move |conn| {
            let (entity, entity_id) = attachments::holder(conn, &id)?.ok_or(ApiError::NotFound)?;
            let public = Caller::public(now);
            // Visible to the public exactly when the showcase may show its holder.
            match entity.as_str() {
                crate::brands::store::ENTITY => {
                    crate::brands::store::visible_row(conn, &public, &entity_id)?;
                }
                crate::cases::store::ENTITY => {
                    crate::cases::store::visible_row(conn, &public, &entity_id)?;
                }
                _ => return Err(ApiError::NotFound),
            }
            attachments::content(conn, &entity, &entity_id, &id)
        })
        .await?;
    Ok(attachments::download(&meta, bytes, true))
}
