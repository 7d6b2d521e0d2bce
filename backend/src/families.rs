//! Every endpoint family, named once (`families!` in `lib.rs`). The service mounts their routes
//! and the contract documents them from the same lists (`routing.rs`).

use actix_web::web;
use utoipa::openapi::OpenApi;

use crate::routing::Routes;

/// `families!(a, b, …)` in `lib.rs`: declares each family's module (its folder) and lists its
/// `register` in `FAMILIES`, so a family is named in exactly one place.
macro_rules! families {
    ($($family:ident),+ $(,)?) => {
        $(pub mod $family;)+

        /// Every family's `register`, in the order their routes are mounted.
        pub const FAMILIES: &[fn(&mut $crate::routing::Routes)] = &[$($family::register),+];
    };
}

/// Mounts every family's routes (inside the `/api/v1` scope).
pub fn serve(cfg: &mut web::ServiceConfig) {
    let mut routes = Routes::Serve(Vec::new());
    for register in crate::FAMILIES {
        register(&mut routes);
    }
    routes.serve(cfg);
}

/// Adds every family's operations and schemas to the contract.
pub fn document(doc: &mut OpenApi) {
    let mut routes = Routes::Document { operations: Vec::new(), schemas: Vec::new(), tags: Vec::new() };
    for register in crate::FAMILIES {
        register(&mut routes);
    }
    routes.document(doc);
}

/// Every family's job handlers, by kind.
pub fn job_handlers() -> std::collections::HashMap<crate::jobs::model::JobKind, crate::jobs::worker::Handler> {
    let mut routes = Routes::Jobs { handlers: Default::default(), exports: Default::default(), daily: Vec::new() };
    for register in crate::FAMILIES {
        register(&mut routes);
    }
    match routes {
        Routes::Jobs { mut handlers, exports, daily } => {
            handlers.insert(crate::jobs::model::JobKind::Export, crate::jobs::worker::by_name(exports));
            handlers.insert(crate::jobs::model::JobKind::DailySweep, crate::jobs::daily::handler(daily));
            handlers
        }
        _ => unreachable!("collected as jobs"),
    }
}
