//! The yearly rural tour (社会组织乡村行): the national admin sets each year's campaign (theme,
//! target provinces and counties), docking events are held in it, and its success is the funnel
//! of the projects docked there: docked → signed → landed → completed.

pub mod funnel;
pub mod model;
pub mod routes;
pub mod store;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("campaigns", "The yearly rural tour (社会组织乡村行): campaigns, docking events, funnels");
    crate::routes!(r;
        routes::list_campaigns, routes::create_campaign, routes::get_campaign, routes::list_events,
        routes::create_event, funnel::get_funnel,
    );
}
