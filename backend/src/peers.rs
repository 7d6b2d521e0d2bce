//! Instances sharing one PostgreSQL tell each other when they commit writes, so each forgets the
//! answers it keeps in memory (dashboard aggregates, signed-in users, the matching index) within
//! a tenth of a second instead of at those caches' age limits (`cache::MAX_AGE`, `known_users::FRESH`,
//! `matching::MAX_AGE`, which stay as the safety net). On SQLite there is one instance and nothing
//! to tell.
//!
//! Nothing is added to the write path: a commit already moves its instance's cache generations.
//! One thread per instance looks at them every `TICK`, sends one `NOTIFY` for whatever moved
//! since, and on the same connection hears the other instances' notices (`LISTEN`). A notice an
//! instance hears from itself is ignored. After a reconnect everything is forgotten once, since
//! notices sent while it was away are lost.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};

use crate::auth::known_users::KnownUsers;
use crate::cache::Aggregates;
use crate::matching::MatchingCache;

const CHANNEL: &str = "zhuxiang_writes";
const TICK: Duration = Duration::from_millis(50);

/// Which of the caches beside the aggregates (always forgotten) a write made stale.
#[derive(Clone, Copy, Default)]
struct Wrote {
    matching: bool,
    users: bool,
}

/// What one instance keeps in memory that a write elsewhere makes stale.
pub struct Peers {
    /// Names this instance in its notices.
    id: String,
    aggregates: Arc<Aggregates>,
    known_users: Arc<KnownUsers>,
    matching: Arc<MatchingCache>,
    /// Other instances' notices heard and applied (tests read it).
    heard: AtomicU64,
}

impl Peers {
    pub fn new(aggregates: Arc<Aggregates>, known_users: Arc<KnownUsers>, matching: Arc<MatchingCache>) -> Self {
        Self {
            id: uuid::Uuid::now_v7().simple().to_string(),
            aggregates,
            known_users,
            matching,
            heard: AtomicU64::new(0),
        }
    }

    /// How many other instances' notices this one has applied.
    pub fn heard(&self) -> u64 {
        self.heard.load(Ordering::Relaxed)
    }

    fn generations(&self) -> (u64, u64, u64) {
        (self.aggregates.generation(), self.matching.generation(), self.known_users.generation())
    }

    /// Another instance wrote (`what.matching`: to organizations, offers, needs or pairings;
    /// `what.users`: to a user or an organization's name), or this one may have missed a notice.
    fn forget(&self, what: Wrote) {
        self.aggregates.invalidate();
        if what.users {
            self.known_users.forget_all();
        }
        if what.matching {
            self.matching.invalidate();
        }
    }
}

/// Starts the instance's notice thread on PostgreSQL; it ends with `threads` (the service
/// stopped) or once the application is gone.
pub fn start(url: String, peers: &Arc<Peers>, threads: &crate::background::Threads) {
    let peers = Arc::downgrade(peers);
    let spawned = threads.spawn("peers", move |signal| {
        let mut wait = Duration::from_millis(200);
        while peers.upgrade().is_some() && !signal.stopping() {
            match PgConnection::establish(&url) {
                Ok(mut conn) => {
                    wait = Duration::from_millis(200);
                    if let Err(e) = listen(&mut conn, &peers, signal) {
                        tracing::warn!(error = %e, "instance notices interrupted; reconnecting");
                    }
                }
                Err(e) => tracing::debug!(error = %e, "instance notices: cannot connect yet"),
            }
            signal.pause(wait);
            wait = (wait * 2).min(Duration::from_secs(5));
        }
    });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the instance notice thread: other instances' writes show after the caches' age limits");
    }
}

/// Sends and hears notices until the connection fails (`Err`), or the service stops or the
/// application is gone (`Ok`).
fn listen(conn: &mut PgConnection, peers: &Weak<Peers>, signal: &crate::background::Signal) -> diesel::QueryResult<()> {
    conn.batch_execute(&format!("LISTEN {CHANNEL}"))?;
    let Some(me) = peers.upgrade() else { return Ok(()) };
    // Notices sent while this instance was not listening are lost: forget everything once.
    me.forget(Wrote { matching: true, users: true });
    let mut seen = me.generations();
    drop(me);
    while signal.pause(TICK) {
        let Some(me) = peers.upgrade() else { return Ok(()) };
        let now = me.generations();
        if now != seen {
            let mut what = String::from("w");
            if now.1 != seen.1 {
                what.push('m');
            }
            if now.2 != seen.2 {
                what.push('u');
            }
            conn.batch_execute(&format!("NOTIFY {CHANNEL}, '{}:{what}'", me.id))?;
            seen = now;
        }
        let mut heard: Option<Wrote> = None;
        for notice in conn.notifications_iter() {
            let notice = notice?;
            let Some((from, what)) = notice.payload.split_once(':') else { continue };
            if from != me.id {
                let before = heard.unwrap_or_default();
                heard = Some(Wrote {
                    matching: before.matching || what.contains('m'),
                    users: before.users || what.contains('u'),
                });
            }
        }
        if let Some(what) = heard {
            me.forget(what);
            me.heard.fetch_add(1, Ordering::Relaxed);
            // What was just forgotten is not this instance's own write to tell about.
            seen = me.generations();
        }
    }
    Ok(())
}
