//! Typed settings from environment variables. Secrets are never logged or printed in `Debug`.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};

#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> anyhow::Result<Self> {
        if let Some(path) = raw.strip_prefix("sqlite://") {
            if path.is_empty() {
                bail!("DATABASE_URL: sqlite:// needs a file path, e.g. sqlite://./data/zhuxiang.db");
            }
            Ok(Self::Sqlite(PathBuf::from(path)))
        } else if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            Ok(Self::Postgres(raw.to_owned()))
        } else {
            bail!("DATABASE_URL must start with sqlite:// or postgres:// (got {:?})", scheme_of(raw))
        }
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, Self::Sqlite(_))
    }
}

fn scheme_of(raw: &str) -> &str {
    raw.split("://").next().unwrap_or("")
}

impl fmt::Debug for DatabaseUrl {
    // A PostgreSQL URL may carry a password: show only the scheme and host part.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(p) => write!(f, "sqlite://{}", p.display()),
            Self::Postgres(url) => {
                let host = url.rsplit('@').next().unwrap_or("");
                write!(f, "postgres://…@{}", host.trim_start_matches("postgres://"))
            }
        }
    }
}

/// How long the service waits on the database before it answers 503 instead of hanging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DbTimeouts {
    /// Waiting for a connection from the pool, including opening one (libpq `connect_timeout`).
    pub connect: Duration,
    /// A request's queries, once it has its connection; PostgreSQL cancels a statement a
    /// second later (`statement_timeout`), and SQLite waits this long for a lock. `None` for
    /// the command line's bulk work and migrations.
    pub statement: Option<Duration>,
    /// Silence after which PostgreSQL's TCP connection is probed (keepalives, and unacknowledged
    /// data closes it after twice this), so a dead network frees its connections.
    pub keepalive: Duration,
}

impl Default for DbTimeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(2),
            statement: Some(Duration::from_secs(5)),
            keepalive: Duration::from_secs(10),
        }
    }
}

impl DbTimeouts {
    /// For the command line and migrations: the same connect and keepalive, no statement limit.
    pub fn unbounded(self) -> Self {
        Self { statement: None, ..self }
    }
}

/// A positive number of seconds, e.g. `5` or `0.5`.
fn seconds(name: &str, raw: Option<String>, default: Duration) -> anyhow::Result<Duration> {
    let Some(v) = raw else { return Ok(default) };
    v.parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0 && *s <= 86_400.0)
        .map(Duration::from_secs_f64)
        .with_context(|| format!("{name} {v:?} is not a positive number of seconds"))
}

/// A true/false setting (`true`/`1`, `false`/`0`), `default` when unset.
fn flag(name: &str, raw: Option<String>, default: bool) -> anyhow::Result<bool> {
    match raw.as_deref() {
        None => Ok(default),
        Some("true" | "1") => Ok(true),
        Some("false" | "0") => Ok(false),
        Some(other) => bail!("{name} must be true or false (got {other:?})"),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Self(value)
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// Who may read `/metrics` (request counts by route, latencies, pool use).
#[derive(Clone, Debug)]
pub enum MetricsAccess {
    /// Anyone who reaches the server: the default when it listens on loopback only.
    Open,
    /// `Authorization: Bearer <METRICS_TOKEN>` (Prometheus' `authorization` setting).
    Token(Secret),
    /// Nobody: bound beyond loopback without `METRICS_TOKEN`, so `/metrics` answers 404.
    Closed,
}

pub const MIN_METRICS_TOKEN_LEN: usize = 16;

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: DatabaseUrl,
    pub bind_addr: SocketAddr,
    /// None until resolved by `resolve_jwt_secret` (generated for SQLite when absent).
    pub jwt_secret: Option<Secret>,
    pub bootstrap_admin_password: Option<Secret>,
    pub log_format: LogFormat,
    pub static_dir: Option<PathBuf>,
    pub pool_size: u32,
    pub db_timeouts: DbTimeouts,
    /// Marks refresh cookies `Secure`; on by default outside plain-HTTP localhost.
    pub secure_cookies: bool,
    pub metrics_access: MetricsAccess,
    /// How often each instance looks whether today's sweep (stale projects' notices) has run
    /// (`SWEEP_INTERVAL` seconds, default 600; `off` for none: the tests sweep by hand).
    pub sweep_interval: Option<Duration>,
    /// Background jobs this instance runs at once (`JOB_WORKERS`, default 2; 0 runs none: the
    /// other instances run them).
    pub job_workers: usize,
    /// How long a job's instance may go without renewing its claim before another instance
    /// takes the job over (`JOB_LEASE` seconds, default 30).
    pub job_lease: Duration,
    pub webhooks: WebhookSettings,
    /// Requests per minute per API token (`RATE_LIMIT_TOKEN`, default 1200) and per client
    /// address for everyone else (`RATE_LIMIT_ADDRESS`, default 3000); `off` for none.
    pub rate_limits: RateLimits,
    /// Read the client's address from the last `X-Forwarded-For` entry, which a proxy in front
    /// appends (`TRUST_FORWARDED_FOR`, default false): behind nginx, every request otherwise
    /// comes from nginx's address.
    pub trust_forwarded_for: bool,
}

/// Requests per minute (`None`: unlimited), per API token and per client address
/// (`ops::rate_limit`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimits {
    pub per_token: Option<u32>,
    pub per_address: Option<u32>,
}

/// How webhook deliveries are made (`webhooks::deliver`).
#[derive(Clone, Debug)]
pub struct WebhookSettings {
    /// The wait before a failed delivery's first retry, doubled at each retry
    /// (`WEBHOOK_RETRY_BASE` seconds, default 30: retries after 30 s, 1, 2, 4 and 8 min).
    pub retry_base: Duration,
    /// How long a receiver may take to answer (`WEBHOOK_TIMEOUT` seconds, default 10).
    pub timeout: Duration,
    /// May a webhook call loopback, private or link-local addresses (`WEBHOOK_ALLOW_PRIVATE`,
    /// default false)? Off, nobody can make the server call into its own network.
    pub allow_private: bool,
}

pub const MIN_JWT_SECRET_LEN: usize = 32;

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_lookup(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let database_url =
            DatabaseUrl::parse(&get("DATABASE_URL").unwrap_or_else(|| "sqlite://./data/zhuxiang.db".into()))?;
        let bind_raw = get("BIND_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into());
        let bind_addr: SocketAddr = bind_raw
            .parse()
            .with_context(|| format!("BIND_ADDR {bind_raw:?} is not an address like 127.0.0.1:8080"))?;
        let jwt_secret = get("JWT_SECRET").map(Secret::new);
        if let Some(s) = &jwt_secret
            && s.expose().len() < MIN_JWT_SECRET_LEN
        {
            bail!("JWT_SECRET must be at least {MIN_JWT_SECRET_LEN} characters");
        }
        let log_format = match get("LOG_FORMAT").as_deref() {
            None | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(other) => bail!("LOG_FORMAT must be pretty or json (got {other:?})"),
        };
        let static_dir = match get("STATIC_DIR") {
            Some(dir) => {
                let dir = PathBuf::from(dir);
                if !dir.join("index.html").is_file() {
                    bail!("STATIC_DIR {} has no index.html (build the SPA first)", dir.display());
                }
                Some(dir)
            }
            None => Some(PathBuf::from("frontend/dist")).filter(|d| d.join("index.html").is_file()),
        };
        let pool_size = match get("DATABASE_POOL_SIZE") {
            Some(v) => v
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .with_context(|| format!("DATABASE_POOL_SIZE {v:?} is not a positive number"))?,
            None => default_pool_size(),
        };
        let defaults = DbTimeouts::default();
        let db_timeouts = DbTimeouts {
            connect: seconds("DATABASE_CONNECT_TIMEOUT", get("DATABASE_CONNECT_TIMEOUT"), defaults.connect)?,
            statement: Some(seconds(
                "DATABASE_STATEMENT_TIMEOUT",
                get("DATABASE_STATEMENT_TIMEOUT"),
                defaults.statement.unwrap_or(Duration::from_secs(5)),
            )?),
            keepalive: seconds("DATABASE_TCP_KEEPALIVE", get("DATABASE_TCP_KEEPALIVE"), defaults.keepalive)?,
        };
        let secure_cookies = flag("SECURE_COOKIES", get("SECURE_COOKIES"), !bind_addr.ip().is_loopback())?;
        let metrics_access = match get("METRICS_TOKEN") {
            Some(t) if t.len() < MIN_METRICS_TOKEN_LEN => {
                bail!("METRICS_TOKEN must be at least {MIN_METRICS_TOKEN_LEN} characters")
            }
            Some(t) => MetricsAccess::Token(Secret::new(t)),
            None if bind_addr.ip().is_loopback() => MetricsAccess::Open,
            None => MetricsAccess::Closed,
        };
        let sweep_interval = match get("SWEEP_INTERVAL").as_deref() {
            Some("off") => None,
            other => Some(seconds("SWEEP_INTERVAL", other.map(str::to_owned), Duration::from_secs(600))?),
        };
        let job_workers = match get("JOB_WORKERS") {
            Some(v) => v
                .parse()
                .ok()
                .filter(|n| *n <= 64)
                .with_context(|| format!("JOB_WORKERS {v:?} is not a number from 0 to 64"))?,
            None => 2,
        };
        let job_lease = seconds("JOB_LEASE", get("JOB_LEASE"), Duration::from_secs(30))?;
        let webhooks = WebhookSettings {
            retry_base: seconds("WEBHOOK_RETRY_BASE", get("WEBHOOK_RETRY_BASE"), Duration::from_secs(30))?,
            timeout: seconds("WEBHOOK_TIMEOUT", get("WEBHOOK_TIMEOUT"), Duration::from_secs(10))?,
            allow_private: flag("WEBHOOK_ALLOW_PRIVATE", get("WEBHOOK_ALLOW_PRIVATE"), false)?,
        };
        let per_minute = |name: &str, default: u32| -> anyhow::Result<Option<u32>> {
            match get(name).as_deref() {
                None => Ok(Some(default)),
                Some("off") => Ok(None),
                Some(v) => v
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .map(Some)
                    .with_context(|| format!("{name} {v:?} is not a number of requests per minute, or off")),
            }
        };
        let rate_limits = RateLimits {
            per_token: per_minute("RATE_LIMIT_TOKEN", 1200)?,
            per_address: per_minute("RATE_LIMIT_ADDRESS", 3000)?,
        };
        let trust_forwarded_for = flag("TRUST_FORWARDED_FOR", get("TRUST_FORWARDED_FOR"), false)?;
        Ok(Self {
            rate_limits,
            trust_forwarded_for,
            webhooks,
            sweep_interval,
            job_workers,
            job_lease,
            metrics_access,
            database_url,
            bind_addr,
            jwt_secret,
            bootstrap_admin_password: get("BOOTSTRAP_ADMIN_PASSWORD").map(Secret::new),
            log_format,
            static_dir,
            pool_size,
            db_timeouts,
            secure_cookies,
        })
    }

    /// With SQLite and no `JWT_SECRET`, a secret is generated once into `./data/` beside the
    /// database (mode 0600) so a zero-set-up start keeps sessions across restarts. With
    /// PostgreSQL (production) the operator must set it.
    pub fn resolve_jwt_secret(&mut self) -> anyhow::Result<()> {
        if self.jwt_secret.is_some() {
            return Ok(());
        }
        let DatabaseUrl::Sqlite(db_path) = &self.database_url else {
            bail!("JWT_SECRET is required with PostgreSQL (at least {MIN_JWT_SECRET_LEN} characters)");
        };
        let dir = db_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let file = dir.join("jwt_secret");
        let secret = if file.is_file() {
            std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?.trim().to_owned()
        } else {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            let secret = crate::secrets::random_token(48);
            write_private(&file, &secret)?;
            tracing::info!(path = %file.display(), "generated a JWT secret (set JWT_SECRET to manage it yourself)");
            secret
        };
        if secret.len() < MIN_JWT_SECRET_LEN {
            bail!("{} holds a secret shorter than {MIN_JWT_SECRET_LEN} characters", file.display());
        }
        self.jwt_secret = Some(Secret::new(secret));
        Ok(())
    }
}

fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    f.write_all(contents.as_bytes())?;
    Ok(())
}

/// Twice the cores, at least 4: with the database on the same machine (the default set-up), more
/// connections than that only queue inside the database and the scheduler. Measured on 2 cores
/// with 32 clients asking for random projects: 4 connections answered as many requests a second
/// as 8 (6,560–7,202 against 6,439–7,009) with a p99 of 14–17 ms against 20–208 ms.
fn default_pool_size() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    u32::try_from(cores * 2).unwrap_or(u32::MAX).max(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(pairs: &[(&str, &str)]) -> anyhow::Result<Config> {
        let map: std::collections::HashMap<String, String> =
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_to_sqlite_under_data() {
        let c = cfg(&[]).expect("defaults");
        assert_eq!(c.database_url, DatabaseUrl::Sqlite("./data/zhuxiang.db".into()));
        assert_eq!(c.bind_addr.to_string(), "127.0.0.1:8080");
        assert_eq!(c.log_format, LogFormat::Pretty);
        assert_eq!(c.db_timeouts, DbTimeouts::default());
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        assert_eq!(c.pool_size as usize, (2 * cores).max(4), "twice the cores, at least 4");
        assert_eq!(cfg(&[("DATABASE_POOL_SIZE", "9")]).expect("pool").pool_size, 9);
        let c = cfg(&[
            ("DATABASE_CONNECT_TIMEOUT", "1"),
            ("DATABASE_STATEMENT_TIMEOUT", "0.5"),
            ("DATABASE_TCP_KEEPALIVE", "30"),
        ])
        .expect("timeouts");
        assert_eq!(
            c.db_timeouts,
            DbTimeouts {
                connect: Duration::from_secs(1),
                statement: Some(Duration::from_millis(500)),
                keepalive: Duration::from_secs(30)
            }
        );
    }

    #[test]
    fn rejects_unknown_scheme_and_bad_values_with_a_readable_line() {
        let e = cfg(&[("DATABASE_URL", "mysql://x")]).expect_err("mysql");
        assert!(e.to_string().contains("sqlite:// or postgres://"), "{e}");
        let e = cfg(&[("BIND_ADDR", "nowhere")]).expect_err("bind");
        assert!(e.to_string().contains("BIND_ADDR"), "{e}");
        let e = cfg(&[("JWT_SECRET", "short")]).expect_err("secret");
        assert!(e.to_string().contains("at least 32"), "{e}");
        let e = cfg(&[("LOG_FORMAT", "xml")]).expect_err("log");
        assert!(e.to_string().contains("LOG_FORMAT"), "{e}");
        for bad in ["0", "-1", "soon", "NaN"] {
            let e = cfg(&[("DATABASE_STATEMENT_TIMEOUT", bad)]).expect_err("timeout");
            assert!(e.to_string().contains("DATABASE_STATEMENT_TIMEOUT"), "{e}");
        }
    }

    #[test]
    fn metrics_are_open_on_loopback_closed_beyond_it_and_a_token_guards_them_anywhere() {
        assert!(matches!(cfg(&[]).expect("default").metrics_access, MetricsAccess::Open));
        let wide = cfg(&[("BIND_ADDR", "0.0.0.0:8080")]).expect("wide");
        assert!(matches!(wide.metrics_access, MetricsAccess::Closed));
        let token = "a-metrics-token-0123";
        for bind in ["127.0.0.1:8080", "0.0.0.0:8080"] {
            let c = cfg(&[("BIND_ADDR", bind), ("METRICS_TOKEN", token)]).expect("token");
            assert!(matches!(&c.metrics_access, MetricsAccess::Token(t) if t.expose() == token), "{bind}");
            assert!(!format!("{c:?}").contains(token), "the token is never in Debug output");
        }
        let e = cfg(&[("METRICS_TOKEN", "short")]).expect_err("short");
        assert!(e.to_string().contains("METRICS_TOKEN must be at least 16"), "{e}");
    }

    #[test]
    fn postgres_requires_a_jwt_secret_and_debug_hides_the_password() {
        let mut c = cfg(&[("DATABASE_URL", "postgres://u:hunter2@db:5432/zx")]).expect("pg");
        assert!(!format!("{:?}", c.database_url).contains("hunter2"));
        let e = c.resolve_jwt_secret().expect_err("needs secret");
        assert!(e.to_string().contains("JWT_SECRET is required"), "{e}");
    }

    #[test]
    fn sqlite_generates_a_private_secret_once() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = format!("sqlite://{}/zx.db", dir.path().display());
        let mut a = cfg(&[("DATABASE_URL", &db)]).expect("cfg");
        a.resolve_jwt_secret().expect("generate");
        let mut b = cfg(&[("DATABASE_URL", &db)]).expect("cfg");
        b.resolve_jwt_secret().expect("reuse");
        assert_eq!(a.jwt_secret.expect("a").expose(), b.jwt_secret.expect("b").expose());
        let mode = std::fs::metadata(dir.path().join("jwt_secret")).expect("file");
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(mode.permissions().mode() & 0o777, 0o600);
    }
}
