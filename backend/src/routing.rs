//! One place to register an endpoint. A family lists its handlers once, in its `mod.rs`:
//!
//! ```text
//! pub fn register(r: &mut Routes) {
//!     routes!(r; routes::list_campaigns, routes::create_campaign, funnel::get_funnel);
//! }
//! ```
//!
//! and `families.rs` names the family once. A family that runs background jobs registers their
//! handler there too (`r.job(JobKind::…, handler)`). The same list serves the requests — the path and
//! method are read from the handler's own `#[utoipa::path]`, so they are written once — and
//! writes the family's part of the OpenAPI document. Handlers on one path share one resource
//! (another method answers 405), in the order they are listed: list a fixed path
//! (`/projects/export`) before the parameter it would otherwise match (`/projects/{id}`).

use actix_web::http::Method;
use actix_web::{FromRequest, Handler, Responder, web};
use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::tag::{Tag, TagBuilder};
use utoipa::openapi::{OpenApi, RefOr};

/// Every operation of the contract lives under this prefix; the service mounts the families'
/// routes inside a scope of the same name.
pub const API_PREFIX: &str = "/api/v1";

/// What a family's list of handlers is read for.
pub enum Routes {
    /// Serving: the routes of each path, in the order the paths were first listed.
    Serve(Vec<(String, Vec<actix_web::Route>)>),
    /// Writing the contract: each handler's operation, the schemas it refers to, and the
    /// family's tags.
    Document {
        operations: Vec<(String, Vec<HttpMethod>, Operation)>,
        schemas: Vec<(String, RefOr<Schema>)>,
        tags: Vec<Tag>,
    },
    /// Running jobs: the handler of each job kind (`jobs::worker`), and the list exports a job
    /// may run (`sheets::background::Listed`), by name.
    Jobs {
        handlers: std::collections::HashMap<crate::jobs::model::JobKind, crate::jobs::worker::Handler>,
        exports: std::collections::HashMap<&'static str, &'static dyn crate::jobs::worker::Named>,
        /// The parts of the daily sweep (`jobs::daily`), in the families' order.
        daily: Vec<(&'static str, crate::jobs::worker::DailyTask)>,
    },
}

impl Routes {
    /// Adds one handler; `P` is the `__path_<handler>` type `#[utoipa::path]` generates for it
    /// (the `routes!` macro names it).
    pub fn add<P, F, Args>(&mut self, handler: F)
    where
        P: utoipa::Path + for<'t> utoipa::__dev::Tags<'t> + utoipa::__dev::SchemaReferences,
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let full = P::path();
        match self {
            Routes::Serve(paths) => {
                let path = full
                    .strip_prefix(API_PREFIX)
                    .unwrap_or_else(|| panic!("{full}: every operation is under {API_PREFIX}"))
                    .to_owned();
                // `serve` mounts a scope per first segment, so it must be a fixed word
                assert!(!split_segment(&path).0.contains('{'), "{full}: the first segment must be a fixed word");
                let at = match paths.iter().position(|(p, _)| *p == path) {
                    Some(at) => at,
                    None => {
                        paths.push((path, Vec::new()));
                        paths.len() - 1
                    }
                };
                for method in P::methods() {
                    paths[at].1.push(web::method(actix_method(&method)).to(handler.clone()));
                }
            }
            Routes::Document { operations, schemas, .. } => {
                let mut operation = P::operation();
                let tags = <P as utoipa::__dev::Tags>::tags();
                operation.tags.get_or_insert_with(Vec::new).extend(tags.iter().map(ToString::to_string));
                operations.push((full, P::methods(), operation));
                <P as utoipa::__dev::SchemaReferences>::schemas(schemas);
            }
            Routes::Jobs { .. } => {}
        }
    }

    /// Runs the family's jobs of `kind` with `handler`, on whichever instance claims them.
    pub fn job(&mut self, kind: crate::jobs::model::JobKind, handler: crate::jobs::worker::JobFn) {
        if let Routes::Jobs { handlers, .. } = self {
            let previous = handlers.insert(kind, std::sync::Arc::new(handler));
            assert!(previous.is_none(), "two handlers for jobs of kind {kind:?}");
        }
    }

    /// Lets the family's list export run as a background job (`background=true`).
    /// (`sheets::background::Listed`).
    pub fn export(&mut self, listed: &'static dyn crate::jobs::worker::Named) {
        if let Routes::Jobs { exports, .. } = self {
            let previous = exports.insert(listed.name(), listed);
            assert!(previous.is_none(), "two exports named {}", listed.name());
        }
    }

    /// Runs `task` once a day, as the family's part of the daily sweep (`jobs::daily`).
    pub fn daily(&mut self, name: &'static str, task: crate::jobs::worker::DailyTask) {
        if let Routes::Jobs { daily, .. } = self {
            assert!(daily.iter().all(|(n, _)| *n != name), "two daily tasks named {name}");
            daily.push((name, task));
        }
    }

    /// A tag of the family's operations, with what it is for (the contract's table of contents).
    pub fn tag(&mut self, name: &str, description: &str) {
        if let Routes::Document { tags, .. } = self {
            tags.push(TagBuilder::new().name(name).description(Some(description)).build());
        }
    }

    /// A schema the family's operations name that utoipa does not collect by itself (the enum of
    /// a query parameter, a job's report stored as JSON).
    pub fn schema<T: utoipa::ToSchema>(&mut self) {
        if let Routes::Document { schemas, .. } = self {
            schemas.push((T::name().into_owned(), T::schema()));
        }
    }

    /// Mounts the collected routes (inside the `/api/v1` scope), in a scope per first segment
    /// (`/projects`, `/needs`, …): actix tries a scope's resources one after the other, matching
    /// each parameter path with a regular expression, so with every family's paths in one list a
    /// project's page tried some twenty expressions before its own (a tenth of the server's work
    /// for it); now it tries the prefixes, then its family's paths. The paths keep their order
    /// within a segment, and paths of different segments never match the same request.
    pub fn serve(self, cfg: &mut web::ServiceConfig) {
        let Routes::Serve(paths) = self else { return };
        // each first segment with its paths (the rest of each) and their routes
        type Listed = Vec<(String, Vec<actix_web::Route>)>;
        let mut segments: Vec<(String, Listed)> = Vec::new();
        for (path, routes) in paths {
            let (segment, rest) = split_segment(&path);
            match segments.iter_mut().find(|(s, _)| *s == segment) {
                Some((_, listed)) => listed.push((rest.to_owned(), routes)),
                None => segments.push((segment.to_owned(), vec![(rest.to_owned(), routes)])),
            }
        }
        for (segment, listed) in segments {
            // unmatched within the segment: the same bare 404 as the `/api/v1` scope's
            let scope = web::scope(&segment).default_service(web::to(actix_web::HttpResponse::NotFound));
            let scope = listed.into_iter().fold(scope, |scope, (rest, routes)| {
                scope.service(routes.into_iter().fold(web::resource(rest), |resource, route| resource.route(route)))
            });
            cfg.service(scope);
        }
    }

    /// Adds the collected operations and schemas to the contract.
    pub fn document(self, doc: &mut OpenApi) {
        let Routes::Document { operations, schemas, tags } = self else { return };
        for (path, methods, operation) in operations {
            doc.paths.add_path_operation(path, methods, operation);
        }
        doc.tags.get_or_insert_with(Vec::new).extend(tags);
        let components = doc.components.get_or_insert_with(Default::default);
        components.schemas.extend(schemas);
    }
}

/// `/projects/{id}/updates` → (`/projects`, `/{id}/updates`); the first segment is always a
/// fixed word (`add` checks it).
fn split_segment(path: &str) -> (&str, &str) {
    let end = path[1..].find('/').map_or(path.len(), |i| i + 1);
    path.split_at(end)
}

fn actix_method(method: &HttpMethod) -> Method {
    match method {
        HttpMethod::Get => Method::GET,
        HttpMethod::Post => Method::POST,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Delete => Method::DELETE,
        HttpMethod::Options => Method::OPTIONS,
        HttpMethod::Head => Method::HEAD,
        HttpMethod::Patch => Method::PATCH,
        HttpMethod::Trace => Method::TRACE,
    }
}

/// `routes!(r; module::handler, …)`: adds each handler with its `#[utoipa::path]`.
#[macro_export]
macro_rules! routes {
    ($r:expr; $($module:ident :: $handler:ident),+ $(,)?) => {
        $( $crate::paste::paste! { $r.add::<$module::[<__path_ $handler>], _, _>($module::$handler); } )+
    };
}
