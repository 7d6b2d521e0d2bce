//! Open data for integrators and donors: the published projects as IATI 2.03 activities
//! (`iati.rs`), without login.

pub mod iati;
pub mod routes;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("open-data", "Open data (开放数据): published projects in the IATI 2.03 activity standard, without login");
    crate::routes!(r; routes::get_iati_activities);
}
