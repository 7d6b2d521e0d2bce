//! Races and retries (ARCHITECTURE.md: "PostgreSQL is where races live"): appends summed in the
//! database, If-Match conflicts, and Idempotency-Key bound to its request body and committed
//! with its write. Every test runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.

use diesel::RunQueryDsl;
use futures_util::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Resp, TestApp};
use crate::projects::{project, world};

async fn post_with_key(app: &TestApp, path: &str, token: &str, body: Value, key: &str) -> Resp {
    app.call(Method::POST, path, Some(token), Some(body), &[("idempotency-key", key)]).await
}

/// A hundred requests queue for the test's four connections; on a busy machine that can take
/// longer than the default connect timeout, which would make it a test of capacity.
const PATIENT: &[(&str, &str)] = &[("DATABASE_CONNECT_TIMEOUT", "30")];

fn statuses(rs: &[Resp]) -> std::collections::BTreeMap<u16, usize> {
    let mut m = std::collections::BTreeMap::new();
    for r in rs {
        *m.entry(r.status.as_u16()).or_default() += 1;
    }
    m
}

/// `http_requests_total` of one method, route and status, as `/metrics` says now.
pub async fn requests_total(app: &TestApp, method: &str, route: &str, status: u16) -> u64 {
    let m = app.call(Method::GET, "/metrics", None, None, &[]).await;
    let prefix = format!("http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} ");
    m.body.as_str().unwrap_or("").lines().find_map(|l| l.strip_prefix(&prefix)?.parse().ok()).unwrap_or(0)
}

#[actix_web::test]
async fn concurrent_progress_updates_are_all_counted() {
    let app = TestApp::spawn_full(None, PATIENT, None).await;
    let w = world(&app).await;
    let p = app.post("/api/v1/projects", &w.member, project(&w.org)).await;
    let id = p.body["id"].as_str().expect("id").to_owned();
    let path = format!("/api/v1/projects/{id}/updates");
    // Appends need no If-Match: 100 at once must all land, none lost to another.
    let updates = (1..=100u64).map(|i| {
        let body = json!({"date": "2026-05-01", "narrative": format!("第{i}笔"), "funds_delta": format!("{i}.{:02}", i % 100), "beneficiaries_delta": i});
        app.post(&path, &w.member, body)
    });
    let results = join_all(updates).await;
    assert_eq!(
        statuses(&results),
        [(201, 100)].into(),
        "{:?}",
        results.iter().find(|r| r.status != 201).map(|r| &r.body)
    );
    let fen: u64 = (1..=100u64).map(|i| i * 100 + i % 100).sum();
    let cur = app.get(&format!("/api/v1/projects/{id}"), &w.admin).await;
    assert_eq!(cur.body["funds_in_place"], format!("{}.{:02}", fen / 100, fen % 100));
    assert_eq!(cur.body["beneficiaries_reached"], 5050);
    let listed = app.get(&path, &w.admin).await;
    assert_eq!(listed.body["items"].as_array().map(Vec::len), Some(100));
    // Each append moved the version: an ETag read before them all is stale now.
    let r = app.patch(&format!("/api/v1/projects/{id}"), &w.admin, &p.etag(), json!({"title": "改名"})).await;
    r.problem(412);
}

#[actix_web::test]
async fn a_brands_dossier_counts_every_one_of_concurrent_updates_to_its_projects() {
    let app = TestApp::spawn_full(None, PATIENT, None).await;
    let w = world(&app).await;
    let brand = app
        .post(
            "/api/v1/brands",
            &w.member,
            json!({"name": "花椒产业", "line": "development", "focus": ["industry"], "owner_organization_id": w.org}),
        )
        .await;
    let brand = brand.body["id"].as_str().expect("brand").to_owned();
    let mut ids = vec![];
    for _ in 0..8 {
        let mut body = project(&w.org);
        body["brand_id"] = json!(brand);
        ids.push(app.post("/api/v1/projects", &w.member, body).await.body["id"].as_str().expect("id").to_owned());
    }
    // Eight projects of one brand updated at once, three times each: every transaction
    // recomputes the same dossier, and none may overwrite it with figures that miss another.
    let paths: Vec<String> = ids.iter().cycle().take(24).map(|id| format!("/api/v1/projects/{id}/updates")).collect();
    let updates = paths.iter().enumerate().map(|(i, path)| {
        let body = json!({"date": "2026-05-01", "narrative": "进展", "funds_delta": format!("{}", i + 1), "beneficiaries_delta": 1});
        app.post(path, &w.member, body)
    });
    let results = join_all(updates).await;
    assert_eq!(
        statuses(&results),
        [(201, 24)].into(),
        "{:?}",
        results.iter().find(|r| r.status != 201).map(|r| &r.body)
    );
    let d = app.get(&format!("/api/v1/brands/{brand}"), &w.member).await.body["dossier"].clone();
    assert_eq!((d["funds_in_place"].as_str(), d["beneficiaries_reached"].as_i64()), (Some("300.00"), Some(24)));
}

#[actix_web::test]
async fn concurrent_uploads_never_pass_an_entitys_file_limit() {
    let app = TestApp::spawn_full(None, PATIENT, None).await;
    let w = world(&app).await;
    let brand = app
        .post(
            "/api/v1/brands",
            &w.member,
            json!({"name": "佐证上限", "line": "development", "focus": ["industry"], "owner_organization_id": w.org}),
        )
        .await;
    let url = format!("{}/api/v1/brands/{}/attachments", app.base, brand.body["id"].as_str().expect("brand"));
    // Forty at once against a limit of twenty: the brand's row is held while each counts.
    let uploads = (0..40).map(|_| app.client.post(&url).bearer_auth(&w.member).body("%PDF-1.4\n%%EOF\n").send());
    let mut codes = std::collections::BTreeMap::new();
    for r in join_all(uploads).await {
        *codes.entry(r.expect("sent").status().as_u16()).or_insert(0) += 1;
    }
    assert_eq!(codes, [(201, 20), (413, 20)].into());
    let list = app.get(&url.replace(&app.base, ""), &w.member).await;
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(20));
}

#[actix_web::test]
async fn conflicting_patches_with_one_if_match_let_exactly_one_through() {
    let app = TestApp::spawn_full(None, PATIENT, None).await;
    let w = world(&app).await;
    let p = app.post("/api/v1/projects", &w.member, project(&w.org)).await;
    let path = format!("/api/v1/projects/{}", p.body["id"].as_str().expect("id"));
    let etag = p.etag();
    let patches = (0..100).map(|i| app.patch(&path, &w.member, &etag, json!({"title": format!("标题{i}")})));
    let results = join_all(patches).await;
    assert_eq!(statuses(&results), [(200, 1), (412, 99)].into());
    let winner = results.iter().find(|r| r.status == 200).expect("one winner");
    let cur = app.get(&path, &w.admin).await;
    assert_eq!(cur.body["title"], winner.body["title"]);
    assert_eq!(cur.etag(), winner.etag());
}

#[actix_web::test]
async fn concurrent_posts_with_one_idempotency_key_make_one_object() {
    let app = TestApp::spawn_full(None, PATIENT, None).await;
    let w = world(&app).await;
    let posts = (0..20).map(|_| post_with_key(&app, "/api/v1/projects", &w.member, project(&w.org), "one-project"));
    let results = join_all(posts).await;
    assert_eq!(statuses(&results), [(201, 20)].into(), "{:?}", results.iter().map(|r| &r.body).collect::<Vec<_>>());
    let first: Vec<&Resp> =
        results.iter().filter(|r| r.header("idempotent-replayed").as_deref() == Some("false")).collect();
    assert_eq!(first.len(), 1, "one request ran, the others replayed it");
    for r in &results {
        assert_eq!(r.body["id"], first[0].body["id"]);
        assert_eq!(r.header("location"), first[0].header("location"));
    }
    let list = app.get("/api/v1/projects?count=true", &w.admin).await;
    assert_eq!(list.body["total"], 1);
}

#[actix_web::test]
async fn an_idempotency_key_is_bound_to_its_request_body() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let first = post_with_key(&app, "/api/v1/projects", &w.member, project(&w.org), "k-1").await;
    assert_eq!(first.status, 201, "{}", first.body);
    let mut other = project(&w.org);
    other["title"] = json!("另一个项目");
    let r = post_with_key(&app, "/api/v1/projects", &w.member, other.clone(), "k-1").await;
    assert_eq!(r.error_fields(), vec!["Idempotency-Key"]);
    assert_ne!(r.body["id"], first.body["id"], "not a replay of the first");
    // The same body replays; another caller's same key is another request.
    let again = post_with_key(&app, "/api/v1/projects", &w.member, project(&w.org), "k-1").await;
    assert_eq!((again.status.as_u16(), &again.body["id"]), (201, &first.body["id"]));
    let by_admin = post_with_key(&app, "/api/v1/projects", &w.admin, other, "k-1").await;
    assert_eq!(by_admin.status, 201, "{}", by_admin.body);
    assert_eq!(app.get("/api/v1/projects?count=true", &w.admin).await.body["total"], 2);
}

#[actix_web::test]
async fn a_replayed_api_token_create_does_not_show_the_secret_again() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let body = json!({"name": "统计系统", "role": "viewer"});
    let first = post_with_key(&app, "/api/v1/api-tokens", &admin, body.clone(), "token-1").await;
    assert_eq!(first.status, 201, "{}", first.body);
    let secret = first.body["secret"].as_str().expect("secret").to_owned();
    assert_eq!(first.header("cache-control").as_deref(), Some("no-store"));
    let again = post_with_key(&app, "/api/v1/api-tokens", &admin, body, "token-1").await;
    again.problem(409);
    assert!(!again.body.to_string().contains(&secret[4..]), "{}", again.body);
    assert_eq!(again.header("location"), first.header("location"), "it names the token that was made");
    assert_eq!(app.get("/api/v1/api-tokens", &admin).await.body["items"].as_array().map(Vec::len), Some(1));
    // Nothing the idempotency table keeps holds the secret.
    let mut conn = app.state.pool.get().expect("conn");
    let kept: Vec<Kept> =
        diesel::sql_query("SELECT COALESCE(body, '') AS body FROM idempotency_keys").load(&mut conn).expect("rows");
    assert_eq!(kept.len(), 1);
    assert!(
        kept.iter().all(|k| !k.body.contains(&secret[4..])),
        "{:?}",
        kept.iter().map(|k| &k.body).collect::<Vec<_>>()
    );
}

#[derive(diesel::QueryableByName)]
struct Kept {
    #[diesel(sql_type = diesel::sql_types::Text)]
    body: String,
}

/// A request that dies between claiming its key and storing its response leaves nothing that
/// blocks its retry: neither a claim committed on its own (what a crash left behind before
/// claims committed with their write) nor a claim whose connection died before committing.
#[actix_web::test]
async fn a_key_whose_request_crashed_does_not_block_its_retry() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let me = app.get("/api/v1/me", &w.member).await;
    let actor = me.body["id"].as_str().expect("id").to_owned();
    let claim = |key: &str| {
        format!(
            "INSERT INTO idempotency_keys (actor_id, idempotency_key, method, path, created_at) \
             VALUES ('{actor}', '{key}', 'POST', '/api/v1/projects', CURRENT_TIMESTAMP)"
        )
    };
    // A committed claim without a response, as a crash left it.
    let mut conn = app.state.pool.get().expect("conn");
    diesel::sql_query(claim("crashed-1")).execute(&mut conn).expect("claim");
    let retry = post_with_key(&app, "/api/v1/projects", &w.member, project(&w.org), "crashed-1").await;
    assert_eq!(retry.status, 201, "{}", retry.body);
    assert_eq!(retry.header("idempotent-replayed").as_deref(), Some("false"));
    let replay = post_with_key(&app, "/api/v1/projects", &w.member, project(&w.org), "crashed-1").await;
    assert_eq!((replay.status.as_u16(), &replay.body["id"]), (201, &retry.body["id"]));

    // A claim still open on a connection that then dies: the retry waits for it, then runs.
    zhuxiang::db::begin_write(&mut conn).expect("begin");
    diesel::sql_query(claim("crashed-2")).execute(&mut conn).expect("claim");
    let retry = post_with_key(&app, "/api/v1/projects", &w.member, project(&w.org), "crashed-2");
    let crash = async {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        drop(conn); // returned to the pool with its transaction open: discarded, rolled back
    };
    let (retry, ()) = tokio::join!(retry, crash);
    assert_eq!(retry.status, 201, "{}", retry.body);
    assert_eq!(app.get("/api/v1/projects?count=true", &w.admin).await.body["total"], 2);
}

/// Errors raised by a middleware (here the idempotency layer refusing a body it will not
/// read) are problems like any other: with the request id, in the log and in `/metrics`.
#[actix_web::test]
async fn middleware_errors_are_logged_counted_problems_with_a_request_id() {
    crate::logs::capture();
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let before = requests_total(&app, "POST", "/api/v1/projects", 413).await;
    let huge = json!({"title": "x".repeat(5 * 1024 * 1024)});
    let r = post_with_key(&app, "/api/v1/projects", &w.member, huge, "too-big").await;
    r.problem(413);
    let id = r.body["request_id"].as_str().expect("request id").to_owned();
    let logged = crate::logs::request_log(&id).expect("the request is logged");
    assert_eq!((logged["status"].as_u64(), logged["route"].as_str()), (Some(413), Some("/api/v1/projects")));
    assert_eq!(requests_total(&app, "POST", "/api/v1/projects", 413).await, before + 1);
}

/// An evaluation round's proposals, a subject's nominations and one score sheet's saves, each
/// sent ten times at once: one proposal's assignments, one nomination, one save — the others
/// 412 or 409, never a duplicate or a 5xx.
#[actix_web::test]
async fn concurrent_proposals_nominations_and_score_saves_make_one_of_each() {
    let app = TestApp::spawn_full(None, PATIENT, None).await;
    let admin = app.admin().await;
    let mut orgs = vec![];
    for n in 1..=3 {
        orgs.push(app.org(&admin, n, "510000", &["industry"]).await);
    }
    let mut experts = vec![];
    for n in 1..=3 {
        experts.push(app.user(&admin, &format!("expert-{n}"), "evaluator", json!({})).await);
    }
    let framework = crate::evaluation::active_framework(&app, &admin, 50, 50).await;
    let round = app
        .post(
            "/api/v1/evaluation-rounds",
            &admin,
            json!({"name": "并发评估", "year": 2026, "period_start": "2026-01-01", "period_end": "2026-12-31",
            "framework_id": framework, "subject_filter": "listed", "subject_ids": orgs, "min_evaluators": 2}),
        )
        .await;
    let rpath = format!("/api/v1/evaluation-rounds/{}", round.body["id"].as_str().expect("id"));
    let assignments = format!("{rpath}/assignments");
    let proposals = join_all((0..10).map(|_| app.post(&assignments, &admin, json!({"propose": true})))).await;
    assert!(proposals.iter().all(|r| r.status == 201 || r.status == 412), "{:?}", statuses(&proposals));
    let made: i64 = proposals.iter().filter_map(|r| r.body["created"].as_i64()).sum();
    assert_eq!(made, 6, "three subjects, two experts each, once");
    assert_eq!(app.get(&format!("{rpath}/assignments"), &admin).await.body["items"].as_array().map(Vec::len), Some(6));

    let opened = app.move_entity(&admin, &rpath, "scoring", "").await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    let mine = app.get("/api/v1/me/assignments", &experts[0]).await;
    let sheet = format!("/api/v1/assignments/{}/scores", mine.body["items"][0]["id"].as_str().expect("an assignment"));
    let etag = app.get(&sheet, &experts[0]).await.etag();
    let if_match = [("if-match", etag.as_str())];
    let saves = join_all((0..10).map(|i| {
        let body = json!({"scores": [{"indicator": "q", "score": 70 + i, "comment": ""}]});
        app.call(Method::PUT, &sheet, Some(&experts[0]), Some(body), &if_match)
    }))
    .await;
    assert_eq!(statuses(&saves), [(200, 1), (412, 9)].into());
    let winner = saves.iter().find(|r| r.status == 200).expect("one save");
    assert_eq!(app.get(&sheet, &experts[0]).await.body["scores"], winner.body["scores"]);

    let selection =
        app.post("/api/v1/selections", &admin, json!({"year": 2026, "kind": "outstanding_organization"})).await;
    let nominations = format!("/api/v1/selections/{}/nominations", selection.body["id"].as_str().expect("id"));
    let nominated =
        join_all((0..10).map(|_| app.post(&nominations, &admin, json!({"subject_id": orgs[0], "reason": "成效突出"}))))
            .await;
    assert_eq!(statuses(&nominated), [(201, 1), (409, 9)].into());
}

/// The lists' copy of each project's organizations (`projects.parties`) agrees with the
/// organizations themselves when answers and a rename race: on PostgreSQL a rewrite that waited
/// for a row must not bring back the answer it read before waiting.
#[actix_web::test]
async fn answers_racing_a_rename_leave_every_list_item_as_its_project() {
    let app = TestApp::spawn_full(None, PATIENT, None).await;
    let w = world(&app).await;
    let partner = app.org(&w.admin, 2, "330000", &["health"]).await;
    let p_staff = app.user(&w.admin, "p-staff", "org_member", json!({"organization_id": partner})).await;
    let mut ids = vec![];
    for _ in 0..8 {
        let mut b = project(&w.org);
        b["organizations"] =
            json!([{"organization_id": w.org, "role": "lead"}, {"organization_id": partner, "role": "partner"}]);
        ids.push(app.post("/api/v1/projects", &w.member, b).await.body["id"].as_str().expect("id").to_owned());
    }
    let mut answers = vec![];
    for id in &ids {
        let etag = app.get(&format!("/api/v1/projects/{id}"), &p_staff).await.etag();
        answers.push((format!("/api/v1/projects/{id}/organizations/{partner}/transitions"), etag));
    }
    let (org_path, org_etag) = (
        format!("/api/v1/organizations/{partner}"),
        app.get(&format!("/api/v1/organizations/{partner}"), &w.admin).await.etag(),
    );
    let rename = app.patch(&org_path, &w.admin, &org_etag, json!({"name": "竞速更名"}));
    let accepts = answers.iter().map(|(path, etag)| async {
        app.call(
            Method::POST,
            path,
            Some(&p_staff),
            Some(json!({"to": "accepted", "reason": ""})),
            &[("if-match", etag.as_str())],
        )
        .await
    });
    let (renamed, accepted) = futures_util::join!(rename, join_all(accepts));
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    assert_eq!(statuses(&accepted), [(200, 8)].into(), "{:?}", accepted.iter().map(|r| &r.body).collect::<Vec<_>>());
    let page = app.get("/api/v1/projects?limit=200", &w.admin).await;
    for id in &ids {
        let item =
            page.body["items"].as_array().expect("items").iter().find(|p| p["id"] == id.as_str()).expect("listed");
        assert_eq!(
            item["organizations"][1],
            json!({"organization_id": partner, "role": "partner", "name": "竞速更名", "consent": "accepted"})
        );
    }
}
