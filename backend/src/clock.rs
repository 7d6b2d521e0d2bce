//! The service's notion of "now", replaceable in tests so time-based rules (token expiry,
//! staleness) are tested without sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{NaiveDateTime, SubsecRound, Utc};

#[derive(Clone, Default)]
pub struct Clock {
    /// Seconds added to the system time; only tests move it.
    offset: Arc<AtomicI64>,
}

impl Clock {
    /// To the microsecond, what PostgreSQL keeps: a time the service answers with before
    /// reading it back (a new project's history) is the time every later read returns.
    pub fn now(&self) -> NaiveDateTime {
        (Utc::now() + chrono::Duration::seconds(self.offset.load(Ordering::Relaxed))).naive_utc().trunc_subsecs(6)
    }

    pub fn advance(&self, seconds: i64) {
        self.offset.fetch_add(seconds, Ordering::Relaxed);
    }
}

/// A stored UTC time on the clock of the platform's users, China Standard Time (UTC+8, no
/// daylight saving): the day, month and year a figure belongs to.
pub fn in_china(at: NaiveDateTime) -> NaiveDateTime {
    at + chrono::Duration::hours(8)
}

/// The first instant of a day of China Standard Time, as stored UTC.
pub fn china_day_start(day: chrono::NaiveDate) -> NaiveDateTime {
    day.and_time(chrono::NaiveTime::MIN) - chrono::Duration::hours(8)
}

/// A year of China Standard Time as stored UTC instants: its first instant and the next year's
/// (`None` for a year chrono cannot hold).
pub fn china_year(year: i64) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let start = |y: i64| {
        let y = i32::try_from(y).ok()?;
        Some(chrono::NaiveDate::from_ymd_opt(y, 1, 1)?.and_hms_opt(0, 0, 0)? - chrono::Duration::hours(8))
    };
    Some((start(year)?, start(year + 1)?))
}
