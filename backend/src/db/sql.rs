//! SQL helpers every store may use.

/// `LIKE` pattern for free-text search, with the wildcard characters of the input escaped.
pub fn like_pattern(q: &str) -> String {
    let escaped = q.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Money is summed in SQL as two parts, `fen / 10⁹` and `fen % 10⁹`, that cannot overflow a
/// 64-bit sum below a billion rows per group (a plain `SUM` of 9,224 rows at the largest amount
/// does: SQLite raises, PostgreSQL's cast back to BIGINT fails), and joined exactly by
/// `join_fen`. `column` is a trusted column name, never input.
pub const FUNDS_SPLIT: i64 = 1_000_000_000;

pub fn fen_sum_parts(
    column: &'static str,
) -> (
    diesel::expression::SqlLiteral<diesel::sql_types::BigInt>,
    diesel::expression::SqlLiteral<diesel::sql_types::BigInt>,
) {
    use diesel::dsl::sql;
    use diesel::sql_types::BigInt;
    (
        sql::<BigInt>(&format!("CAST(COALESCE(SUM({column} / {FUNDS_SPLIT}), 0) AS BIGINT)")),
        sql::<BigInt>(&format!("CAST(COALESCE(SUM({column} % {FUNDS_SPLIT}), 0) AS BIGINT)")),
    )
}

/// The exact sum from the two parts of `fen_sum_parts`.
pub fn join_fen(high: i64, low: i64) -> i128 {
    i128::from(high) * i128::from(FUNDS_SPLIT) + i128::from(low)
}

/// A value bound into a `Dynamic` query.
pub enum Bind {
    Text(String),
    BigInt(i64),
    Bool(bool),
    Double(f64),
    Date(chrono::NaiveDate),
    Timestamp(chrono::NaiveDateTime),
}

/// A query whose shape is chosen at run time (the statistics' grouping keys and filters) from
/// trusted fragments, with every value bound: the placeholders are written for the connection's
/// backend (`?` on SQLite, `$n` on PostgreSQL). Fragments are never built from input.
pub struct Dynamic {
    sql: String,
    binds: Vec<Bind>,
    postgres: bool,
}

/// The query of a `Dynamic` with its values bound, for one backend.
macro_rules! bound {
    ($d:expr, $backend:ty) => {{
        use diesel::sql_types::{BigInt, Bool, Date, Double, Text, Timestamp};
        let mut q = diesel::sql_query($d.sql).into_boxed::<$backend>();
        for b in $d.binds {
            q = match b {
                Bind::Text(v) => q.bind::<Text, _>(v),
                Bind::BigInt(v) => q.bind::<BigInt, _>(v),
                Bind::Bool(v) => q.bind::<Bool, _>(v),
                Bind::Double(v) => q.bind::<Double, _>(v),
                Bind::Date(v) => q.bind::<Date, _>(v),
                Bind::Timestamp(v) => q.bind::<Timestamp, _>(v),
            };
        }
        q
    }};
}
#[allow(unused_imports)]
use bound;

impl Dynamic {
    pub fn new(conn: &super::DbConn) -> Self {
        Self { sql: String::new(), binds: vec![], postgres: matches!(conn, super::DbConn::Postgres(_)) }
    }

    pub fn postgres(&self) -> bool {
        self.postgres
    }

    pub fn push(&mut self, fragment: &str) -> &mut Self {
        self.sql.push_str(fragment);
        self
    }

    /// Appends a placeholder for `value`.
    pub fn bind(&mut self, value: Bind) -> &mut Self {
        self.binds.push(value);
        if self.postgres {
            self.sql.push_str(&format!("${}", self.binds.len()));
        } else {
            self.sql.push('?');
        }
        self
    }

    /// Appends `(?, ?, …)`, one placeholder per value: an `IN` list. An empty list is `(NULL)`,
    /// which matches nothing.
    pub fn bind_list(&mut self, values: impl IntoIterator<Item = Bind>) -> &mut Self {
        self.sql.push('(');
        let mut any = false;
        for v in values {
            if any {
                self.sql.push_str(", ");
            }
            self.bind(v);
            any = true;
        }
        self.sql.push_str(if any { ")" } else { "NULL)" });
        self
    }

    pub fn execute(self, conn: &mut super::DbConn) -> diesel::QueryResult<usize> {
        use diesel::RunQueryDsl;
        match conn {
            super::DbConn::Sqlite(c) => bound!(self, diesel::sqlite::Sqlite).execute(c),
            super::DbConn::Postgres(c) => bound!(self, diesel::pg::Pg).execute(c),
        }
    }

    pub fn load<T>(self, conn: &mut super::DbConn) -> diesel::QueryResult<Vec<T>>
    where
        T: diesel::QueryableByName<diesel::sqlite::Sqlite> + diesel::QueryableByName<diesel::pg::Pg> + 'static,
    {
        use diesel::RunQueryDsl;
        match conn {
            super::DbConn::Sqlite(c) => bound!(self, diesel::sqlite::Sqlite).load::<T>(c),
            super::DbConn::Postgres(c) => bound!(self, diesel::pg::Pg).load::<T>(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern(" 50%_x "), "%50\\%\\_x%");
    }
}

/// A fixed piece of SQL in a diesel query, like `dsl::sql`, but one that lets diesel keep the
/// statement prepared on the connection. `dsl::sql` marks every statement containing it unsafe
/// to cache, so PostgreSQL parsed and planned it on every execution: for the project page's
/// one statement that planning was most of PostgreSQL's work. Each piece is a type of its own
/// (`FixedSql`), and a statement made of such types keeps a static query id: diesel then finds
/// its prepared statement by type instead of writing its SQL out first to look it up by text
/// (which, for the project page, was a fifth of the server's work per request).
pub trait FixedSql: 'static {
    type SqlType;
    /// The text on SQLite and on PostgreSQL: constants, never input.
    const TEXT: [&'static str; 2];
}

/// Declares a `FixedSql` piece: `fixed_sql!(pub CountyName: Nullable<Text> = [sqlite, postgres]);`.
#[macro_export]
macro_rules! fixed_sql {
    ($(#[$meta:meta])* $vis:vis $name:ident: $sql_type:ty = [$sqlite:expr, $postgres:expr $(,)?]) => {
        $(#[$meta])*
        $vis struct $name;

        impl $crate::db::sql::FixedSql for $name {
            type SqlType = $sql_type;
            const TEXT: [&'static str; 2] = [$sqlite, $postgres];
        }
    };
}

#[derive(Debug, Clone, Copy)]
pub struct Fixed<F>(&'static str, std::marker::PhantomData<F>);

/// The piece `F` in the text of the connection's backend (`pg`: PostgreSQL). A connection is
/// one backend for its whole life, so on it the type `F` always stands for the same text, which
/// is what makes keying its statements by type sound.
pub const fn fixed<F: FixedSql>(pg: bool) -> Fixed<F> {
    Fixed(F::TEXT[pg as usize], std::marker::PhantomData)
}

impl<F: FixedSql> diesel::Expression for Fixed<F>
where
    F::SqlType: diesel::sql_types::SqlType + diesel::expression::TypedExpressionType,
{
    type SqlType = F::SqlType;
}

impl<DB: diesel::backend::Backend, F> diesel::query_builder::QueryFragment<DB> for Fixed<F> {
    fn walk_ast<'b>(&'b self, mut out: diesel::query_builder::AstPass<'_, 'b, DB>) -> diesel::QueryResult<()> {
        out.push_sql(self.0);
        Ok(())
    }
}

impl<F: FixedSql> diesel::query_builder::QueryId for Fixed<F> {
    type QueryId = F;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<QS, F> diesel::expression::SelectableExpression<QS> for Fixed<F> where Self: diesel::Expression {}

impl<QS, F> diesel::expression::AppearsOnTable<QS> for Fixed<F> where Self: diesel::Expression {}

impl<GB, F> diesel::expression::ValidGrouping<GB> for Fixed<F> {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

/// `(a, b) < ($1, $2)`: a keyset page's condition, which both databases answer from one index
/// range (the equivalent `a < x OR (a = x AND b < y)` makes SQLite scan). Built from constant
/// column names and bound values, so the statement stays cacheable (see `Fixed`).
#[derive(Debug, Clone)]
pub struct RowBefore<A> {
    pub columns: &'static str,
    pub key: A,
    pub id: String,
}

impl<A> diesel::Expression for RowBefore<A> {
    type SqlType = diesel::sql_types::Bool;
}

impl<DB, A> diesel::query_builder::QueryFragment<DB> for RowBefore<A>
where
    DB: diesel::backend::Backend,
    A: diesel::serialize::ToSql<<A as KeyType>::SqlType, DB> + KeyType,
    String: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
    DB: diesel::sql_types::HasSqlType<<A as KeyType>::SqlType> + diesel::sql_types::HasSqlType<diesel::sql_types::Text>,
{
    fn walk_ast<'b>(&'b self, mut out: diesel::query_builder::AstPass<'_, 'b, DB>) -> diesel::QueryResult<()> {
        out.push_sql("(");
        out.push_sql(self.columns);
        out.push_sql(") < (");
        out.push_bind_param::<<A as KeyType>::SqlType, _>(&self.key)?;
        out.push_sql(", ");
        out.push_bind_param::<diesel::sql_types::Text, _>(&self.id)?;
        out.push_sql(")");
        Ok(())
    }
}

impl<A> diesel::query_builder::QueryId for RowBefore<A> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<QS, A> diesel::expression::SelectableExpression<QS> for RowBefore<A> {}

impl<QS, A> diesel::expression::AppearsOnTable<QS> for RowBefore<A> {}

impl<GB, A> diesel::expression::ValidGrouping<GB> for RowBefore<A> {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

/// The SQL type a keyset's sort key is bound as.
pub trait KeyType {
    type SqlType: diesel::sql_types::SqlType + diesel::sql_types::SingleValue;
}

impl KeyType for chrono::NaiveDateTime {
    type SqlType = diesel::sql_types::Timestamp;
}

impl KeyType for i64 {
    type SqlType = diesel::sql_types::BigInt;
}

/// A statement whose text is the same on every run, kept prepared on the connection although
/// diesel would not keep it: diesel never caches an `UPDATE`, an upsert's `DO UPDATE`, or
/// anything holding `dsl::sql`, so PostgreSQL parsed and planned each of the busiest writes'
/// statements (a progress update's, a new project's rollup upserts) on every run. Diesel looks
/// a `Prepared` statement up by its text and bind types (`HAS_STATIC_QUERY_ID` is false), so
/// two statements share a prepared one only when their SQL is the same. Only for statements
/// whose text is fixed (no `IN` list of varying length, no optional `SET` columns): each text
/// stays prepared for the connection's life.
///
/// Run it with `get_result` or `load` (give an `UPDATE` or an upsert a `RETURNING` of one
/// column): those hand diesel the statement itself, whereas `execute` hands it a reference,
/// whose cache check (diesel's `QueryFragment for &T`) walks the statement and finds the mark.
/// On a backend's own connection (`on_backend!`): `DbConn`'s wrapper walks it the same way.
#[derive(Debug, Clone, Copy)]
pub struct Prepared<Q>(pub Q);

impl<Q> diesel::query_builder::QueryId for Prepared<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: diesel::query_builder::Query> diesel::query_builder::Query for Prepared<Q> {
    type SqlType = Q::SqlType;
}

impl<DB: diesel::backend::Backend, Q: diesel::query_builder::QueryFragment<DB>> diesel::query_builder::QueryFragment<DB>
    for Prepared<Q>
{
    fn walk_ast<'b>(&'b self, out: diesel::query_builder::AstPass<'_, 'b, DB>) -> diesel::QueryResult<()> {
        self.0.walk_ast(out)
    }

    fn is_safe_to_cache_prepared(&self, _backend: &DB) -> diesel::QueryResult<bool> {
        Ok(true)
    }
}

impl<Q, Conn> diesel::query_dsl::RunQueryDsl<Conn> for Prepared<Q> {}
