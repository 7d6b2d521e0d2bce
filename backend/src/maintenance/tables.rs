//! The tables to copy and check, and their columns, read from the databases' own catalogues: a
//! table or column added by a later migration is copied without anyone editing a list here.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::bail;
use diesel::sql_types::Text;
use diesel::{PgConnection, RunQueryDsl};

use crate::db::DbConn;

/// What a column holds, as far as copying and comparing it needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bool,
    Int,
    Float,
    Text,
    Timestamp,
    Date,
    Bytes,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
    /// `GENERATED ALWAYS AS IDENTITY` on PostgreSQL: copied values need `OVERRIDING SYSTEM
    /// VALUE`, and the sequence is moved past them afterwards.
    pub identity: bool,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
}

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

/// The application's tables (not diesel's bookkeeping), by name.
pub fn names(conn: &mut DbConn) -> anyhow::Result<Vec<String>> {
    let sql = match conn {
        DbConn::Sqlite(_) => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
             AND name <> '__diesel_schema_migrations' ORDER BY name"
        }
        DbConn::Postgres(_) => {
            "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() \
             AND table_type = 'BASE TABLE' AND table_name <> '__diesel_schema_migrations' ORDER BY table_name"
        }
    };
    Ok(diesel::sql_query(sql).load::<Name>(conn)?.into_iter().map(|n| n.name).collect())
}

/// Refreshes PostgreSQL's planner statistics after a bulk load, for the tables that hold rows
/// only. Analyzing an empty one (`project_events` after the national seed) records it as truly
/// empty, and a statement prepared while it is small keeps a plan that scans it whole: a
/// project's page read every event of the table, and fell from 7,000 to 1,900 a second as the
/// benchmark's writes grew it (where autovacuum is off, nothing analyzes it again). A table
/// never analyzed is taken to be at least ten pages, and its index is used from the start.
pub fn analyze_filled(conn: &mut diesel::PgConnection, names: impl IntoIterator<Item = String>) -> anyhow::Result<()> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Holds {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        rows: bool,
    }
    for table in names {
        let holds: Holds =
            diesel::sql_query(format!("SELECT EXISTS (SELECT 1 FROM \"{table}\") AS rows")).get_result(conn)?;
        if holds.rows {
            diesel::sql_query(format!("VACUUM ANALYZE \"{table}\"")).execute(conn)?;
        }
    }
    Ok(())
}

#[derive(diesel::QueryableByName)]
struct ColumnRow {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Text)]
    is_identity: String,
}

#[derive(diesel::QueryableByName)]
struct Reference {
    #[diesel(sql_type = Text)]
    child: String,
    #[diesel(sql_type = Text)]
    parent: String,
}

/// The PostgreSQL database's tables with their columns, parents before the tables that refer to
/// them (so rows can be inserted with every foreign key checked).
pub fn of_postgres(conn: &mut PgConnection) -> anyhow::Result<Vec<Table>> {
    let rows: Vec<ColumnRow> = diesel::sql_query(
        "SELECT c.table_name::text AS table_name, c.column_name::text AS column_name, \
                c.data_type::text AS data_type, c.is_identity::text AS is_identity \
         FROM information_schema.columns c \
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
           AND c.table_name <> '__diesel_schema_migrations' \
         ORDER BY c.table_name, c.ordinal_position",
    )
    .load(conn)?;
    let mut tables: BTreeMap<String, Vec<Column>> = BTreeMap::new();
    for row in rows {
        let kind = match row.data_type.as_str() {
            "boolean" => Kind::Bool,
            "bigint" | "integer" | "smallint" => Kind::Int,
            "double precision" | "real" => Kind::Float,
            "text" | "character varying" => Kind::Text,
            "timestamp without time zone" => Kind::Timestamp,
            "date" => Kind::Date,
            "bytea" => Kind::Bytes,
            other => {
                bail!("{}.{} has the type {other}, which copy-database does not know", row.table_name, row.column_name)
            }
        };
        tables.entry(row.table_name).or_default().push(Column {
            name: row.column_name,
            kind,
            identity: row.is_identity == "YES",
        });
    }
    let references: Vec<Reference> = diesel::sql_query(
        "SELECT c.relname::text AS child, p.relname::text AS parent FROM pg_constraint k \
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE k.contype = 'f' AND n.nspname = current_schema()",
    )
    .load(conn)?;
    let order = parents_first(tables.keys().cloned().collect(), &references)?;
    Ok(order.into_iter().map(|name| Table { columns: tables.remove(&name).unwrap_or_default(), name }).collect())
}

/// Kahn's order over the foreign keys, by name among equals (the same order on every run). A
/// table referring to itself is copied in its rows' order, parents first as they were written.
fn parents_first(names: BTreeSet<String>, references: &[Reference]) -> anyhow::Result<Vec<String>> {
    let mut waiting_on: BTreeMap<&str, BTreeSet<&str>> = names.iter().map(|n| (n.as_str(), BTreeSet::new())).collect();
    for r in references.iter().filter(|r| r.child != r.parent) {
        if let Some(parents) = waiting_on.get_mut(r.child.as_str()) {
            parents.insert(r.parent.as_str());
        }
    }
    let mut order = Vec::with_capacity(names.len());
    while !waiting_on.is_empty() {
        let ready: Vec<&str> = waiting_on.iter().filter(|(_, p)| p.is_empty()).map(|(n, _)| *n).collect();
        if ready.is_empty() {
            bail!("the foreign keys between {:?} form a cycle", waiting_on.keys().collect::<Vec<_>>());
        }
        for name in ready {
            waiting_on.remove(name);
            for parents in waiting_on.values_mut() {
                parents.remove(name);
            }
            order.push(name.to_owned());
        }
    }
    Ok(order)
}

/// Checks the SQLite source has every table and column the target has, and no other: the two
/// dialects' migrations are kept in step, and a difference is a bug to report, not to guess over.
pub fn check_source(conn: &mut DbConn, tables: &[Table]) -> anyhow::Result<()> {
    let source: BTreeSet<String> = names(conn)?.into_iter().collect();
    same("the databases' tables", &source, tables.iter().map(|t| t.name.clone()).collect())?;
    for table in tables {
        let columns: BTreeSet<String> =
            diesel::sql_query(format!("SELECT name FROM pragma_table_info('{}')", table.name))
                .load::<Name>(conn)?
                .into_iter()
                .map(|c| c.name)
                .collect();
        same(
            &format!("the columns of {}", table.name),
            &columns,
            table.columns.iter().map(|c| c.name.clone()).collect(),
        )?;
    }
    Ok(())
}

/// Fails naming what is only on one side.
fn same(what: &str, source: &BTreeSet<String>, target: BTreeSet<String>) -> anyhow::Result<()> {
    if *source != target {
        bail!(
            "{what} differ: only in the source {:?}, only in the target {:?}",
            source.difference(&target).collect::<Vec<_>>(),
            target.difference(source).collect::<Vec<_>>()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(child: &str, parent: &str) -> Reference {
        Reference { child: child.into(), parent: parent.into() }
    }

    #[test]
    fn parents_come_before_the_tables_that_refer_to_them() {
        let names = ["projects", "organizations", "project_events", "users"].map(String::from).into();
        let refs = [
            r("projects", "organizations"),
            r("project_events", "projects"),
            r("project_events", "users"),
            r("users", "users"),
        ];
        let order = parents_first(names, &refs).expect("order");
        assert_eq!(order, ["organizations", "users", "projects", "project_events"]);
        let cycle = parents_first(["a", "b"].map(String::from).into(), &[r("a", "b"), r("b", "a")]);
        assert!(cycle.expect_err("a cycle").to_string().contains("cycle"));
    }
}
