//! The evaluation system (评估评价体系): versioned indicator frameworks whose computed
//! indicators read a fixed catalogue of metrics and whose expert indicators are scored by a
//! rubric; yearly rounds over organizations, brands or provinces, with experts assigned across
//! declared ties, scoring, a snapshot of the figures, and an explained ranking.

pub mod export;
pub mod expert_routes;
pub mod metrics;
pub mod model;
pub mod notices;
pub mod panel;
pub mod results;
pub mod routes;
pub mod scoring;
pub mod store;
pub mod subjects;
pub mod tree;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("evaluation", "The evaluation system: indicator frameworks, rounds, experts' scoring and rankings");
    crate::routes!(r;
        routes::list_indicator_metrics,
        routes::list_indicator_frameworks, routes::create_indicator_framework,
        routes::get_indicator_framework, routes::update_indicator_framework,
        routes::transition_indicator_framework, routes::copy_indicator_framework,
        routes::list_evaluation_rounds, routes::create_evaluation_round,
        routes::get_evaluation_round, routes::update_evaluation_round,
        routes::transition_evaluation_round, routes::snapshot_evaluation_round, routes::list_round_subjects,
        // a fixed path before `/results/{subject_id}`
        export::export_evaluation_results,
        routes::list_evaluation_results, routes::get_evaluation_result,
        expert_routes::list_round_assignments, expert_routes::create_round_assignments,
        expert_routes::list_my_assignments,
        expert_routes::get_assignment, expert_routes::get_assignment_scores, expert_routes::put_assignment_scores,
        expert_routes::transition_assignment,
        expert_routes::get_my_ties, expert_routes::put_my_ties,
    );
    r.job(crate::jobs::JobKind::EvaluationSnapshot, subjects::snapshot_job);
    r.job(crate::jobs::JobKind::EvaluationRanking, results::ranking_job);
}
