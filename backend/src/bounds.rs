//! The limits a client's input must keep, stated once: handlers check input against these
//! values and the OpenAPI schemas are built from the same values (`#[schema(schema_with = …)]`,
//! `#[param(schema_with = …)]`), so the contract says exactly what the server enforces and a
//! generated client never sends what the server then refuses with a 422.
//! utoipa's `max_length = …` attributes take literals only, hence the schema functions here.

use utoipa::openapi::schema::{ArrayBuilder, Object, ObjectBuilder, Schema, SchemaFormat, SchemaType, Type};
use utoipa::openapi::{KnownFormat, RefOr};

/// Free text whose length (in characters, after trimming surrounding white space) is bounded.
#[derive(Debug, Clone, Copy)]
pub struct TextRule {
    /// Characters at least, counted after trimming (0 or 1: "may be empty" or "not blank").
    pub min: usize,
    /// Characters at most.
    pub max: usize,
}

impl TextRule {
    pub fn accepts(&self, value: &str) -> bool {
        let n = value.trim().chars().count();
        n >= self.min && n <= self.max
    }

    fn schema(&self, nullable: bool) -> Object {
        let mut b = ObjectBuilder::new().schema_type(string_type(nullable)).max_length(Some(self.max));
        if self.min > 0 {
            // Not blank: at least one character that is not white space (the server trims).
            b = b.min_length(Some(self.min)).pattern(Some(r"\S"));
        }
        b.build()
    }
}

/// Titles of needs, offers and projects; organization names; a campaign's theme.
pub const TITLE: TextRule = TextRule { min: 1, max: 200 };
/// A person's display name; an API token's name.
pub const SHORT_NAME: TextRule = TextRule { min: 1, max: 100 };
/// Descriptions and narratives.
pub const DESCRIPTION: TextRule = TextRule { min: 0, max: 5000 };
/// A reason, a note or a place that must be given.
pub const REQUIRED_TEXT: TextRule = TextRule { min: 1, max: 5000 };

/// Passwords: counted as given, never trimmed.
pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 256;

/// Usernames: 3–64 of letters, digits, `.`, `_`, `-`, `@`.
pub const USERNAME_PATTERN: &str = r"^[A-Za-z0-9._@-]{3,64}$";

pub fn username_ok(name: &str) -> bool {
    (3..=64).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
}

/// Six-digit GB/T 2260 codes (`domain::codes` parses them the same way).
/// A webhook's receiver: an http(s) URL of at most `WEBHOOK_URL_MAX` characters.
pub const WEBHOOK_URL_PATTERN: &str = r"^https?://[^\s/?#@]+([/?#]\S*)?$";
pub const WEBHOOK_URL_MAX: usize = 2000;
pub const PROVINCE_CODE_PATTERN: &str = r"^[1-9][0-9]0000$";
pub const COUNTY_CODE_PATTERN: &str = r"^[0-9]{4}(0[1-9]|[1-9][0-9])$";

/// The years a campaign or a statistic may be about.
pub const YEARS: std::ops::RangeInclusive<i64> = 2021..=2100;

/// People or events counted in one local-cultivation record: more than the country's
/// population is a typing error, and a bound per record keeps every pairing's totals far inside
/// 64 bits (9.2 billion records at the bound before a sum could overflow).
pub const HEADCOUNT: std::ops::RangeInclusive<i64> = 0..=1_000_000_000;

/// Page sizes of lists (`http::limit`) and of rankings (`matching::match_limit`).
pub const LIST_LIMIT: std::ops::RangeInclusive<i64> = 1..=crate::http::MAX_LIMIT;
pub const MATCH_LIMIT: std::ops::RangeInclusive<i64> = 1..=100;

fn string_type(nullable: bool) -> SchemaType {
    if nullable { SchemaType::from_iter([Type::String, Type::Null]) } else { SchemaType::new(Type::String) }
}

fn integer(range: Option<&std::ops::RangeInclusive<i64>>, min: i64, nullable: bool) -> Object {
    let ty = if nullable { SchemaType::from_iter([Type::Integer, Type::Null]) } else { SchemaType::new(Type::Integer) };
    let (lo, hi) = range.map(|r| (*r.start(), Some(*r.end()))).unwrap_or((min, None));
    ObjectBuilder::new()
        .schema_type(ty)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(lo as f64))
        .maximum(hi.map(|h| h as f64))
        .build()
}

fn pattern(p: &str, nullable: bool) -> Object {
    ObjectBuilder::new().schema_type(string_type(nullable)).pattern(Some(p)).build()
}

/// Schema functions for `schema_with`: one per rule, `_or_null` for optional body fields
/// (`Option<T>` in a body may be sent as `null`; query parameters are never null).
macro_rules! schema_fns {
    ($($name:ident, $nullable:ident => $build:expr;)+) => {
        $(
            pub fn $name() -> Object {
                ($build)(false)
            }
            pub fn $nullable() -> Object {
                ($build)(true)
            }
        )+
    };
}

schema_fns! {
    title, title_or_null => |n| TITLE.schema(n);
    short_name, short_name_or_null => |n| SHORT_NAME.schema(n);
    description, description_or_null => |n| DESCRIPTION.schema(n);
    required_text, required_text_or_null => |n| REQUIRED_TEXT.schema(n);
    province_code, province_code_or_null => |n| pattern(PROVINCE_CODE_PATTERN, n);
    county_code, county_code_or_null => |n| pattern(COUNTY_CODE_PATTERN, n);
    count, count_or_null => |n| integer(None, 0, n);
    headcount, headcount_or_null => |n| integer(Some(&HEADCOUNT), 0, n);
    year, year_or_null => |n| integer(Some(&YEARS), 0, n);
    list_limit, list_limit_or_null => |n| integer(Some(&LIST_LIMIT), 0, n);
    match_limit, match_limit_or_null => |n| integer(Some(&MATCH_LIMIT), 0, n);
    username, username_or_null => |n| pattern(USERNAME_PATTERN, n);
    webhook_url, webhook_url_or_null => |n| {
        let mut o = pattern(WEBHOOK_URL_PATTERN, n);
        o.max_length = Some(WEBHOOK_URL_MAX);
        o
    };
}

pub fn password() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(PASSWORD_MIN))
        .max_length(Some(PASSWORD_MAX))
        .write_only(Some(true))
        .build()
}

pub fn password_or_null() -> Object {
    ObjectBuilder::new()
        .schema_type(string_type(true))
        .min_length(Some(PASSWORD_MIN))
        .max_length(Some(PASSWORD_MAX))
        .write_only(Some(true))
        .build()
}

fn list_of(item: Object, nullable: bool) -> RefOr<Schema> {
    let ty = if nullable { SchemaType::from_iter([Type::Array, Type::Null]) } else { SchemaType::new(Type::Array) };
    ArrayBuilder::new().schema_type(ty).items(item).build().into()
}

pub fn province_codes() -> RefOr<Schema> {
    list_of(pattern(PROVINCE_CODE_PATTERN, false), false)
}

pub fn province_codes_or_null() -> RefOr<Schema> {
    list_of(pattern(PROVINCE_CODE_PATTERN, false), true)
}

pub fn county_codes() -> RefOr<Schema> {
    list_of(pattern(COUNTY_CODE_PATTERN, false), false)
}

pub fn county_codes_or_null() -> RefOr<Schema> {
    list_of(pattern(COUNTY_CODE_PATTERN, false), true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CountyCode, ProvinceCode};

    #[test]
    fn codes_the_patterns_describe_parse() {
        for ok in ["510000", "530000", "110000"] {
            assert!(ProvinceCode::parse(ok).is_ok(), "{ok}");
        }
        for ok in ["513431", "530101", "110199"] {
            assert!(CountyCode::parse(ok).is_ok(), "{ok}");
        }
        assert!(CountyCode::parse("513400").is_err());
        assert!(ProvinceCode::parse("010000").is_err());
    }

    #[test]
    fn text_rules_count_trimmed_characters() {
        assert!(TITLE.accepts(" 助乡 "));
        assert!(!TITLE.accepts("   "));
        assert!(TITLE.accepts(&"乡".repeat(200)));
        assert!(!TITLE.accepts(&"乡".repeat(201)));
        assert!(DESCRIPTION.accepts(""));
    }

    #[test]
    fn usernames() {
        assert!(username_ok("sc-officer"));
        assert!(!username_ok("ab"));
        assert!(!username_ok("名字名字"));
    }

    #[test]
    fn schemas_carry_the_rules() {
        let t = serde_json::to_value(title()).expect("json");
        assert_eq!(t["maxLength"], TITLE.max);
        assert_eq!(t["minLength"], TITLE.min);
        let y = serde_json::to_value(year_or_null()).expect("json");
        assert_eq!(y["minimum"].as_f64(), Some(*YEARS.start() as f64));
        assert_eq!(y["type"], serde_json::json!(["integer", "null"]));
    }
}
