//! Money in yuan, exact: stored as integer fen (分), exchanged as a decimal string `"1250000.00"`.

use std::fmt;

use crate::i18n::Text;
use crate::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);
    /// The largest amount: 10 trillion yuan. Every amount the API accepts, and every figure a
    /// write accumulates (a project's funds in place), stays at or below it, so a stored amount
    /// is always one the API could have accepted.
    pub const MAX: Money = Money(1_000_000_000_000_000);

    pub fn from_fen(fen: i64) -> Self {
        Self(fen)
    }

    pub fn fen(self) -> i64 {
        self.0
    }

    /// The sum, or `None` when it would pass `MAX` (or the range of the integer).
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).filter(|f| *f <= Self::MAX.0).map(Self)
    }

    /// A non-negative amount with at most two decimals, e.g. `"1250000"`, `"1250000.5"`.
    pub fn parse(raw: &str) -> Result<Self, Text> {
        parse_fen(raw)
            .filter(|f| *f <= i128::from(Self::MAX.0))
            .and_then(|f| i64::try_from(f).ok())
            .map(Self)
            .ok_or_else(|| {
                tr!(
                    "金额应为不小于 0、最多两位小数的数字（至多 10 万亿元），如 \"1250000.00\"",
                    "must be an amount in yuan with at most two decimals (at most 10 trillion), e.g. \"1250000.00\""
                )
            })
    }
}

/// A total of many amounts (a campaign's funds in place over its projects). Wider than one
/// amount, so no number of projects at `Money::MAX` can overflow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct MoneyTotal(i128);

impl MoneyTotal {
    pub const ZERO: MoneyTotal = MoneyTotal(0);

    pub fn from_fen(fen: i128) -> Self {
        Self(fen)
    }

    pub fn fen(self) -> i128 {
        self.0
    }

    /// Adds `fen`; `None` only past the range of a 128-bit integer.
    pub fn checked_add(self, fen: i128) -> Option<MoneyTotal> {
        self.0.checked_add(fen).map(Self)
    }
}

impl From<Money> for MoneyTotal {
    fn from(m: Money) -> Self {
        Self(i128::from(m.0))
    }
}

/// Fen of a non-negative decimal amount in yuan with at most two decimals.
fn parse_fen(raw: &str) -> Option<i128> {
    let s = raw.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || (s.contains('.') && frac.is_empty())
    {
        return None;
    }
    let whole: i128 = whole.parse().ok()?;
    let frac: i128 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

/// `-12.05` for -1205 fen: the sign once, in front, and two decimals of the absolute value.
fn write_fen(f: &mut fmt::Formatter<'_>, fen: i128) -> fmt::Result {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_fen(f, i128::from(self.0))
    }
}

impl fmt::Display for MoneyTotal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_fen(f, self.0)
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

impl serde::Serialize for MoneyTotal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for MoneyTotal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_fen(&s).map(Self).ok_or_else(|| serde::de::Error::custom("not an amount in yuan"))
    }
}

impl utoipa::PartialSchema for MoneyTotal {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(r"^\d+(\.\d{1,2})?$"))
            .description(Some(
                "A total in yuan as a decimal string, e.g. \"92240000000000000.00\": it may exceed what one amount can hold",
            ))
            .examples(["1250000.00"])
            .into()
    }
}

impl utoipa::ToSchema for MoneyTotal {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_exact_decimals() {
        assert_eq!(Money::parse("1250000.00").expect("ok").fen(), 125_000_000);
        assert_eq!(Money::parse("0.5").expect("ok").to_string(), "0.50");
        assert_eq!(Money::parse("12").expect("ok").to_string(), "12.00");
        assert_eq!(Money::parse("10000000000000.00").expect("the largest"), Money::MAX);
        for bad in ["", "-1", "1.234", "1e6", "1.", ".5", "１２", "99999999999999999999", "10000000000000.01"] {
            assert!(Money::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(serde_json::to_string(&Money::from_fen(105)).expect("json"), "\"1.05\"");
    }

    #[test]
    fn negative_amounts_print_with_one_sign() {
        assert_eq!(Money::from_fen(-1616).to_string(), "-16.16");
        assert_eq!(Money::from_fen(-5).to_string(), "-0.05");
        assert_eq!(Money::from_fen(i64::MIN).to_string(), "-92233720368547758.08");
        assert_eq!(MoneyTotal(-100).to_string(), "-1.00");
    }

    #[test]
    fn sums_are_checked() {
        assert_eq!(Money::MAX.checked_add(Money::from_fen(1)), None);
        assert_eq!(Money::from_fen(i64::MAX).checked_add(Money::from_fen(1)), None);
        assert_eq!(Money::from_fen(5).checked_add(Money::from_fen(7)), Some(Money::from_fen(12)));
        // 9,224 projects at the largest amount: more fen than an i64 holds, exact as a total.
        let total = (0..9224).try_fold(MoneyTotal::ZERO, |t, _| t.checked_add(i128::from(Money::MAX.fen())));
        assert_eq!(total.map(|t| t.to_string()).as_deref(), Some("92240000000000000.00"));
        assert_eq!(MoneyTotal(i128::MAX).checked_add(1), None);
        let json = serde_json::to_string(&total).expect("json");
        assert_eq!(serde_json::from_str::<Option<MoneyTotal>>(&json).expect("back"), total);
    }
}
