//! Explainable matching (供需对接): organizations ranked for a county's need, and needs ranked
//! for an organization, each score split into its parts with a one-line reason.
//!
//! Ranking reads an in-memory index of every active organization (specialties, offers,
//! east–west partners, track record, load) so a need is scored against 100,000 organizations in
//! a few milliseconds. Writes that change any of it invalidate the index; it is also rebuilt
//! after `MAX_AGE`, so several service instances on one PostgreSQL converge.

mod index;
pub mod routes;
mod score;

pub use index::{Candidate, Index, MatchingCache};
pub use score::{Match, MatchParts, NeedFeatures, Reason, explain, rank_for_need, score};

use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{ApiError, ApiResult};
use crate::tr;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchParams {
    /// How many, 1–100 (default 20).
    #[param(schema_with = crate::bounds::match_limit)]
    pub limit: Option<i64>,
}

pub fn match_limit(limit: Option<i64>) -> ApiResult<usize> {
    match limit {
        None => Ok(20),
        Some(n) if crate::bounds::MATCH_LIMIT.contains(&n) => Ok(n as usize),
        Some(_) => Err(ApiError::field("limit", tr!("须在 1 到 100 之间", "must be between 1 and 100"))),
    }
}

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    crate::routes!(r;
        routes::matching_needs,
    );
}
