//! Incidents and risk (应急处理机制 · 防范风险隐患): incidents reported around organizations'
//! work, handled with a dated log (which may suspend the organization), resolved and closed;
//! the urgent ones told at once; and the risk view over a coordinator's area.

pub mod model;
pub mod notices;
pub mod risks;
pub mod routes;
pub mod store;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("incidents", "Incidents, their handling, and the risk view (应急处理 · 风险防范)");
    crate::routes!(r;
        routes::list_incidents, routes::create_incident,
        routes::get_incident, routes::update_incident, routes::transition_incident,
        routes::list_incident_actions, routes::create_incident_action,
        risks::get_risks,
    );
}
