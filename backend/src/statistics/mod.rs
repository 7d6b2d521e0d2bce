//! The statistics platform of the action (统计平台): roll-ups of the platform's facts by
//! documented keys, series over time, their exports, and the public national figures — each
//! over the caller's scope only, from maintained aggregates where a scan would not keep pace.

pub mod labels;
pub mod model;
pub mod projects;
pub mod public;
pub mod routes;
pub mod sources;
pub mod tables;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("statistics", "The statistics platform (统计平台): roll-ups, series, exports and public figures");
    r.schema::<model::ProjectDimension>();
    crate::routes!(r;
        routes::get_project_rollup,
        // fixed paths under /statistics/projects
        routes::get_project_series, routes::export_project_rollup,
        routes::get_statistics_table, routes::export_statistics_table,
        public::get_public_statistics,
    );
}
