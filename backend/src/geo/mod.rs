//! Reference data: provinces, counties (with the national key assistance counties), and the
//! east–west cooperation pairs. Seeded by migration; only the key-county flag changes at run time.

pub mod import;
pub mod model;
pub mod routes;
pub mod store;
