//! The committed contract equals what the server serves and what the code generates.
//! `UPDATE_OPENAPI=1 cargo test --test api contract` rewrites the committed file.

use reqwest::Method;

use crate::helpers::TestApp;

fn committed_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json")
}

#[actix_web::test]
async fn the_served_contract_equals_the_committed_file() {
    let generated = zhuxiang::openapi::document();
    if std::env::var("UPDATE_OPENAPI").is_ok() {
        std::fs::write(committed_path(), &generated).expect("write openapi.json");
    }
    let committed = std::fs::read_to_string(committed_path()).expect("openapi/openapi.json exists");
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `UPDATE_OPENAPI=1 cargo test --test api contract` and regenerate the SPA client"
    );
    let app = TestApp::spawn().await;
    let served = app.call(Method::GET, "/api/v1/openapi.json", None, None, &[]).await;
    assert_eq!(served.status, 200);
    let committed: serde_json::Value = serde_json::from_str(&committed).expect("json");
    assert_eq!(served.body, committed);
}

#[test]
fn every_operation_is_fully_described() {
    let doc: serde_json::Value = serde_json::from_str(&zhuxiang::openapi::document()).expect("json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")));
    let mut ids = std::collections::HashSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            let at = format!("{method} {path}");
            let id = op["operationId"].as_str().unwrap_or_else(|| panic!("{at}: operationId"));
            assert!(ids.insert(id.to_owned()), "{at}: duplicate operationId {id}");
            assert_eq!(op["tags"].as_array().map(Vec::len), Some(1), "{at}: one tag");
            assert!(op["security"].is_array(), "{at}: security stated");
            let responses = op["responses"].as_object().expect("responses");
            assert!(responses.keys().any(|s| s.starts_with('2')), "{at}: a success response");
            for (status, r) in responses {
                // a shared response (`#/components/responses/…`) is checked where it is declared
                let r = match r["$ref"].as_str().and_then(|p| p.strip_prefix("#/components/responses/")) {
                    Some(name) => &doc["components"]["responses"][name],
                    None => r,
                };
                if status.starts_with('4') || status.starts_with('5') {
                    assert!(r["content"]["application/problem+json"].is_object(), "{at} {status}: problem+json body");
                }
            }
            let secured = op["security"].as_array().is_some_and(|s| s.iter().any(|x| x.get("bearer").is_some()));
            if secured {
                assert!(responses.contains_key("401"), "{at}: a secured operation documents 401");
            }
        }
    }
}

/// Enum values are what goes over the wire (snake_case), never Rust variant names.
#[test]
fn enum_values_are_wire_values() {
    let doc: serde_json::Value = serde_json::from_str(&zhuxiang::openapi::document()).expect("json");
    let mut bad = vec![];
    for (name, schema) in doc["components"]["schemas"].as_object().expect("schemas") {
        for v in schema["enum"].as_array().into_iter().flatten() {
            if v.as_str().is_some_and(|s| s.chars().any(|c| c.is_ascii_uppercase())) {
                bad.push(format!("{name}: {v}"));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(doc["components"]["schemas"]["AssistanceType"]["enum"][4], "elderly_care");
    assert_eq!(doc["components"]["schemas"]["OrgSort"]["enum"][1], "-updated_at");
}

#[test]
fn every_schema_reference_resolves() {
    let text = zhuxiang::openapi::document();
    let doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let prefix = "\"#/components/schemas/";
    let missing: Vec<&str> = text
        .match_indices(prefix)
        .map(|(i, _)| {
            let rest = &text[i + prefix.len()..];
            &rest[..rest.find('"').unwrap_or(0)]
        })
        .filter(|name| !schemas.contains_key(*name))
        .collect();
    assert!(missing.is_empty(), "unresolved schema references: {missing:?}");
}

#[actix_web::test]
async fn the_explorer_is_served_without_any_network() {
    let app = TestApp::spawn().await;
    let page = app.call(Method::GET, "/docs/", None, None, &[]).await;
    assert_eq!(page.status, 200);
    let html = page.body.as_str().expect("html");
    assert!(!html.contains("https://") || !html.contains("<script src=\"https://"), "no CDN scripts");
    let init = app.call(Method::GET, "/docs/swagger-initializer.js", None, None, &[]).await;
    assert!(init.body.as_str().is_some_and(|js| js.contains("/api/v1/openapi.json")));
    let bundle = app.client.get(format!("{}/docs/swagger-ui-bundle.js", app.base)).send().await.expect("send");
    assert_eq!(bundle.status(), 200);
    assert!(bundle.bytes().await.expect("bytes").len() > 100_000, "the Swagger UI bundle is vendored");
}

/// The schemas state the limits the handlers enforce, from the same constants (`bounds`), and
/// every operation declares the problems its inputs can cause.
#[test]
fn the_contract_states_what_the_server_enforces() {
    use zhuxiang::bounds;
    let doc: serde_json::Value = serde_json::from_str(&zhuxiang::openapi::document()).expect("json");
    let schemas = &doc["components"]["schemas"];
    assert_eq!(schemas["CreateNeed"]["properties"]["title"]["maxLength"], bounds::TITLE.max);
    assert_eq!(schemas["CreateNeed"]["properties"]["beneficiaries"]["minimum"].as_f64(), Some(0.0));
    assert_eq!(schemas["CreateCampaign"]["properties"]["year"]["maximum"].as_f64(), Some(*bounds::YEARS.end() as f64));
    assert_eq!(schemas["CreateUser"]["properties"]["password"]["minLength"], bounds::PASSWORD_MIN);
    assert_eq!(schemas["CreatePairing"]["properties"]["county_code"]["pattern"], bounds::COUNTY_CODE_PATTERN);
    let limit = doc["paths"]["/api/v1/needs"]["get"]["parameters"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "limit"))
        .expect("limit");
    assert_eq!(limit["schema"]["maximum"].as_f64(), Some(zhuxiang::http::MAX_LIMIT as f64));

    let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    for path in ["/api/v1/organizations/export", "/api/v1/projects/export"] {
        let content = &doc["paths"][path]["get"]["responses"]["200"]["content"];
        assert!(content["text/csv"].is_object() && content[xlsx].is_object(), "{path}: both export types");
    }
    for path in ["/api/v1/organizations/import", "/api/v1/key-counties/import"] {
        let form = &doc["paths"][path]["post"]["requestBody"]["content"]["multipart/form-data"];
        assert!(form["schema"].is_object(), "{path}: a multipart form");
    }
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            let responses = op["responses"].as_object().expect("responses");
            let body = op["requestBody"]["content"].as_object();
            if body
                .is_some_and(|c| c.contains_key("application/json") || c.contains_key("application/merge-patch+json"))
            {
                assert!(responses.contains_key("400") && responses.contains_key("422"), "{method} {path}: 400, 422");
            }
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            if params.iter().any(|p| p["in"] == "query") {
                assert!(responses.contains_key("422"), "{method} {path}: 422 for its query");
            }
            if params.iter().any(|p| p["name"] == "If-Match") {
                assert!(responses.contains_key("412") && responses.contains_key("428"), "{method} {path}: 412, 428");
            }
        }
    }
}
