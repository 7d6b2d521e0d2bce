//! Builds the application: configuration → pool → migrations → bootstrap → HTTP server.

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpResponse, HttpServer, web};
use anyhow::Context;

use crate::auth::jwt::JwtKeys;
use crate::clock::Clock;
use crate::config::Config;
use crate::db;
use crate::ops::metrics::Metrics;
use crate::ops::rate_limit::RateLimiter;
use crate::ops::request_context::request_context;
use crate::peers::Peers;
use crate::state::AppState;
use crate::{bootstrap, extractors, ops};

/// How long a stopping service waits for its background threads (a running job's end).
const BACKGROUND_STOP: std::time::Duration = std::time::Duration::from_secs(20);

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
}

impl Application {
    /// Binds (port 0 picks a free port, as tests do), migrates, and bootstraps the admin.
    pub async fn build(mut config: Config) -> anyhow::Result<Self> {
        config.resolve_jwt_secret()?;
        if let crate::config::MetricsAccess::Closed = config.metrics_access {
            tracing::warn!(bind = %config.bind_addr, "/metrics is closed: set METRICS_TOKEN to scrape it beyond loopback");
        }
        // First, before any thread of the service starts: a process that exits while its
        // background threads are inside libpq crashed in the exit handlers (a port in use ended
        // in "double free or corruption" instead of the message below).
        let listener = TcpListener::bind(config.bind_addr)
            .with_context(|| format!("cannot listen on {} (BIND_ADDR)", config.bind_addr))?;
        let port = listener.local_addr()?.port();
        prepare_database(&config).await?;
        let pool = db::pool_with(&config.database_url, config.pool_size, config.db_timeouts)?;
        let secret = config.jwt_secret.as_ref().map(|s| s.expose().to_owned()).unwrap_or_default();
        let matching: Arc<crate::matching::MatchingCache> = Arc::default();
        let aggregates: Arc<crate::cache::Aggregates> = Arc::default();
        let known_users = Arc::default();
        let background: Arc<crate::background::Threads> = Arc::default();
        let peers = Arc::new(Peers::new(Arc::clone(&aggregates), Arc::clone(&known_users), Arc::clone(&matching)));
        if let crate::config::DatabaseUrl::Postgres(url) = &config.database_url {
            crate::peers::start(db::with_libpq_timeouts(url, &config.db_timeouts), &peers, &background);
        }
        // The jobs' own connections, without the requests' statement limit (a national snapshot
        // takes longer than a request may): per worker, the job's, and one for its progress and
        // lease.
        let job_connections = (2 * config.job_workers).max(1) as u32;
        let jobs = crate::jobs::worker::start(
            db::pool_with(&config.database_url, job_connections, config.db_timeouts.unbounded())?,
            crate::families::job_handlers(),
            Arc::new(config.clone()),
            {
                let (aggregates, matching) = (Arc::clone(&aggregates), Arc::clone(&matching));
                Arc::new(move || {
                    aggregates.invalidate();
                    matching.invalidate();
                })
            },
            &background,
        );
        let state = AppState {
            jobs,
            pool,
            jwt: Arc::new(JwtKeys::new(&secret)),
            metrics: Arc::new(Metrics::new(config.metrics_access.clone())),
            matching,
            aggregates,
            known_users,
            peers,
            clock: Clock::default(),
            secure_cookies: config.secure_cookies,
            webhooks: Arc::new(config.webhooks.clone()),
            rate_limits: Arc::new(RateLimiter::new(config.rate_limits, config.trust_forwarded_for)),
            background,
        };
        if let crate::config::DatabaseUrl::Postgres(url) = &config.database_url {
            crate::ops::rate_limit::share(
                db::with_libpq_timeouts(url, &config.db_timeouts),
                &state.rate_limits,
                &state.background,
            );
        }
        let server = run(listener, state.clone(), config.static_dir.clone())?;
        if let Some(every) = config.sweep_interval {
            // the look only claims the day and queues the sweep; the job workers run it, on
            // connections without the requests' statement timeout
            crate::jobs::daily::start(
                state.pool.clone(),
                state.clock.clone(),
                state.jobs.clone(),
                every,
                &state.background,
            );
        }
        Ok(Self { port, server, state })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// For tests: the clock and the pool behind the running server.
    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    /// Serves until SIGTERM or SIGINT, then finishes in-flight requests (actix's graceful stop)
    /// and the background threads' work.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let stopped = self.server.await;
        let state = self.state.clone();
        // Off the async thread: the wait blocks.
        let _ = web::block(move || state.end_background(BACKGROUND_STOP)).await;
        stopped
    }
}

/// Migrations run on a connection of their own, without the requests' statement timeout.
async fn prepare_database(config: &Config) -> anyhow::Result<()> {
    let pool = db::pool_with(&config.database_url, 1, config.db_timeouts.unbounded())?;
    let admin_password = config.bootstrap_admin_password.clone();
    web::block(move || -> anyhow::Result<()> {
        let mut conn = pool.get().context("cannot connect to the database (DATABASE_URL)")?;
        db::setup_lock(&mut conn, |conn| {
            let applied = db::migrate(conn)?;
            if applied > 0 {
                tracing::info!(applied, "database migrations applied");
            }
            bootstrap::ensure_national_admin(conn, admin_password.as_ref())?.report_at_start(admin_password.is_some());
            Ok(())
        })
    })
    .await
    .context("database preparation task failed")?
}

fn run(listener: TcpListener, state: AppState, static_dir: Option<PathBuf>) -> anyhow::Result<Server> {
    let data = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .app_data(web::Data::from(data.rate_limits.clone()))
            .app_data(extractors::payload_config())
            .wrap(from_fn(request_context))
            .wrap(ops::security_headers::middleware())
            .configure(ops::health::configure)
            .route("/api/v1/openapi.json", web::get().to(openapi_json))
            .service(web::redirect("/docs", "/docs/"))
            .service(
                utoipa_swagger_ui::SwaggerUi::new("/docs/{_:.*}")
                    // No badge from the public validator: it would send the contract's address
                    // to a third party, and the content security policy blocks it anyway.
                    .config(utoipa_swagger_ui::Config::from("/api/v1/openapi.json").validator_url("none")),
            )
            .service(
                web::scope("/api/v1")
                    .wrap(from_fn(ops::idempotency::idempotency))
                    // outside the idempotency record: a refused request is not one to replay
                    .wrap(from_fn(ops::rate_limit::rate_limit))
                    .configure(crate::families::serve)
                    .default_service(web::to(HttpResponse::NotFound)),
            )
            .configure(|cfg| spa(cfg, static_dir.clone()))
    })
    .listen(listener)?
    .shutdown_timeout(20)
    .run();
    Ok(server)
}

async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(crate::openapi::document())
}

/// The built SPA from the same origin; unknown paths get `index.html` so client routes work on
/// reload. Without a build, a short page says where things are.
fn spa(cfg: &mut web::ServiceConfig, static_dir: Option<PathBuf>) {
    match static_dir {
        Some(dir) => {
            let index = dir.join("index.html");
            cfg.service(actix_files::Files::new("/", dir).index_file("index.html").default_handler(web::to(
                move |req: actix_web::HttpRequest| {
                    let index = index.clone();
                    async move { actix_files::NamedFile::open_async(index).await.map(|f| f.into_response(&req)) }
                },
            )));
        }
        None => {
            cfg.route(
                "/",
                web::get().to(|| async {
                    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(
                        "<!doctype html><meta charset=utf-8><title>zhuxiang</title><p>The SPA is not built \
                         (run <code>./scripts/run</code>). API: <a href=/docs/>/docs</a>.",
                    )
                }),
            );
        }
    }
}
