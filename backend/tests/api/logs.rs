//! The service's logs, captured as JSON lines for the whole test process, so a test can check
//! that a response it received was logged (by its request id).

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::Value;

#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn sink() -> &'static Sink {
    static SINK: OnceLock<Sink> = OnceLock::new();
    SINK.get_or_init(|| {
        let sink = Sink::default();
        let writer = sink.clone();
        tracing_subscriber::fmt()
            .json()
            .with_max_level(tracing::Level::INFO)
            .with_writer(move || writer.clone())
            .try_init()
            .expect("the API tests install the only log subscriber");
        sink
    })
}

/// Starts capturing (idempotent); call before the requests whose logs are checked.
pub fn capture() {
    sink();
}

/// The captured log events that mention `needle` (e.g. a request id), oldest first.
pub fn events_with(needle: &str) -> Vec<Value> {
    let bytes = sink().0.lock().unwrap_or_else(|e| e.into_inner()).clone();
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter(|l| l.contains(needle))
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// The request log of the response with this request id: its `fields`.
pub fn request_log(request_id: &str) -> Option<Value> {
    events_with(request_id).into_iter().map(|e| e["fields"].clone()).find(|f| f["message"] == "request")
}
