//! Money in yuan, exact: stored as integer fen (分), exchanged as a decimal string `"1250000.00"`.

use std::fmt;

use crate::i18n::Text;
use crate::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_fen(fen: i64) -> Self {
        Self(fen)
    }

    pub fn fen(self) -> i64 {
        self.0
    }

    /// A non-negative amount with at most two decimals, e.g. `"1250000"`, `"1250000.5"`.
    pub fn parse(raw: &str) -> Result<Self, Text> {
        let s = raw.trim();
        let bad = || {
            tr!(
                "金额应为不小于 0、最多两位小数的数字，如 \"1250000.00\"",
                "must be an amount in yuan with at most two decimals, e.g. \"1250000.00\""
            )
        };
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        if whole.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 2
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || (s.contains('.') && frac.is_empty())
        {
            return Err(bad());
        }
        let whole: i64 = whole.parse().map_err(|_| bad())?;
        let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
        whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(frac))
            .filter(|f| *f <= 1_000_000_000_000_000)
            .map(Self)
            .ok_or_else(bad)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Money::parse(&s).map_err(|e| serde::de::Error::custom(e.en))
    }
}

impl utoipa::PartialSchema for Money {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            // ASCII digits only (`\d` admits other scripts' digits in many regex engines), and at
            // most 13 before the point: `parse` caps amounts at 10^13 yuan.
            .pattern(Some(r"^[0-9]{1,13}(\.[0-9]{1,2})?$"))
            .description(Some("Amount in yuan as a decimal string, e.g. \"1250000.00\""))
            .examples(["1250000.00"])
            .into()
    }
}

impl utoipa::ToSchema for Money {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_exact_decimals() {
        assert_eq!(Money::parse("1250000.00").expect("ok").fen(), 125_000_000);
        assert_eq!(Money::parse("0.5").expect("ok").to_string(), "0.50");
        assert_eq!(Money::parse("12").expect("ok").to_string(), "12.00");
        for bad in ["", "-1", "1.234", "1e6", "1.", ".5", "１２", "99999999999999999999"] {
            assert!(Money::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(serde_json::to_string(&Money::from_fen(105)).expect("json"), "\"1.05\"");
    }
}
