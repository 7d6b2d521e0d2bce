//! Needs (工作需求) raised by counties, and the invitations a county sends to the organizations
//! that match them.

pub mod export;
pub mod model;
pub mod routes;
pub mod store;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("needs", "County needs and explainable matching (供需对接)");
    crate::routes!(r;
        routes::list_needs, export::export_needs, routes::create_need, routes::get_need, routes::patch_need, routes::transition_need,
        routes::need_matches, routes::invite,
    );
    r.export(&export::LISTED);
}
