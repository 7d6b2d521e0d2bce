//! The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters of digits and
//! capitals without I, O, S, V, Z. Position 1 is the registering department (5 = civil affairs),
//! position 2 the kind of institution (under civil affairs: 1 社会团体, 2 民办非企业单位 /
//! 社会服务机构, 3 基金会), positions 3–8 the registering authority's division code, 9–17 the
//! organization code, 18 the check character.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::i18n::Text;
use crate::tr;

const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditCode {
    code: String,
    /// The check character does not match. Some legally issued early codes fail it, so such a
    /// code is kept and flagged for an administrator to confirm.
    pub check_failed: bool,
}

/// What the code's positions say, for display.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct CreditCodeInfo {
    /// Position 1, e.g. `5`.
    pub department_code: String,
    /// e.g. 民政 (civil affairs).
    pub department: String,
    /// Position 2, e.g. `1`.
    pub kind_code: String,
    /// e.g. 社会团体.
    pub kind: String,
    /// Positions 3–8: the registering authority's division.
    pub division_code: String,
}

/// What `CreditCode::parse` accepts, for the contract: 18 characters of the alphabet with
/// positions 3–8 digits (the parser also upper-cases and trims; the contract asks for the
/// canonical form).
pub const PATTERN: &str = "^[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}$";

pub fn schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .pattern(Some(PATTERN))
        .build()
}

pub fn schema_or_null() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{SchemaType, Type};
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(PATTERN))
        .build()
}

fn value(c: char) -> Option<u32> {
    ALPHABET.find(c).map(|i| i as u32)
}

impl CreditCode {
    pub fn parse(raw: &str) -> Result<Self, Text> {
        let code: String = raw.trim().to_ascii_uppercase();
        let n = code.chars().count();
        if n != 18 {
            return Err(tr!("统一社会信用代码应为 18 位（现为 {n} 位）", "must be 18 characters (got {n})"));
        }
        if let Some(bad) = code.chars().find(|c| value(*c).is_none()) {
            return Err(tr!(
                "含有不允许的字符“{bad}”（只能是数字和除 I、O、S、V、Z 以外的大写字母）",
                "contains {bad:?}; only digits and capitals other than I, O, S, V, Z are allowed"
            ));
        }
        if !code[2..8].bytes().all(|b| b.is_ascii_digit()) {
            return Err(tr!("第 3–8 位应为行政区划代码（数字）", "positions 3–8 must be a division code (digits)"));
        }
        let sum: u32 = code.chars().take(17).zip(WEIGHTS).map(|(c, w)| value(c).unwrap_or(0) * w).sum();
        let expected = (31 - sum % 31) % 31;
        let check_failed = value(code.chars().nth(17).unwrap_or('0')) != Some(expected);
        Ok(Self { code, check_failed })
    }

    pub fn as_str(&self) -> &str {
        &self.code
    }

    pub fn info(&self) -> CreditCodeInfo {
        decode(&self.code)
    }
}

/// Decodes positions 1, 2 and 3–8 of a stored code.
pub fn decode(code: &str) -> CreditCodeInfo {
    let dept = code.get(0..1).unwrap_or("");
    let kind = code.get(1..2).unwrap_or("");
    let department = match dept {
        "1" => "机构编制",
        "2" => "外交",
        "3" => "司法行政",
        "4" => "文化",
        "5" => "民政",
        "6" => "旅游",
        "7" => "宗教",
        "8" => "工会",
        "9" => "工商",
        "A" => "中央军委改革和编制办公室",
        "N" => "农业",
        "Y" => "其他",
        _ => "未知",
    };
    let kind_name = match (dept, kind) {
        ("5", "1") => "社会团体",
        ("5", "2") => "民办非企业单位（社会服务机构）",
        ("5", "3") => "基金会",
        ("5", "9") => "其他",
        _ => "非民政登记的机构类别",
    };
    CreditCodeInfo {
        department_code: dept.into(),
        department: department.into(),
        kind_code: kind.into(),
        kind: kind_name.into(),
        division_code: code.get(2..8).unwrap_or("").into(),
    }
}

/// A valid code with the given first 17 characters (for tests and demo data).
pub fn with_check_char(first17: &str) -> String {
    let sum: u32 = first17.chars().zip(WEIGHTS).map(|(c, w)| value(c).unwrap_or(0) * w).sum();
    let expected = ((31 - sum % 31) % 31) as usize;
    format!("{first17}{}", &ALPHABET[expected..expected + 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_valid_code_and_decodes_it() {
        let code = with_check_char("51100000500000000");
        let c = CreditCode::parse(&code.to_lowercase()).expect("valid");
        assert!(!c.check_failed);
        assert_eq!(c.as_str(), code);
        let info = c.info();
        assert_eq!((info.department.as_str(), info.kind.as_str()), ("民政", "社会团体"));
        assert_eq!(info.division_code, "100000");
    }

    #[test]
    fn a_published_business_code_checks() {
        // A widely published valid code (a company registered in 福州).
        assert!(!CreditCode::parse("91350100M000100Y43").expect("valid").check_failed);
    }

    #[test]
    fn keeps_a_code_whose_check_character_fails_but_flags_it() {
        let code = with_check_char("53100000500000000");
        let last = code.chars().last().expect("char");
        let wrong = if last == '0' { '1' } else { '0' };
        let c = CreditCode::parse(&format!("{}{wrong}", &code[..17])).expect("kept");
        assert!(c.check_failed);
    }

    #[test]
    fn rejects_malformed_codes_with_a_reason() {
        assert!(CreditCode::parse("5110000050000000").expect_err("short").en.contains("18 characters"));
        assert!(CreditCode::parse("51100000500000000I").expect_err("I").en.contains("'I'"));
        assert!(CreditCode::parse("51AB0000500000000X").expect_err("division").en.contains("division"));
    }
}
