//! The public showcase (典型宣传, no login): the demonstration and recognized brands by line with
//! their dossier figures, the published typical cases with their photos and figures, and the
//! national totals. Only published data; one cached result serves every visitor, with
//! `Cache-Control` and an `ETag` so browsers and proxies revalidate cheaply.

pub mod routes;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("showcase", "The public showcase (典型宣传), without login");
    crate::routes!(r; routes::get_showcase, routes::get_public_attachment);
}
