//! Login throttling (API.md: per user and per address), kept in the database so that every
//! instance serving one database counts together.
//!
//! Each attempt is counted *before* its password is checked, in one transaction that either
//! counts it on both keys or on neither: a burst of parallel guesses cannot all reach the hash
//! check — the attempts that find a key full are refused (429 with Retry-After) unchecked.
//!
//! The keys are the address (a spray of usernames from one place) and the username at that
//! address (guesses at one account). There is deliberately no key on the username alone: with
//! one, anybody anywhere could keep any account, the admin's included, locked. Guessing one
//! account from many addresses is bounded by each address's own budget.
//!
//! A key allows its maximum within a window that opens at its first attempt and lasts
//! `WINDOW_SECS`. A successful login gives its attempt back to the address and clears the
//! account's key, so people sharing one address do not use up each other's budget by logging in.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::login_throttle as t;
use crate::error::{ApiError, ApiResult};

pub const WINDOW_SECS: i64 = 15 * 60;
pub const MAX_PER_ACCOUNT_AND_ADDRESS: i64 = 5;
pub const MAX_PER_ADDRESS: i64 = 20;

/// Usernames have at most 64 characters: a longer one is cut to 65, still matching no account,
/// so that a client cannot make the table store megabytes.
const NAME_CHARS: usize = 65;

/// The two keys one login attempt counts against.
#[derive(Debug, Clone)]
pub struct Keys {
    address: String,
    account: String,
}

impl Keys {
    pub fn new(username: &str, addr: &str) -> Self {
        let name: String = username.to_lowercase().chars().take(NAME_CHARS).collect();
        Self { address: format!("addr:{addr}"), account: format!("user:{name}@{addr}") }
    }

    /// Both keys with their limits, always in this order: every transaction locks the address's
    /// row before an account's, so two attempts never wait on each other in a circle.
    fn limits(&self) -> [(&str, i64); 2] {
        [(&self.address, MAX_PER_ADDRESS), (&self.account, MAX_PER_ACCOUNT_AND_ADDRESS)]
    }
}

fn window() -> chrono::Duration {
    chrono::Duration::seconds(WINDOW_SECS)
}

/// Counts one attempt against both keys, or refuses it (`TooManyRequests`, counting nothing)
/// when either has no attempt left in its window.
pub fn claim(conn: &mut DbConn, keys: &Keys, now: NaiveDateTime) -> ApiResult<()> {
    forget_finished_windows(conn, now)?;
    crate::db::write_transaction(conn, |conn| {
        for (key, max) in keys.limits() {
            if let Some(retry_after_secs) = count(conn, key, max, now)? {
                // Rolls back what this attempt counted on the keys before.
                return Err(ApiError::TooManyRequests { retry_after_secs });
            }
        }
        Ok(())
    })
}

/// Counts one attempt on `key` if its window has room: `None` when counted, else the seconds
/// until the window closes. Each step is one statement that changes the row only if its
/// condition still holds when it runs, so concurrent attempts on PostgreSQL (queued on the row's
/// lock, each re-checking in turn) never count past `max`; SQLite runs one writer at a time.
fn count(conn: &mut DbConn, key: &str, max: i64, now: NaiveDateTime) -> ApiResult<Option<u64>> {
    let cutoff = now - window();
    // A few rounds at most: a round only repeats when a concurrent attempt created the row
    // between two of its steps, or the sweep removed it.
    for _ in 0..4 {
        // A current window with room: count in it.
        let counted = diesel::update(t::table.find(key).filter(t::window_start.gt(cutoff)).filter(t::attempts.lt(max)))
            .set(t::attempts.eq(t::attempts + 1))
            .execute(conn)?;
        if counted == 1 {
            return Ok(None);
        }
        // A finished window: this attempt opens the next one.
        let reopened = diesel::update(t::table.find(key).filter(t::window_start.le(cutoff)))
            .set((t::window_start.eq(now), t::attempts.eq(1_i64)))
            .execute(conn)?;
        if reopened == 1 {
            return Ok(None);
        }
        // No row: this attempt opens the first window, unless a concurrent one just did.
        let first = diesel::insert_into(t::table).values((
            t::throttle_key.eq(key),
            t::window_start.eq(now),
            t::attempts.eq(1_i64),
        ));
        let inserted = match conn {
            DbConn::Sqlite(c) => first.on_conflict_do_nothing().execute(c),
            DbConn::Postgres(c) => first.on_conflict_do_nothing().execute(c),
        }?;
        if inserted == 1 {
            return Ok(None);
        }
        let row: Option<(NaiveDateTime, i64)> =
            t::table.find(key).select((t::window_start, t::attempts)).first(conn).optional()?;
        if let Some((opened, attempts)) = row
            && opened > cutoff
            && attempts >= max
        {
            return Ok(Some((opened + window() - now).num_seconds().max(1) as u64));
        }
    }
    // Still contended after several rounds: refuse this attempt rather than risk an unchecked one.
    Ok(Some(1))
}

/// After a successful login: the address gets its attempt back, the account's key is cleared.
pub fn succeeded(conn: &mut DbConn, keys: &Keys) -> ApiResult<()> {
    crate::db::write_transaction(conn, |conn| {
        diesel::update(t::table.find(&keys.address).filter(t::attempts.gt(0)))
            .set(t::attempts.eq(t::attempts - 1))
            .execute(conn)?;
        diesel::delete(t::table.find(&keys.account)).execute(conn)?;
        Ok(())
    })
}

/// The account's part of a key (`user:<name>@<address>`): the name, lowercased. The address is
/// after the last `@` (a username may hold `@`; an address never does).
fn account_name(key: &str) -> Option<&str> {
    key.strip_prefix("user:")?.rsplit_once('@').map(|(name, _)| name)
}

/// The accounts among `usernames` that some address may not try now (it used up its attempts
/// at them in a current window), each with the moment its last such window closes.
pub fn lockouts(conn: &mut DbConn, usernames: &[&str], now: NaiveDateTime) -> ApiResult<HashMap<String, NaiveDateTime>> {
    let wanted: HashMap<String, &str> = usernames.iter().map(|u| (u.to_lowercase(), *u)).collect();
    let full: Vec<(String, NaiveDateTime)> = t::table
        .filter(t::throttle_key.like("user:%"))
        .filter(t::window_start.gt(now - window()))
        .filter(t::attempts.ge(MAX_PER_ACCOUNT_AND_ADDRESS))
        .select((t::throttle_key, t::window_start))
        .load(conn)?;
    let mut locked: HashMap<String, NaiveDateTime> = HashMap::new();
    for (key, opened) in full {
        if let Some(username) = account_name(&key).and_then(|n| wanted.get(n)) {
            let until = opened + window();
            let entry = locked.entry((*username).to_owned()).or_insert(until);
            *entry = (*entry).max(until);
        }
    }
    Ok(locked)
}

/// Forgets every address's attempts at this account (an administrator unlocking it); returns
/// how many addresses were locked out of it or counting.
pub fn clear_account(conn: &mut DbConn, username: &str) -> ApiResult<usize> {
    let name = username.to_lowercase();
    let keys: Vec<String> = t::table
        .filter(t::throttle_key.like("user:%"))
        .select(t::throttle_key)
        .load::<String>(conn)?
        .into_iter()
        .filter(|k| account_name(k) == Some(name.as_str()))
        .collect();
    Ok(diesel::delete(t::table.filter(t::throttle_key.eq_any(&keys))).execute(conn)?)
}

/// Deletes the rows of every finished window, so the table holds the last 15 minutes' keys
/// only. On its own, outside any attempt's transaction, and on PostgreSQL skipping the rows an
/// attempt holds right now: it never waits for an attempt, so it can never deadlock with one.
fn forget_finished_windows(conn: &mut DbConn, now: NaiveDateTime) -> ApiResult<()> {
    let cutoff = now - window();
    match conn {
        DbConn::Sqlite(c) => diesel::delete(t::table.filter(t::window_start.le(cutoff))).execute(c),
        DbConn::Postgres(c) => diesel::sql_query(
            "DELETE FROM login_throttle WHERE throttle_key IN \
             (SELECT throttle_key FROM login_throttle WHERE window_start <= $1 FOR UPDATE SKIP LOCKED)",
        )
        .bind::<diesel::sql_types::Timestamp, _>(cutoff)
        .execute(c),
    }?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_address_and_the_username_at_it() {
        let k = Keys::new("Admin", "10.0.0.1");
        assert_eq!((k.address.as_str(), k.account.as_str()), ("addr:10.0.0.1", "user:admin@10.0.0.1"));
        let long = Keys::new(&"x".repeat(10_000), "10.0.0.1");
        assert_eq!(long.account.len(), "user:@10.0.0.1".len() + NAME_CHARS);
        assert_eq!(k.limits().map(|(_, max)| max), [MAX_PER_ADDRESS, MAX_PER_ACCOUNT_AND_ADDRESS]);
        let at = Keys::new("li@county.gov", "10.0.0.1");
        assert_eq!(account_name(&at.account), Some("li@county.gov"));
        assert_eq!(account_name(&at.address), None);
    }
}
