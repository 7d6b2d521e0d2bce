//! User accounts: coordinators at every level, organization staff, evaluators, viewers.

pub mod model;
pub mod routes;
pub mod store;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("users", "User accounts and their roles and scopes");
    crate::routes!(r;
        routes::list_users, routes::create_user, routes::get_user, routes::patch_user,
        routes::clear_user_lockout,
    );
}
