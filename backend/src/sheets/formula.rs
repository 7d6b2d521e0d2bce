//! CSV injection (OWASP "CSV Injection"): Excel and LibreOffice run a CSV cell that starts with
//! `=`, `+`, `-` or `@` (and, after their trimming, a tab or carriage return) as a formula, so a
//! project titled `=cmd|' /C calc'!A0` would reach a coordinator's desktop as a live formula.
//! Exported text cells that start so are prefixed with an apostrophe, which spreadsheets read
//! as "this is text"; numbers are typed cells and written as they are (a negative amount stays
//! a number). Reading a file back strips that one apostrophe again, so an export re-imports to
//! the same values.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn triggers(s: &str) -> bool {
    s.starts_with(TRIGGERS)
}

/// A text cell as an export writes it: inert in any spreadsheet.
pub fn neutralize(text: &str) -> Cow<'_, str> {
    if triggers(text) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// A cell as an import reads it: the apostrophe `neutralize` added is taken away again.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if triggers(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_made_text_and_read_back() {
        for raw in ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"] {
            let out = neutralize(raw);
            assert_eq!(out, format!("'{raw}"));
            assert_eq!(restore(&out), raw);
        }
    }

    #[test]
    fn other_text_is_left_alone() {
        for raw in ["昭觉县教育帮扶", "1250000.00", " =not a formula", "'quoted", "a=b", ""] {
            assert_eq!(neutralize(raw), raw);
            assert_eq!(restore(raw), raw);
        }
    }
}
