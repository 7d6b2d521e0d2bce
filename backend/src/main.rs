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
        Command::SeedBench { organizations } => cli::seed_bench(&config, organizations),
        Command::SeedDemo { scale } => cli::seed_demo(&config, scale),
        Command::Openapi => Ok(()),
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
