use actix_web::web;
use diesel::prelude::*;

use super::{Match, NeedFeatures, explain, score};
use super::{MatchParams, match_limit};
use crate::auth::Caller;
use crate::db::schema::needs;
use crate::domain::NeedStatus;
use crate::error::{ApiResult, Problem, ReadErrors};
use crate::http::Items;
use crate::needs::model::NeedRow;
use crate::needs::store::visible;
use crate::state::AppState;

/// Open needs ranked for an organization
///
/// The reverse of a need's matches: the same score, from the organization's side. Only open
/// needs the caller may see; none for a suspended or revoked organization. The scores are
/// read from the organization's offers, so they are shown to whom its offers are
/// (see `listOffers`); 404 for everyone else.
#[utoipa::path(
    get, path = "/api/v1/organizations/{id}/matching-needs", tag = "needs", operation_id = "listMatchingNeeds",
    params(("id" = String, Path, description = "Organization id"), MatchParams),
    responses(
        (status = 200, description = "Best needs first; `need_id` names each", body = Items<Match>),
        (status = 422, description = "Invalid limit", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn matching_needs(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    params: crate::extractors::Query<MatchParams>,
) -> ApiResult<web::Json<Items<Match>>> {
    let limit = match_limit(params.limit)?;
    let id = id.into_inner();
    let cache = state.matching.clone();
    let items = state
        .db(move |conn| {
            crate::organizations::store::with_readable_offers(conn, &caller, &id)?;
            let index = cache.index(conn)?;
            // Suspended and revoked organizations are not in the index: nothing to rank.
            let Some(&i) = index.by_id.get(&id) else { return Ok(vec![]) };
            let candidate = &index.candidates[i];
            let open: Vec<NeedRow> =
                needs::table.filter(needs::status.eq(NeedStatus::Open)).select(NeedRow::as_select()).load(conn)?;
            let mut ranked: Vec<(i32, NeedRow)> = open
                .into_iter()
                .filter(|n| visible(&caller, n))
                .map(|n| (score(&index, candidate, &NeedFeatures::of(&index, &n)).total(), n))
                .collect();
            ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
            Ok(ranked
                .into_iter()
                .take(limit)
                .map(|(_, n)| Match {
                    need_title: Some(n.title.clone()),
                    ..explain(&index, candidate, &NeedFeatures::of(&index, &n), Some(n.id.clone()))
                })
                .collect())
        })
        .await?;
    Ok(web::Json(Items { items }))
}
