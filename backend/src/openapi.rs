//! The OpenAPI document: generated from the handlers' annotations, committed as
//! `openapi/openapi.json`, served at `/api/v1/openapi.json` and explored at `/docs`.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "zhuxiang 助乡 API",
        description = "The platform of the national action for social organizations in rural revitalization \
(社会组织助力乡村振兴专项行动). Authenticate with `POST /api/v1/auth/login` and send the access token as \
`Authorization: Bearer …`; integrations use an API token (`zxt_…`) the same way. Every error is \
`application/problem+json` (RFC 9457) with a `request_id`. Changes to existing resources require `If-Match`. \
Requests are rate limited per API token and, for every other caller, per client address (a sliding minute; \
`RATE_LIMIT_TOKEN`, `RATE_LIMIT_ADDRESS`): every answer carries `RateLimit-Limit`, `RateLimit-Remaining`, \
`RateLimit-Reset` (seconds) and `RateLimit-Policy` (`<limit>;w=60`), and a request beyond the limit gets 429 \
with `Retry-After`.",
        version = "1.0.0",
        license(name = "Apache-2.0")
    ),
    // Shared schemas no operation names directly; a family declares its own (and its tags) in
    // its `register`.
    components(schemas(error::Problem, error::FieldError, crate::sheets::ExportFormat)),
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT or zxt_ API token")
                    .description(Some("A JWT access token from /api/v1/auth/login, or an API token (zxt_…)."))
                    .build(),
            ),
        );
    }
}

/// The contract: the document's frame, every family's operations (`families.rs`), then what
/// is declared once for all of them.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    crate::families::document(&mut doc);
    for modifier in [&Security as &dyn Modify, &IdempotencyKeys, &ImpliedResponses] {
        modifier.modify(&mut doc);
    }
    doc
}

/// The document as committed: pretty JSON with a trailing newline.
pub fn document() -> String {
    let mut text = openapi().to_pretty_json().unwrap_or_default();
    text.push('\n');
    text
}

/// The 429 of the rate limits, with its headers: one component every operation refers to.
const RATE_LIMITED: &str = "RateLimited";

fn rate_limited() -> utoipa::openapi::Response {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder, header::HeaderBuilder, schema::Type};
    let header = |description: &str, kind: Type| {
        HeaderBuilder::new()
            .schema(utoipa::openapi::ObjectBuilder::new().schema_type(kind))
            .description(Some(description))
            .build()
    };
    ResponseBuilder::new()
        .description(
            "Beyond the caller's rate limit (per client address, and per API token): wait `Retry-After` seconds",
        )
        .content(
            crate::error::PROBLEM_JSON,
            ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build(),
        )
        .header("Retry-After", header("Seconds until a request fits the limit again", Type::Integer))
        .header("RateLimit-Limit", header("Requests allowed per minute", Type::Integer))
        .header("RateLimit-Remaining", header("Requests left now: 0", Type::Integer))
        .header("RateLimit-Reset", header("Seconds until a request fits again", Type::Integer))
        .header("RateLimit-Policy", header("`<limit>;w=60`: the limit over a sliding 60-second window", Type::String))
        .build()
}

/// Every create (POST) honours `Idempotency-Key`: documented once here for all of them.
struct IdempotencyKeys;

impl Modify for IdempotencyKeys {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        for (path, item) in openapi.paths.paths.iter_mut() {
            let Some(op) = item.post.as_mut() else { continue };
            if path.starts_with("/api/v1/auth/") {
                continue;
            }
            let param = ParameterBuilder::new()
                .name("Idempotency-Key")
                .parameter_in(ParameterIn::Header)
                .required(utoipa::openapi::Required::False)
                .description(Some(
                    "Retrying a POST with the same key (per caller, 24 hours) returns the first response \
                     instead of acting again; the replay carries `Idempotent-Replayed: true`, and a retry \
                     sent while the first is running waits for it. The key is bound to its request: the \
                     same key with another path, query or body is a 422. A response holding a secret is \
                     not kept; its replay is a 409 whose `Location` names what was made.",
                ))
                .schema(Some(
                    utoipa::openapi::ObjectBuilder::new()
                        .schema_type(utoipa::openapi::schema::Type::String)
                        .max_length(Some(255)),
                ))
                .build();
            op.parameters.get_or_insert_with(Vec::new).push(param);
        }
    }
}

/// The problems an operation can answer because of how it takes its input, declared from the
/// operation's own shape so no operation forgets one (each keeps its own wording where it has
/// one): a JSON body is parsed by `extractors::Json` (400 malformed, 422 a field of the wrong
/// type), query parameters by `extractors::Query` (422 naming the parameter), `If-Match` by
/// `http::if_match_value` (412 stale, 428 missing), `Idempotency-Key` by the idempotency
/// middleware (409 while the first request runs, 422 a key used for another endpoint); every
/// operation in the document reads the database (503 while it is unreachable).
struct ImpliedResponses;

impl Modify for ImpliedResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let problem = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    crate::error::PROBLEM_JSON,
                    ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build(),
                )
                .build()
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.responses.insert(RATE_LIMITED.to_owned(), rate_limited().into());
        for item in openapi.paths.paths.values_mut() {
            let ops = [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete];
            for op in ops.into_iter().flatten() {
                let mut implied: Vec<(&str, &str)> = vec![];
                let json_body = op.request_body.as_ref().is_some_and(|b| {
                    b.content.keys().any(|t| t == "application/json" || t == "application/merge-patch+json")
                });
                if json_body {
                    implied.push(("400", "Malformed JSON, or a body that is not JSON"));
                    implied.push(("422", "Invalid fields, each named in `errors`"));
                }
                let params = op.parameters.as_deref().unwrap_or_default();
                let has = |place: ParameterIn, name: &str| {
                    params.iter().any(|p| p.parameter_in == place && (name.is_empty() || p.name == name))
                };
                if has(ParameterIn::Query, "") {
                    implied.push(("422", "Invalid query parameters, each named in `errors`"));
                }
                if has(ParameterIn::Header, "If-Match") {
                    implied.push(("412", "The object changed since you read it: stale If-Match"));
                    implied.push(("428", "If-Match missing"));
                }
                if has(ParameterIn::Header, "Idempotency-Key") {
                    implied.push(("409", "A request with this Idempotency-Key is still being processed"));
                    implied.push(("422", "Invalid fields, or an Idempotency-Key used for another endpoint"));
                }
                implied.push(("503", "The database cannot be reached; try again shortly"));
                for (status, description) in implied {
                    if !op.responses.responses.contains_key(status) {
                        op.responses.responses.insert(status.to_owned(), problem(description).into());
                    }
                }
                // Every operation is under the rate limits (`ops::rate_limit`).
                op.responses.responses.entry("429".to_owned()).or_insert_with(|| {
                    utoipa::openapi::RefOr::Ref(Ref::new(format!("#/components/responses/{RATE_LIMITED}")))
                });
            }
        }
    }
}
