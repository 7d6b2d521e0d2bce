//! SQL helpers every store may use.

/// `LIKE` pattern for free-text search, with the wildcard characters of the input escaped.
pub fn like_pattern(q: &str) -> String {
    let escaped = q.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern(" 50%_x "), "%50\\%\\_x%");
    }
}
