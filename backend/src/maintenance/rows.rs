//! Rows in a form both dialects can write and read: a JSON array per row, with each value in a
//! text both sides parse the same way; and a checksum of a table that does not depend on row
//! order or on how a dialect spells a value (`1` or `true`, `2026-12-06 08:00:00` or
//! `2026-12-06T08:00:00`).

use anyhow::Context;
use chrono::NaiveDateTime;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::tables::{Kind, Table};

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Which timestamps a SQLite read gives.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Stamps {
    /// Cut to microseconds, for the copy: SQLite keeps what chrono wrote, to the nanosecond;
    /// PostgreSQL keeps microseconds and would round, so they are cut here, as the service's own
    /// PostgreSQL writes cut them.
    Cut,
    /// As stored, for the checksum (which cuts them itself, so a copy that cut wrongly shows).
    Stored,
}

/// SQLite's expression for one column, as the JSON value the PostgreSQL insert reads.
fn sqlite_value(name: &str, kind: Kind, stamps: Stamps) -> String {
    let c = quoted(name);
    match kind {
        // SQLite's JSON writes a REAL with 15 digits: 17 keep every bit.
        Kind::Float => format!("CASE WHEN {c} IS NULL THEN NULL ELSE printf('%!.17g', {c}) END"),
        Kind::Bytes => format!("CASE WHEN {c} IS NULL THEN NULL ELSE hex({c}) END"),
        Kind::Timestamp if stamps == Stamps::Cut => format!("substr({c}, 1, 26)"),
        Kind::Timestamp | Kind::Bool | Kind::Int | Kind::Text | Kind::Date => c,
    }
}

/// Reads the next `limit` rows after `rowid` (bound as `?`, `?`): each row's rowid and its values.
pub fn sqlite_select(table: &Table, stamps: Stamps) -> String {
    let values: Vec<String> = table.columns.iter().map(|c| sqlite_value(&c.name, c.kind, stamps)).collect();
    format!(
        "SELECT rowid AS n, json_array({}) AS row FROM {} WHERE rowid > ? ORDER BY rowid LIMIT ?",
        values.join(", "),
        quoted(&table.name)
    )
}

/// Inserts the rows of a JSON array of `sqlite_select` rows, bound as `$1`.
pub fn postgres_insert(table: &Table) -> String {
    let names: Vec<String> = table.columns.iter().map(|c| quoted(&c.name)).collect();
    let values: Vec<String> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| match c.kind {
            Kind::Bool => format!("(r->>{i})::boolean"),
            Kind::Int => format!("(r->>{i})::bigint"),
            Kind::Float => format!("(r->>{i})::double precision"),
            Kind::Text => format!("r->>{i}"),
            Kind::Timestamp => format!("(r->>{i})::timestamp"),
            Kind::Date => format!("(r->>{i})::date"),
            Kind::Bytes => format!("decode(r->>{i}, 'hex')"),
        })
        .collect();
    let overriding = if table.columns.iter().any(|c| c.identity) { " OVERRIDING SYSTEM VALUE" } else { "" };
    format!(
        "INSERT INTO {} ({}){overriding} SELECT {} FROM json_array_elements($1::json) AS r",
        quoted(&table.name),
        names.join(", "),
        values.join(", ")
    )
}

/// PostgreSQL's rows of `table` as JSON arrays, for the checksum.
pub fn postgres_select(table: &Table) -> String {
    let values: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            let q = quoted(&c.name);
            match c.kind {
                // PostgreSQL prints the shortest text that reads back to the same double.
                Kind::Float => format!("{q}::text"),
                Kind::Bytes => format!("encode({q}, 'hex')"),
                _ => q,
            }
        })
        .collect();
    format!("SELECT json_build_array({})::text AS row FROM {}", values.join(", "), quoted(&table.name))
}

/// One value as both dialects agree to spell it; `None` for NULL.
fn canonical(kind: Kind, value: &Value) -> anyhow::Result<Option<String>> {
    let text = match value {
        Value::Null => return Ok(None),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Ok(Some(match kind {
        Kind::Bool => match text.as_str() {
            "1" | "true" => "true".into(),
            "0" | "false" => "false".into(),
            other => anyhow::bail!("{other:?} is not a boolean"),
        },
        Kind::Int => text.parse::<i64>().with_context(|| format!("{text:?} is not an integer"))?.to_string(),
        Kind::Float => {
            format!("{:016x}", text.parse::<f64>().with_context(|| format!("{text:?} is not a number"))?.to_bits())
        }
        Kind::Timestamp => {
            let at = ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
                .with_context(|| format!("{text:?} is not a timestamp"))?;
            // Microseconds, cut as the copy cuts them.
            at.format("%Y-%m-%dT%H:%M:%S").to_string() + &format!(".{:06}", at.and_utc().timestamp_subsec_micros())
        }
        Kind::Bytes => text.to_ascii_lowercase(),
        Kind::Text | Kind::Date => text,
    }))
}

/// An order-independent checksum of a table's rows: the wrapping sum of each row's hash.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Checksum {
    pub rows: u64,
    pub sum: u64,
}

impl Checksum {
    /// Adds one row, a JSON array of `table`'s columns from either dialect.
    pub fn add(&mut self, table: &Table, row: &str) -> anyhow::Result<()> {
        let values: Vec<Value> =
            serde_json::from_str(row).with_context(|| format!("a row of {} is not a JSON array", table.name))?;
        anyhow::ensure!(values.len() == table.columns.len(), "a row of {} has {} values", table.name, values.len());
        let mut hash = Sha256::new();
        for (column, value) in table.columns.iter().zip(&values) {
            let canonical = canonical(column.kind, value).with_context(|| format!("{}.{}", table.name, column.name))?;
            match canonical {
                None => hash.update([0u8]),
                Some(text) => {
                    hash.update([1u8]);
                    hash.update((text.len() as u64).to_le_bytes());
                    hash.update(text.as_bytes());
                }
            }
        }
        let digest = hash.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        self.rows += 1;
        self.sum = self.sum.wrapping_add(u64::from_le_bytes(first));
        Ok(())
    }
}

impl std::fmt::Display for Checksum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}", self.sum)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tables::Column;
    use super::*;

    fn table() -> Table {
        let c = |name: &str, kind| Column { name: name.into(), kind, identity: false };
        Table {
            name: "t".into(),
            columns: vec![
                c("ok", Kind::Bool),
                c("n", Kind::Int),
                c("x", Kind::Float),
                c("at", Kind::Timestamp),
                c("body", Kind::Bytes),
                c("note", Kind::Text),
            ],
        }
    }

    fn sum(rows: &[&str]) -> Checksum {
        let mut c = Checksum::default();
        for row in rows {
            c.add(&table(), row).expect("row");
        }
        c
    }

    #[test]
    fn the_dialects_spellings_of_one_row_sum_the_same() {
        let sqlite = r#"[1, 7, "0.30000000000000004", "2026-12-06 08:00:00.123456789", "0AFF", null]"#;
        let postgres = r#"[true, 7, "0.30000000000000004", "2026-12-06T08:00:00.123456", "0aff", null]"#;
        assert_eq!(sum(&[sqlite]), sum(&[postgres]));
        let other = r#"[1, 7, "0.30000000000000004", "2026-12-06T08:00:00.123456", "0aff", ""]"#;
        assert_ne!(sum(&[postgres]), sum(&[other]), "NULL and the empty text differ");
        let rounded = r#"[1, 7, "0.3", "2026-12-06T08:00:00.123456", "0aff", null]"#;
        assert_ne!(sum(&[postgres]), sum(&[rounded]), "a double that lost a bit differs");
    }

    #[test]
    fn the_checksum_does_not_depend_on_row_order() {
        let a = r#"[0, 1, null, null, null, "a"]"#;
        let b = r#"[0, 2, null, null, null, "b"]"#;
        assert_eq!(sum(&[a, b]), sum(&[b, a]));
        assert_ne!(sum(&[a, b]), sum(&[a, a]));
        assert_eq!(sum(&[a, b]).rows, 2);
    }
}
