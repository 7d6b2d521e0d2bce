//! Background jobs: long work (large imports) runs off the request, and its progress is polled
//! at `GET /api/v1/jobs/{id}`.

pub mod model;
pub mod routes;
pub mod store;

pub use model::{Job, JobKind};

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("jobs", "Background jobs and their progress");
    crate::routes!(r;
        routes::get_job,
    );
}
