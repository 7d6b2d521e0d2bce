//! Pairing (结对帮扶): organizations (singly or as a group with a lead) paired with counties,
//! through a consent-based lifecycle with its full dated history; local cultivation under a
//! pairing; and the coverage of the 160 key counties.

pub mod apply;
pub mod coverage;
pub mod cultivation;
pub mod export;
pub mod model;
pub mod notices;
pub mod routes;
pub mod store;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("pairings", "Pairing of organizations with counties (结对帮扶), local cultivation, coverage");
    crate::routes!(r;
        routes::list_pairings, routes::create_pairing,
        // a fixed path before `/pairings/{id}`
        export::export_pairings,
        routes::get_pairing, routes::transition_pairing,
        cultivation::list_cultivation, cultivation::create_cultivation, coverage::get_coverage,
    );
    r.export(&export::LISTED);
}
