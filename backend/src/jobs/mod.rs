//! Background jobs: long work (large imports, evaluation snapshots and rankings) runs off the
//! request, on any instance (`worker`), and its progress is polled at `GET /api/v1/jobs/{id}`.
//! A family runs jobs of its own kinds by registering a handler (`Routes::job`).

pub mod model;
pub mod routes;
pub mod store;
pub mod worker;

pub use model::{Job, JobKind};
pub use worker::JobRun;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("jobs", "Background jobs and their progress");
    crate::routes!(r;
        routes::get_job,
    );
}
