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
