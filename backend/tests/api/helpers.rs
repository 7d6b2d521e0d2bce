//! Black-box harness: each test starts the real application on port 0 against a database of
//! its own — a temp SQLite file, or (with TEST_DATABASE_URL) a PostgreSQL database cloned from a
//! migrated template — and talks to it over HTTP.

use std::collections::HashMap;
use std::sync::OnceLock;

use diesel::{Connection, PgConnection, RunQueryDsl};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use zhuxiang::config::Config;
use zhuxiang::startup::Application;
use zhuxiang::state::AppState;

pub const ADMIN_PASSWORD: &str = "Admin-Passw0rd-for-tests";
pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123";
pub const PASSWORD: &str = "Passw0rd-for-tests";

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub state: AppState,
    /// The database the app serves, for a second "instance" of it (a pool of its own).
    pub database_url: String,
    _sqlite_dir: Option<tempfile::TempDir>,
    pg_database: Option<String>,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
    }

    pub fn etag(&self) -> String {
        self.header("etag").expect("an ETag header")
    }

    /// Asserts the response is a problem with this status and returns it.
    pub fn problem(&self, status: u16) -> &Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert_eq!(self.header("content-type").as_deref(), Some("application/problem+json"), "body: {}", self.body);
        assert_eq!(self.body["status"], status);
        assert!(self.body["type"].as_str().is_some_and(|t| t.starts_with("urn:zhuxiang:problem:")));
        assert!(self.body["title"].is_string());
        assert_eq!(self.body["request_id"].as_str(), self.header("x-request-id").as_deref());
        &self.body
    }

    /// The field names a 422 problem lists.
    pub fn error_fields(&self) -> Vec<String> {
        self.problem(422);
        self.body["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| e["field"].as_str().unwrap_or("").to_owned())
            .collect()
    }
}

pub fn pg_admin_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty())
}

/// `postgres://user@host:port/db` with another `host:port`.
pub fn replace_host(url: &str, addr: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("scheme");
    let (auth, after_auth) = rest.rsplit_once('@').map(|(a, r)| (format!("{a}@"), r)).unwrap_or((String::new(), rest));
    let path = after_auth.split_once('/').map(|(_, p)| p).unwrap_or("");
    format!("{scheme}://{auth}{addr}/{path}")
}

/// The `host:port` of a PostgreSQL URL.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let after_auth = rest.rsplit_once('@').map(|(_, r)| r).unwrap_or(rest);
    let host = after_auth.split('/').next().unwrap_or("127.0.0.1");
    if host.contains(':') { host.to_owned() } else { format!("{host}:5432") }
}

pub fn with_database(url: &str, db: &str) -> String {
    let base = url.split('?').next().unwrap_or(url);
    let (prefix, _) = base.rsplit_once('/').expect("a database URL with a path");
    format!("{prefix}/{db}")
}

/// One migrated template database per test process; tests clone it (much faster than
/// migrating and seeding 2,854 counties each time).
fn pg_template(admin: &str) -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let name = format!("zx_tpl_{}", std::process::id());
        let mut conn = PgConnection::establish(admin).expect("connect to TEST_DATABASE_URL");
        // Leftovers of earlier runs that were killed before cleaning up: databases named after a
        // process that no longer exists. Another test process running now (a second worktree, a
        // parallel CI job on the same server) keeps its own.
        let stale: Vec<String> = diesel::sql_query(
            "SELECT datname AS name FROM pg_database WHERE datname LIKE 'zx\\_t\\_%' OR datname LIKE 'zx\\_tpl\\_%'",
        )
        .load::<DbName>(&mut conn)
        .expect("list databases")
        .into_iter()
        .map(|d| d.name)
        .filter(|name| owner_pid(name).is_none_or(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists()))
        .collect();
        for db in stale {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)")).execute(&mut conn);
        }
        diesel::sql_query(format!("CREATE DATABASE \"{name}\"")).execute(&mut conn).expect("create template");
        let url = with_database(admin, &name);
        let pool = zhuxiang::db::pool(&zhuxiang::config::DatabaseUrl::parse(&url).expect("url"), 1).expect("pool");
        let mut c = pool.get().expect("connect template");
        zhuxiang::db::migrate(&mut c).expect("migrate template");
        drop(c);
        drop(pool);
        name
    })
}

/// The test process a database was made by: `zx_tpl_<pid>` or `zx_t_<pid>_<uuid>`.
fn owner_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix("zx_tpl_").or_else(|| name.strip_prefix("zx_t_"))?;
    rest.split('_').next()?.parse().ok()
}

#[derive(diesel::QueryableByName)]
struct DbName {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_via(None).await
    }

    /// With PostgreSQL, `via` replaces the server's host:port (e.g. a test proxy).
    pub async fn spawn_via(via: Option<&str>) -> TestApp {
        Self::spawn_full(via, &[], None).await
    }

    /// With more settings (`("METRICS_TOKEN", …)`), and with `prepare` run on the migrated
    /// database before the server starts on it (as a subcommand run first would).
    pub async fn spawn_with(settings: &[(&str, &str)], prepare: Option<fn(&mut zhuxiang::db::DbConn)>) -> TestApp {
        Self::spawn_full(None, settings, prepare).await
    }

    /// Everything at once: a proxy in front of PostgreSQL, more settings (`("DATABASE_STATEMENT_TIMEOUT", "1")`),
    /// and a preparation of the database.
    pub async fn spawn_full(
        via: Option<&str>,
        settings: &[(&str, &str)],
        prepare: Option<fn(&mut zhuxiang::db::DbConn)>,
    ) -> TestApp {
        let (database_url, sqlite_dir, pg_database) = match pg_admin_url() {
            Some(admin) => {
                let template = pg_template(&admin);
                let name = format!("zx_t_{}_{}", std::process::id(), uuid::Uuid::now_v7().simple());
                let mut conn = PgConnection::establish(&admin).expect("connect");
                // Several tests clone at once; PostgreSQL refuses a template in use, so retry.
                let mut tries = 0;
                while let Err(e) =
                    diesel::sql_query(format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"")).execute(&mut conn)
                {
                    tries += 1;
                    assert!(tries < 50, "cannot clone the template: {e}");
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                let mut url = with_database(&admin, &name);
                if let Some(addr) = via {
                    url = replace_host(&url, addr);
                }
                (url, None, Some(name))
            }
            None => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}/zx.db", dir.path().display());
                (url, Some(dir), None)
            }
        };
        if let Some(prepare) = prepare {
            let url = zhuxiang::config::DatabaseUrl::parse(&database_url).expect("url");
            let mut conn = zhuxiang::db::pool(&url, 1).expect("pool").get().expect("connect");
            zhuxiang::db::migrate(&mut conn).expect("migrate");
            prepare(&mut conn);
        }
        let mut env: HashMap<&str, String> = HashMap::from([
            ("DATABASE_URL", database_url),
            ("BIND_ADDR", "127.0.0.1:0".into()),
            ("JWT_SECRET", JWT_SECRET.into()),
            ("BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD.into()),
            ("DATABASE_POOL_SIZE", "4".into()),
            // a test sweeps by hand, on the day it chooses (notifications.rs)
            ("SWEEP_INTERVAL", "off".into()),
            // every test calls from 127.0.0.1, some by the thousand; rate_limits.rs sets its own
            ("RATE_LIMIT_TOKEN", "off".into()),
            ("RATE_LIMIT_ADDRESS", "off".into()),
        ]);
        env.extend(settings.iter().map(|(k, v)| (*k, v.to_string())));
        let served_url = env["DATABASE_URL"].clone();
        let config = Config::from_lookup(|k| env.get(k).cloned()).expect("config");
        let app = Application::build(config).await.expect("the app starts");
        let base = format!("http://127.0.0.1:{}", app.port());
        let state = app.state();
        actix_web::rt::spawn(app.run_until_stopped());
        TestApp {
            base,
            client: reqwest::Client::builder().cookie_store(true).build().expect("client"),
            state,
            database_url: served_url,
            _sqlite_dir: sqlite_dir,
            pg_database,
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Resp {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("request sent");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Resp { status, headers, body }
    }

    pub async fn get(&self, path: &str, token: &str) -> Resp {
        self.call(Method::GET, path, Some(token), None, &[]).await
    }

    /// A background job once it has ended (succeeded or failed), as `token` sees it; the
    /// instance's workers are woken first, as the request that queued it would.
    pub async fn wait_for_job(&self, id: &str, token: &str) -> Value {
        self.state.jobs.wake();
        for _ in 0..200 {
            let r = self.get(&format!("/api/v1/jobs/{id}"), token).await;
            assert_eq!(r.status, 200, "{}", r.body);
            if matches!(r.body["status"].as_str(), Some("succeeded" | "failed")) {
                return r.body;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("job {id} did not end within 10 s");
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Resp {
        self.call(Method::POST, path, Some(token), Some(body), &[]).await
    }

    pub async fn patch(&self, path: &str, token: &str, etag: &str, body: Value) -> Resp {
        self.call(Method::PATCH, path, Some(token), Some(body), &[("if-match", etag)]).await
    }

    pub async fn login_as(&self, username: &str, password: &str) -> Resp {
        self.call(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"username": username, "password": password})),
            &[],
        )
        .await
    }

    pub async fn token(&self, username: &str, password: &str) -> String {
        let r = self.login_as(username, password).await;
        assert_eq!(r.status, 200, "login {username}: {}", r.body);
        r.body["access_token"].as_str().expect("access token").to_owned()
    }

    pub async fn admin(&self) -> String {
        self.token("admin", ADMIN_PASSWORD).await
    }

    /// Creates a user through the API as `by` and returns its access token.
    pub async fn user(&self, by: &str, username: &str, role: &str, scope: Value) -> String {
        let mut body = json!({"username": username, "password": PASSWORD, "display_name": username, "role": role});
        if let (Some(b), Some(s)) = (body.as_object_mut(), scope.as_object()) {
            b.extend(s.clone());
        }
        let r = self.post("/api/v1/users", by, body).await;
        assert_eq!(r.status, 201, "create {username}: {}", r.body);
        self.token(username, PASSWORD).await
    }

    /// A provincial officer of 四川 and one of 云南, created by the admin.
    pub async fn sichuan_and_yunnan(&self) -> (String, String) {
        let admin = self.admin().await;
        let sc = self.user(&admin, "sc-officer", "provincial_officer", json!({"province_code": "510000"})).await;
        let yn = self.user(&admin, "yn-officer", "provincial_officer", json!({"province_code": "530000"})).await;
        (sc, yn)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // The server itself is left to the test's runtime; what works beside it stops now, before
        // its database goes (job workers and instance notices would otherwise keep reconnecting),
        // and is waited for: a thread still inside libpq when the test binary exits can crash
        // the exit ("free(): invalid pointer" after every test had passed, as `serve` did).
        self.state.end_background(std::time::Duration::from_secs(10));
        if let Some(db) = self.pg_database.take() {
            drop_pg_database(&db);
        }
    }
}

/// Drops a test's PostgreSQL database, whoever is still connected to it.
pub fn drop_pg_database(db: &str) {
    if let Some(admin) = pg_admin_url()
        && let Ok(mut conn) = PgConnection::establish(&admin)
    {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)")).execute(&mut conn);
    }
}

/// A valid credit code of a social group (51…) numbered `n`.
pub fn credit_code(n: u32) -> String {
    zhuxiang::domain::credit_code::with_check_char(&format!("51100000{n:09}"))
}

impl TestApp {
    /// Registers an organization as `by` and returns its id.
    pub async fn org(&self, by: &str, n: u32, province: &str, specialties: &[&str]) -> String {
        let r = self
            .post(
                "/api/v1/organizations",
                by,
                serde_json::json!({
                    "name": format!("测试社会组织{n}"),
                    "credit_code": credit_code(n),
                    "legal_form": "social_group",
                    "registration_level": "national",
                    "province_code": province,
                    "category": "charity",
                    "specialties": specialties,
                }),
            )
            .await;
        assert_eq!(r.status, 201, "org {n}: {}", r.body);
        r.body["id"].as_str().expect("id").to_owned()
    }

    /// Moves a pairing (reading its ETag first) and returns the response.
    pub async fn move_pairing(&self, token: &str, id: &str, to: &str, reason: &str) -> Resp {
        self.move_entity(token, &format!("/api/v1/pairings/{id}"), to, reason).await
    }

    /// Moves the object at `path` (read first, as this caller, for its ETag) along its lifecycle.
    pub async fn move_entity(&self, token: &str, path: &str, to: &str, reason: &str) -> Resp {
        let etag = self.get(path, token).await.header("etag").unwrap_or_default();
        self.call(
            Method::POST,
            &format!("{path}/transitions"),
            Some(token),
            Some(serde_json::json!({"to": to, "reason": reason})),
            &[("if-match", &etag)],
        )
        .await
    }
}
