use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// Structured logs on stderr: human-readable by default, JSON lines with `LOG_FORMAT=json`.
/// `RUST_LOG` tunes levels (default `info`).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Pretty => builder.compact().try_init(),
    };
}
