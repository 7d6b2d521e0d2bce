//! Every endpoint family, named once. The service mounts their routes and the contract
//! documents them from the same lists (`routing.rs`); adding a family is one line here.

use actix_web::web;
use utoipa::openapi::OpenApi;

use crate::routing::Routes;
use crate::{audit, auth, campaigns, geo, jobs, matching, needs, organizations, pairings, projects, users};

pub const FAMILIES: &[fn(&mut Routes)] = &[
    auth::register,
    users::register,
    geo::register,
    audit::register,
    organizations::register,
    matching::register,
    pairings::register,
    needs::register,
    jobs::register,
    projects::register,
    campaigns::register,
];

/// Mounts every family's routes (inside the `/api/v1` scope).
pub fn serve(cfg: &mut web::ServiceConfig) {
    let mut routes = Routes::Serve(Vec::new());
    for register in FAMILIES {
        register(&mut routes);
    }
    routes.serve(cfg);
}

/// Adds every family's operations and schemas to the contract.
pub fn document(doc: &mut OpenApi) {
    let mut routes = Routes::Document { operations: Vec::new(), schemas: Vec::new() };
    for register in FAMILIES {
        register(&mut routes);
    }
    routes.document(doc);
}
