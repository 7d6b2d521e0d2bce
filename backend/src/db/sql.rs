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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern(" 50%_x "), "%50\\%\\_x%");
    }
}
