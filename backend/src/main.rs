use clap::Parser;
use zhuxiang::cli::{self, Cli, Command};
use zhuxiang::config::Config;

fn main() {
    let cli = Cli::parse();
    // Bad settings end the process with one readable line, not a panic trace.
    if let Err(e) = run(cli) {
        eprintln!("zhuxiang: {e:#}");
        std::process::exit(1);
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::Serve = command {
        bound_malloc_arenas();
    }
    if let Command::Openapi = command {
        print!("{}", zhuxiang::openapi::document());
        return Ok(());
    }
    let config = Config::from_env()?;
    zhuxiang::telemetry::init(config.log_format);
    match command {
        Command::Serve => serve(config),
        Command::Migrate => cli::migrate(&config),
        Command::User(cmd) => cli::user(&config, cmd),
        Command::CopyDatabase { from, to, force, batch } => {
            cli::copy_database(zhuxiang::maintenance::copy::Options { from, to, force, batch })
        }
        Command::Backup { to } => cli::backup(&config, &to),
        Command::Restore { from, force } => cli::restore(&config, &from, force),
        Command::SeedBench { organizations } => cli::seed_bench(&config, organizations),
        Command::SeedDemo { scale } => cli::seed_demo(&config, scale),
        Command::Openapi => Ok(()),
    }
}

/// glibc's allocator gives threads that contend their own arena, up to 8 per core, and memory
/// freed into an arena is rarely returned: under repeated mixed load the server's RSS climbed
/// 26 → 289 MB and stayed there, while with two arenas it stays near 100 MB (`./scripts/bench
/// memory`). glibc reads `MALLOC_ARENA_MAX` only when the process starts, so `serve` re-executes
/// itself once with it set (same pid, arguments and environment otherwise). An operator's own
/// value is kept; `MALLOC_ARENA_MAX=0` means glibc's default.
fn bound_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::process::CommandExt;
        const ARENAS: &str = "2";
        if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
            return;
        }
        let Ok(exe) = std::env::current_exe() else { return };
        let error =
            std::process::Command::new(exe).args(std::env::args_os().skip(1)).env("MALLOC_ARENA_MAX", ARENAS).exec();
        // `exec` returns only if it failed: serve with glibc's default arenas.
        eprintln!("zhuxiang: could not restart with MALLOC_ARENA_MAX={ARENAS} ({error}); continuing");
    }
}

fn serve(config: Config) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(async move {
        tracing::info!(database = ?config.database_url, bind = %config.bind_addr, "starting zhuxiang");
        let app = zhuxiang::startup::Application::build(config).await?;
        tracing::info!(port = app.port(), "listening");
        app.run_until_stopped().await?;
        tracing::info!("stopped");
        Ok(())
    })
}
