//! The operator's commands, run as the binary against the database the suite runs on:
//! `backup` while writes go on and `restore` of what it wrote; `copy-database` of the demo data
//! set from SQLite into PostgreSQL, compared through every list the API serves.

use std::process::Command;

use diesel::{Connection, PgConnection, RunQueryDsl};
use serde_json::Value;

use crate::helpers::{ADMIN_PASSWORD, JWT_SECRET, Resp, TestApp, drop_pg_database, pg_admin_url, with_database};

/// Runs the binary with `DATABASE_URL`; (success, stdout, stderr).
fn zhuxiang(database_url: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_zhuxiang"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("JWT_SECRET", JWT_SECRET)
        .env("BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run zhuxiang");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// An empty database of the suite's backend, dropped with the guard: a SQLite file in a temp
/// folder, or a PostgreSQL database named so the harness cleans it up after a crash.
struct Scratch {
    url: String,
    _dir: tempfile::TempDir,
    pg: Option<String>,
}

impl Scratch {
    fn new(postgres: bool) -> Scratch {
        let dir = tempfile::tempdir().expect("tmp");
        match pg_admin_url().filter(|_| postgres) {
            Some(admin) => {
                let name = format!("zx_t_{}_{}", std::process::id(), uuid::Uuid::now_v7().simple());
                let mut conn = PgConnection::establish(&admin).expect("connect");
                diesel::sql_query(format!("CREATE DATABASE \"{name}\"")).execute(&mut conn).expect("create");
                Scratch { url: with_database(&admin, &name), _dir: dir, pg: Some(name) }
            }
            None => Scratch { url: format!("sqlite://{}/scratch.db", dir.path().display()), _dir: dir, pg: None },
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some(db) = self.pg.take() {
            drop_pg_database(&db);
        }
    }
}

/// The numbers of the organizations named `测试社会组织{n}`, in order.
async fn organization_numbers(app: &TestApp, token: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let after = cursor.as_ref().map(|c| format!("&cursor={c}")).unwrap_or_default();
        let r = app.get(&format!("/api/v1/organizations?limit=100{after}"), token).await;
        assert_eq!(r.status, 200, "{}", r.body);
        for item in r.body["items"].as_array().expect("items") {
            if let Some(n) = item["name"].as_str().and_then(|n| n.strip_prefix("测试社会组织")) {
                numbers.push(n.parse().expect("a number"));
            }
        }
        match r.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    numbers.sort_unstable();
    numbers
}

#[actix_web::test]
async fn a_backup_taken_while_writes_go_on_restores_to_one_moment_of_the_database() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("zhuxiang.backup");

    // One writer registers organizations 1, 2, 3 … one after another, and the backup starts
    // once a few exist: any moment of the database holds 1..=k, with no gap.
    let mut n = 0;
    while n < 5 {
        n += 1;
        app.org(&admin, n, "510000", &["health"]).await;
    }
    let (url, to) = (app.database_url.clone(), file.to_string_lossy().into_owned());
    let backup = tokio::task::spawn_blocking(move || zhuxiang(&url, &["backup", "--to", &to]));
    let before = n;
    while !backup.is_finished() || n < before + 3 {
        n += 1;
        app.org(&admin, n, "510000", &["health"]).await;
    }
    let (ok, out, err) = backup.await.expect("backup ran");
    assert!(ok, "backup: {out}{err}");
    assert!(out.contains("backed up to"), "{out}");
    let partial = dir.path().join("zhuxiang.backup.partial");
    assert!(file.exists() && !partial.exists(), "the backup is complete under its name, and only there");

    let restored = Scratch::new(true);
    let (ok, out, err) = zhuxiang(&restored.url, &["restore", "--from", &file.to_string_lossy()]);
    assert!(ok, "restore: {out}{err}");
    // Nothing is overwritten by accident: a second restore into it is refused.
    let (ok, _, err) = zhuxiang(&restored.url, &["restore", "--from", &file.to_string_lossy()]);
    assert!(!ok && err.contains("already holds data") && err.contains("--force"), "{err}");
    let (ok, out, err) = zhuxiang(&restored.url, &["restore", "--from", &file.to_string_lossy(), "--force"]);
    assert!(ok, "restore --force: {out}{err}");

    let copy = TestApp::spawn_with(&[("DATABASE_URL", &restored.url)], None).await;
    let numbers = organization_numbers(&copy, &copy.admin().await).await;
    let k = numbers.len() as u32;
    assert_eq!(numbers, (1..=k).collect::<Vec<_>>(), "the restored organizations are 1..=k without a gap");
    assert!((before..=n).contains(&k), "the backup holds {k}: between {before} (at its start) and {n} (at its end)");
    eprintln!("backup: {k} of the {n} organizations ({before} before it started)");

    // A file that is not a backup is refused before anything is touched.
    std::fs::write(dir.path().join("notes.txt"), "not a backup").expect("write");
    let (ok, _, err) = zhuxiang(&restored.url, &["restore", "--from", &dir.path().join("notes.txt").to_string_lossy()]);
    assert!(!ok && err.contains("not a zhuxiang backup"), "{err}");
}

/// A timestamp cut to microseconds: PostgreSQL keeps no more, while SQLite keeps what chrono
/// wrote (nanoseconds), so `…T23:47:20.259641802Z` on SQLite is `…T23:47:20.259641Z` after the copy.
fn to_microseconds(value: &mut Value) {
    match value {
        Value::String(s) => {
            let b = s.as_bytes();
            let stamp = b.len() > 27
                && b.get(10) == Some(&b'T')
                && b.get(19) == Some(&b'.')
                && s.ends_with('Z')
                && s[20..s.len() - 1].bytes().all(|c| c.is_ascii_digit());
            if stamp {
                *s = format!("{}Z", &s[..26.min(s.len() - 1)]);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(to_microseconds),
        Value::Object(o) => o.values_mut().for_each(to_microseconds),
        _ => {}
    }
}

/// Where two answers first differ, as a JSON path with both values.
fn first_difference(path: &str, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                let (l, r) = (x.get(key).unwrap_or(&Value::Null), y.get(key).unwrap_or(&Value::Null));
                if let Some(d) = first_difference(&format!("{path}.{key}"), l, r) {
                    return Some(d);
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (l, r))| first_difference(&format!("{path}[{i}]"), l, r))
        }
        _ if a == b => None,
        _ => {
            let short = |v: &Value| v.to_string().chars().take(200).collect::<String>();
            Some(format!("{path}: {} ≠ {}", short(a), short(b)))
        }
    }
}

/// Every JSON answer of a GET the contract lists without a path parameter, by path.
async fn every_list(app: &TestApp, token: &str, paths: &[String]) -> Vec<(String, u16, Value)> {
    let mut out = Vec::new();
    for path in paths {
        let r: Resp = app.get(path, token).await;
        let json = r.header("content-type").is_some_and(|t| t.contains("json"));
        let mut body = if json { r.body } else { Value::Null };
        if let Some(o) = body.as_object_mut() {
            // Differ per request, not per database: when the answer was made.
            o.remove("request_id");
            o.remove("as_of");
            // Opaque, and spelled with the timestamp's own precision: whether there is a next page.
            if let Some(cursor) = o.get_mut("next_cursor") {
                *cursor = Value::Bool(!cursor.is_null());
            }
        }
        to_microseconds(&mut body);
        out.push((path.clone(), r.status.as_u16(), body));
    }
    out
}

#[actix_web::test]
async fn the_demo_data_set_copied_into_postgresql_answers_every_list_as_on_sqlite() {
    if pg_admin_url().is_none() {
        // copy-database writes into PostgreSQL: this runs in the suite's PostgreSQL pass.
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let sqlite = format!("sqlite://{}/demo.db", dir.path().display());
    let (ok, out, err) = zhuxiang(&sqlite, &["seed-demo"]);
    assert!(ok, "seed-demo: {out}{err}");
    let target = Scratch::new(true);

    let (ok, out, err) =
        zhuxiang(&target.url, &["copy-database", "--from", &sqlite, "--to", &target.url, "--batch", "300"]);
    assert!(ok, "copy-database: {out}{err}");
    assert!(out.contains("every table's rows and checksum match the source"), "{out}");
    let copied: u64 =
        out.lines().find_map(|l| l.strip_prefix("copied ")?.split(' ').next()?.parse().ok()).expect("a summary line");
    assert!(copied > 4_000, "the demo data set and the reference data: {copied} rows");
    eprintln!("copy-database: {}", out.lines().find(|l| l.starts_with("copied ")).unwrap_or(""));
    // A second copy into it is refused, and leaves it as it is.
    let (ok, _, err) = zhuxiang(&target.url, &["copy-database", "--from", &sqlite, "--to", &target.url]);
    assert!(!ok && err.contains("already holds data"), "{err}");

    let on_sqlite = TestApp::spawn_with(&[("DATABASE_URL", &sqlite)], None).await;
    let on_postgres = TestApp::spawn_with(&[("DATABASE_URL", &target.url)], None).await;
    let contract: Value = reqwest::get(format!("{}/api/v1/openapi.json", on_sqlite.base))
        .await
        .expect("contract")
        .json()
        .await
        .expect("json");
    let paths: Vec<String> = contract["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .filter(|(path, item)| !path.contains('{') && item.get("get").is_some())
        .map(|(path, _)| format!("/api/v1{}", path.strip_prefix("/api/v1").unwrap_or(path)))
        .collect();
    assert!(paths.len() > 40, "{} lists", paths.len());
    let (a, b) = (on_sqlite.admin().await, on_postgres.admin().await);
    let before = every_list(&on_sqlite, &a, &paths).await;
    let after = every_list(&on_postgres, &b, &paths).await;
    let mut differ = Vec::new();
    for ((path, status, body), (_, status2, body2)) in before.iter().zip(&after) {
        if status != status2 {
            differ.push(format!("{path}: {status} ≠ {status2}"));
        } else if let Some(d) = first_difference(path, body, body2) {
            differ.push(d);
        }
    }
    assert!(differ.is_empty(), "{} of {} lists differ:\n{}", differ.len(), paths.len(), differ.join("\n"));
    let served = before.iter().filter(|(_, s, _)| *s == 200).count();
    eprintln!("copy-database: {served} of {} lists answered alike on both", paths.len());
    assert!(served > 30, "most lists answer 200 to the admin: {served}");
}
