//! The binary's command line, run as an operator would.

use std::io::Write;
use std::process::{Command, Stdio};

fn zhuxiang(db: &str, args: &[&str], stdin: Option<&str>) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhuxiang"))
        .args(args)
        .env("DATABASE_URL", db)
        .env("JWT_SECRET", "cli-test-secret-cli-test-secret-0123456")
        .env_remove("BOOTSTRAP_ADMIN_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zhuxiang");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("wait");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn migrate_then_create_users_from_the_shell() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = format!("sqlite://{}/cli.db", dir.path().display());
    let (ok, out, _) = zhuxiang(&db, &["migrate"], None);
    let applied: usize =
        out.trim().strip_prefix("applied ").and_then(|r| r.split(' ').next()).and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(ok && applied >= 3, "every migration applies on an empty database: {out}");
    let (ok, out, _) = zhuxiang(&db, &["migrate"], None);
    assert!(ok && out.contains("applied 0 migration(s)"), "{out}");

    let (ok, out, err) = zhuxiang(
        &db,
        &[
            "user",
            "create",
            "--username",
            "zhaojue",
            "--role",
            "county_officer",
            "--county",
            "513431",
            "--password-stdin",
        ],
        Some("a-long-enough-password\n"),
    );
    assert!(ok, "{out}{err}");
    assert!(out.contains("created zhaojue (county_officer)"));
    assert!(!out.contains("password:"), "a password from stdin is not echoed");

    let (ok, out, _) = zhuxiang(&db, &["user", "create", "--username", "analyst", "--role", "viewer"], None);
    assert!(ok && out.contains("password: "), "a generated password is printed once: {out}");

    let (ok, _, err) = zhuxiang(&db, &["user", "create", "--username", "zhaojue", "--role", "viewer"], None);
    assert!(!ok && err.contains("taken"), "{err}");
    let (ok, _, err) = zhuxiang(&db, &["user", "create", "--username", "x-county", "--role", "county_officer"], None);
    assert!(!ok && err.contains("county_code"), "{err}");
    let (ok, _, err) = zhuxiang(&db, &["user", "create", "--username", "x-root", "--role", "root"], None);
    assert!(!ok && err.contains("unknown role"), "{err}");

    let (ok, out, err) =
        zhuxiang(&db, &["user", "set-password", "--username", "zhaojue"], Some("another-long-password\n"));
    assert!(ok && out.contains("password changed"), "{out}{err}");
    let (ok, _, err) =
        zhuxiang(&db, &["user", "set-password", "--username", "nobody"], Some("another-long-password\n"));
    assert!(!ok && err.contains("no user named"), "{err}");
    let (ok, _, err) = zhuxiang(&db, &["user", "set-password", "--username", "zhaojue"], Some("short\n"));
    assert!(!ok && err.contains("at least 10"), "{err}");
}

#[test]
fn bad_settings_fail_with_one_readable_line() {
    for (db, expected) in [
        ("mysql://x", "DATABASE_URL must start with sqlite:// or postgres://"),
        ("postgres://nobody@127.0.0.1:1/none", "cannot connect to the database"),
    ] {
        let (ok, _, err) = zhuxiang(db, &["migrate"], None);
        assert!(!ok, "{db} should fail");
        assert!(err.contains(expected), "{err}");
        assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "no panic trace: {err}");
    }
    // Serving on PostgreSQL without a JWT secret stops before anything else.
    let out = Command::new(env!("CARGO_BIN_EXE_zhuxiang"))
        .arg("serve")
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .env_remove("JWT_SECRET")
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("JWT_SECRET is required with PostgreSQL"), "{err}");
    assert_eq!(err.lines().filter(|l| l.starts_with("zhuxiang:")).count(), 1, "{err}");
}

#[test]
fn seed_demo_fills_an_empty_database_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = format!("sqlite://{}/demo.db", dir.path().display());
    let (ok, out, err) = zhuxiang(&db, &["seed-demo"], None);
    assert!(ok, "{out}{err}");
    assert!(out.contains("40 organizations") && out.contains("120 projects"), "{out}");
    let (ok, _, err) = zhuxiang(&db, &["seed-demo"], None);
    assert!(!ok && err.contains("already has organizations"), "{err}");
}

/// On a fresh clone `./data/` does not exist yet: whichever subcommand runs first creates the
/// folder of its SQLite file (SQLite creates the file, not the folder).
#[test]
fn every_subcommand_creates_the_folder_of_its_database() {
    let dir = tempfile::tempdir().expect("tmp");
    let runs: [(&str, &[&str]); 4] = [
        ("migrate", &["migrate"]),
        ("user", &["user", "create", "--username", "analyst", "--role", "viewer"]),
        ("seed-bench", &["seed-bench", "--organizations", "10"]),
        ("seed-demo", &["seed-demo"]),
    ];
    for (name, args) in runs {
        let folder = dir.path().join(name).join("data");
        let db = format!("sqlite://{}/zhuxiang.db", folder.display());
        let (ok, out, err) = zhuxiang(&db, args, None);
        assert!(ok, "{name} on a missing folder: {out}{err}");
        assert!(folder.join("zhuxiang.db").is_file(), "{name}");
    }
}

/// `seed-demo` on an empty database makes the national admin first and lists every account it
/// made with its password.
#[test]
fn seed_demo_makes_and_lists_the_national_admin_with_the_demo_accounts() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = format!("sqlite://{}/demo.db", dir.path().display());
    let (ok, out, err) = zhuxiang(&db, &["seed-demo"], None);
    assert!(ok, "{out}{err}");
    let password_of = |user: &str| {
        out.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .find(|w| w.len() >= 3 && w[0] == user && w[1] == "password")
            .map(|w| w[2].to_owned())
    };
    let admin = password_of("admin").unwrap_or_else(|| panic!("no admin line: {out}"));
    assert!(admin.len() >= 16 && !admin.starts_with('('), "a generated password is shown: {out}");
    for user in ["sc-officer", "zhaojue", "org-staff"] {
        assert_eq!(password_of(user).as_deref(), Some("Demo-passw0rd!"), "{user}: {out}");
    }
    // The demo still fills an empty database only once.
    let (ok, _, err) = zhuxiang(&db, &["seed-demo"], None);
    assert!(!ok && err.contains("already has organizations"), "{err}");
}

#[test]
fn serve_on_a_port_in_use_says_so_and_exits_before_anything_starts() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("never.db");
    let out = Command::new(env!("CARGO_BIN_EXE_zhuxiang"))
        .arg("serve")
        .env("DATABASE_URL", format!("sqlite://{}", file.display()))
        .env("JWT_SECRET", "cli-test-secret-cli-test-secret-0123456")
        .env("BIND_ADDR", format!("127.0.0.1:{port}"))
        .output()
        .expect("run zhuxiang");
    let err = String::from_utf8_lossy(&out.stderr);
    // Exit status 1, not a signal: the process used to exit after its background threads had
    // started, and crashed in the exit handlers now and then.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot listen on") && err.contains("BIND_ADDR"), "{err}");
    assert!(!file.exists(), "the port is checked before the database is opened or migrated");
}
