//! User accounts: coordinators at every level, organization staff, evaluators, viewers.

pub mod model;
pub mod routes;
pub mod store;
