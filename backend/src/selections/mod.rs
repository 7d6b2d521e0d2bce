//! The yearly selection of outstanding social organizations and well-known public-welfare
//! brands (选树优秀社会组织和知名公益品牌): provinces nominate with a reason, the national liaison
//! units review each nominee beside its evaluation result and decide, and the published list
//! goes on the showcase and the organizations' and brands' pages.

pub mod model;
pub mod routes;
pub mod store;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("selections", "The yearly selection of outstanding organizations and well-known brands (选树)");
    crate::routes!(r;
        routes::list_selections, routes::create_selection,
        routes::get_selection, routes::update_selection, routes::transition_selection,
        routes::list_nominations, routes::create_nomination, routes::get_nomination, routes::transition_nomination,
    );
}
