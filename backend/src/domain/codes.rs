//! Administrative division codes (GB/T 2260): six digits; a province ends in `0000`.

use std::fmt;

use crate::i18n::Text;
use crate::tr;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProvinceCode(String);

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountyCode(String);

fn six_digits(raw: &str) -> Option<&str> {
    let s = raw.trim();
    (s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

impl ProvinceCode {
    pub fn parse(raw: &str) -> Result<Self, Text> {
        let s = six_digits(raw)
            .ok_or_else(|| tr!("须为 6 位数字代码，如 510000", "must be a 6-digit code such as 510000"))?;
        if !s.ends_with("0000") || s.starts_with('0') {
            return Err(tr!("省级代码以 0000 结尾，如 510000", "a province code ends in 0000, such as 510000"));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl CountyCode {
    pub fn parse(raw: &str) -> Result<Self, Text> {
        let s = six_digits(raw)
            .ok_or_else(|| tr!("须为 6 位数字代码，如 513431", "must be a 6-digit code such as 513431"))?;
        if s.ends_with("00") {
            return Err(tr!(
                "县级代码不以 00 结尾（以 00 结尾的是省或地市）",
                "a county code does not end in 00 (that is a province or prefecture)"
            ));
        }
        Ok(Self(s.to_owned()))
    }

    /// The province a county belongs to is encoded in its first two digits.
    pub fn province(&self) -> ProvinceCode {
        ProvinceCode(format!("{}0000", &self.0[..2]))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ProvinceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for CountyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The province code of a stored (already valid) county code.
pub fn province_of(county_code: &str) -> String {
    format!("{}0000", county_code.get(..2).unwrap_or("00"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_codes() {
        assert_eq!(ProvinceCode::parse(" 510000 ").expect("ok").as_str(), "510000");
        assert!(ProvinceCode::parse("51").is_err());
        assert!(ProvinceCode::parse("513431").is_err());
        assert!(ProvinceCode::parse("51000a").is_err());
        assert!(ProvinceCode::parse("000000").is_err());
    }

    #[test]
    fn county_codes_know_their_province() {
        let c = CountyCode::parse("513431").expect("ok");
        assert_eq!(c.province().as_str(), "510000");
        assert!(CountyCode::parse("510000").is_err());
        assert!(CountyCode::parse("5134310").is_err());
        assert!(CountyCode::parse("５１３４３１").is_err());
    }
}
