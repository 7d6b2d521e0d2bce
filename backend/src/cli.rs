//! The command line: `serve` (default), `migrate`, `user create`, `user set-password`, `openapi`,
//! and the operator's `copy-database`, `backup` and `restore` (`maintenance`).

use std::io::Read;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use diesel::Connection;

use crate::auth::password;
use crate::config::Config;
use crate::db::{self, DbConn};
use crate::domain::Role;
use crate::error::ApiError;
use crate::users::model::{User, UserRow};
use crate::users::store;

#[derive(Parser)]
#[command(name = "zhuxiang", version, about = "助乡: social organizations in rural revitalization")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the API and the SPA (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage user accounts from the shell.
    #[command(subcommand)]
    User(UserCommand),
    /// Print the OpenAPI document.
    Openapi,
    /// Copy a SQLite database into PostgreSQL (migrating the target first) and check the copy
    /// table by table: row counts and a checksum.
    CopyDatabase {
        /// The SQLite database, e.g. sqlite://./data/zhuxiang.db
        #[arg(long)]
        from: String,
        /// The PostgreSQL database, e.g. postgres://zhuxiang@db.internal/zhuxiang
        #[arg(long)]
        to: String,
        /// Replace what the target already holds.
        #[arg(long)]
        force: bool,
        /// Rows per insert.
        #[arg(long, default_value_t = 1_000)]
        batch: usize,
    },
    /// Back the database (DATABASE_URL) up into one file, while the service runs.
    Backup {
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Restore a backup into the database (DATABASE_URL), which must hold no data unless --force.
    Restore {
        #[arg(long)]
        from: std::path::PathBuf,
        /// Replace what the database holds.
        #[arg(long)]
        force: bool,
    },
    /// Fill the database with synthetic organizations (with offers and pairings) for benchmarks.
    SeedBench {
        #[arg(long, default_value_t = 100_000)]
        organizations: usize,
    },
    /// Fill an empty database with demo data; `--scale national` builds the national data set
    /// for benchmarks (100,000 organizations, 1,000,000 projects, 5,000,000 updates).
    SeedDemo {
        #[arg(long, value_enum, default_value_t = DemoScale::Demo)]
        scale: DemoScale,
    },
}

#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum DemoScale {
    Demo,
    National,
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create a user. The password is read from standard input with --password-stdin,
    /// otherwise generated and printed.
    Create {
        #[arg(long)]
        username: String,
        #[arg(long)]
        role: String,
        #[arg(long, conflicts_with = "county")]
        province: Option<String>,
        #[arg(long)]
        county: Option<String>,
        #[arg(long)]
        display_name: Option<String>,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a user's password (read from standard input) and end its sessions.
    SetPassword {
        #[arg(long)]
        username: String,
    },
}

fn read_password(from_stdin: bool) -> anyhow::Result<(String, bool)> {
    if !from_stdin {
        return Ok((password::generate(), true));
    }
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).context("cannot read the password from standard input")?;
    let pw = s.trim_end_matches(['\n', '\r']).to_owned();
    if let Err(ApiError::Validation(e)) = password::check_policy("password", &pw) {
        bail!("password {}", e[0].message);
    }
    Ok((pw, false))
}

/// One connection for a subcommand, with the migrations applied.
fn connect(config: &Config) -> anyhow::Result<db::PooledConn> {
    let mut conn = open(config)?;
    db::migrate(&mut conn)?;
    Ok(conn)
}

fn open(config: &Config) -> anyhow::Result<db::PooledConn> {
    let pool = db::pool(&config.database_url, 1)?;
    pool.get().context("cannot connect to the database (DATABASE_URL)")
}

fn api(e: ApiError) -> anyhow::Error {
    match e {
        ApiError::Validation(errs) => {
            anyhow::anyhow!(errs.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))
        }
        other => anyhow::anyhow!(other.problem(crate::i18n::Lang::En).detail.unwrap_or_else(|| other.to_string())),
    }
}

pub fn seed_bench(config: &Config, organizations: usize) -> anyhow::Result<()> {
    let mut conn = connect(config)?;
    let started = std::time::Instant::now();
    let seeded = crate::seed::organizations(&mut conn, organizations, chrono::Utc::now().naive_utc())?;
    crate::seed::analyze(&mut conn)?;
    println!(
        "seeded {} organizations, {} offers, {} pairings in {:.1}s",
        seeded.organizations,
        seeded.offers,
        seeded.pairings,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub fn seed_demo(config: &Config, scale: DemoScale) -> anyhow::Result<()> {
    let mut conn = connect(config)?;
    // The demo adds accounts, so a later `serve` would find users already there: the national
    // admin is made (or found) here first, and listed with the demo's own accounts.
    let admin = crate::bootstrap::ensure_national_admin(&mut conn, config.bootstrap_admin_password.as_ref())?;
    let started = std::time::Instant::now();
    let now = chrono::Utc::now().naive_utc();
    match scale {
        DemoScale::National => {
            let orgs = crate::seed::organizations(&mut conn, 100_000, now)?;
            let ids = crate::seed::benchmark_org_ids(&mut conn)?;
            let (projects, updates, _) = crate::seed::projects(&mut conn, &ids, 1_000_000, 5, now)?;
            crate::seed::analyze(&mut conn)?;
            // 2,400 brands over as many organizations, each carrying up to five of its projects.
            let owners = &ids[..ids.len().min(2_400)];
            let (brands, linked) = crate::seed::brands(&mut conn, owners, 2_400, 5, now)?;
            let cases = crate::seed::cases(&mut conn, owners, now)?;
            crate::seed::analyze(&mut conn)?;
            println!(
                "seeded {} organizations, {} pairings, {projects} projects, {updates} updates, {brands} brands \
                 carrying {linked} projects, {cases} cases in {:.0}s",
                orgs.organizations,
                orgs.pairings,
                started.elapsed().as_secs_f64()
            );
            println!("accounts:\n  {}", admin.account_line());
        }
        DemoScale::Demo => {
            let summary = crate::seed::demo(&mut conn, now)?;
            println!("{summary} ({:.1}s)", started.elapsed().as_secs_f64());
            println!("accounts:\n  {}", admin.account_line());
            for a in crate::seed::DEMO_ACCOUNTS {
                println!("  {:<11} password {:<16} {}", a.username, crate::seed::DEMO_PASSWORD, a.who);
            }
        }
    }
    Ok(())
}

pub fn migrate(config: &Config) -> anyhow::Result<()> {
    let mut conn = open(config)?;
    let n = db::migrate(&mut conn)?;
    println!("applied {n} migration(s)");
    Ok(())
}

pub fn user(config: &Config, cmd: UserCommand) -> anyhow::Result<()> {
    let mut conn = connect(config)?;
    let conn: &mut DbConn = &mut conn;
    match cmd {
        UserCommand::Create { username, role, province, county, display_name, password_stdin } => {
            let role: Role = role.parse().map_err(|e: String| anyhow::anyhow!(e))?;
            let (pw, generated) = read_password(password_stdin)?;
            let now = chrono::Utc::now().naive_utc();
            let row = conn
                .transaction::<_, ApiError, _>(|conn| {
                    let (province_code, county_code, organization_id) =
                        store::resolve_scope(conn, role, province.as_deref(), county.as_deref(), None)?;
                    let row = UserRow {
                        id: uuid::Uuid::now_v7().to_string(),
                        display_name: display_name.clone().unwrap_or_else(|| username.clone()),
                        username: username.clone(),
                        password_hash: password::hash(&pw)?,
                        role,
                        province_code,
                        county_code,
                        organization_id,
                        disabled: false,
                        version: 1,
                        created_at: now,
                        updated_at: now,
                        department: crate::domain::Department::default_for(role),
                    };
                    store::insert(conn, &row)?;
                    let after = serde_json::to_value(User::from(&row)).ok();
                    crate::audit::record_system(conn, "system:cli", "user.create", "user", &row.id, after, now)?;
                    Ok(row)
                })
                .map_err(api)?;
            println!("created {} ({})", row.username, row.role);
            if generated {
                println!("password: {pw}");
            }
        }
        UserCommand::SetPassword { username } => {
            let (pw, _) = read_password(true)?;
            let now = chrono::Utc::now().naive_utc();
            conn.transaction::<_, ApiError, _>(|conn| {
                let before = store::by_username(conn, &username)?.ok_or(ApiError::NotFound)?;
                let mut after = before.clone();
                after.password_hash = password::hash(&pw)?;
                after.version += 1;
                after.updated_at = now;
                store::update(conn, &after, before.version)?;
                store::revoke_sessions(conn, &after.id, now)?;
                crate::audit::record_system(conn, "system:cli", "user.set_password", "user", &after.id, None, now)
            })
            .map_err(|e| match e {
                ApiError::NotFound => anyhow::anyhow!("no user named {username:?}"),
                other => api(other),
            })?;
            println!("password changed for {username}; its sessions were ended");
        }
    }
    Ok(())
}

pub fn copy_database(options: crate::maintenance::copy::Options) -> anyhow::Result<()> {
    let report = crate::maintenance::copy::run(&options)?;
    for (table, checksum) in &report.tables {
        println!("{table:<32} {:>10} rows  checksum {checksum}", checksum.rows);
    }
    println!(
        "copied {} rows in {} tables in {:.1}s; every table's rows and checksum match the source",
        report.rows(),
        report.tables.len(),
        report.elapsed.as_secs_f64()
    );
    println!(
        "next: stop the service on the SQLite file, start it with DATABASE_URL set to the PostgreSQL \
         database and the same JWT_SECRET (sessions stay valid), check it, then keep the SQLite file as a backup"
    );
    Ok(())
}

pub fn backup(config: &Config, to: &std::path::Path) -> anyhow::Result<()> {
    let done = crate::maintenance::backup::backup(&config.database_url, to)?;
    println!("backed up to {} ({} bytes) in {:.1}s", to.display(), done.bytes, done.elapsed.as_secs_f64());
    Ok(())
}

pub fn restore(config: &Config, from: &std::path::Path, force: bool) -> anyhow::Result<()> {
    let done = crate::maintenance::backup::restore(&config.database_url, from, force)?;
    println!("restored {} ({} bytes) in {:.1}s", from.display(), done.bytes, done.elapsed.as_secs_f64());
    Ok(())
}
