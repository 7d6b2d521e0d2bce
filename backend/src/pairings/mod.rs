//! Pairing (结对帮扶): organizations (singly or as a group with a lead) paired with counties,
//! through a consent-based lifecycle with its full dated history; local cultivation under a
//! pairing; and the coverage of the 160 key counties.

pub mod coverage;
pub mod cultivation;
pub mod model;
pub mod routes;
pub mod store;
