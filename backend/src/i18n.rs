//! Messages for people come in the two languages of the product: zh-CN (the default) and en.
//! The response language follows `Accept-Language`, so a coordinator reads 第 4 行 and an
//! integrator may ask for English.

use actix_web::HttpRequest;
use actix_web::http::header;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The first of zh / en named in `Accept-Language`; zh-CN when neither is.
    pub fn of(req: &HttpRequest) -> Lang {
        req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(Lang::parse).unwrap_or_default()
    }

    pub fn parse(accept_language: &str) -> Lang {
        accept_language
            .split(',')
            .map(|tag| tag.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
            .find_map(|tag| match tag.split('-').next() {
                Some("zh") => Some(Lang::Zh),
                Some("en") => Some(Lang::En),
                _ => None,
            })
            .unwrap_or_default()
    }
}

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self { zh: zh.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// `tr!("中文 {x}", "English {x}")`: both strings formatted with the same arguments.
#[macro_export]
macro_rules! tr {
    ($zh:literal, $en:literal $(,)?) => {
        $crate::i18n::Text::new(format!($zh), format!($en))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_first_supported_language() {
        assert_eq!(Lang::parse("en-US,en;q=0.9"), Lang::En);
        assert_eq!(Lang::parse("fr-FR, en;q=0.5, zh;q=0.4"), Lang::En);
        assert_eq!(Lang::parse("zh-CN,zh;q=0.9,en;q=0.8"), Lang::Zh);
        assert_eq!(Lang::parse("de"), Lang::Zh);
        assert_eq!(Lang::parse(""), Lang::Zh);
    }

    #[test]
    fn formats_both_languages() {
        let n = 4;
        let t = tr!("第 {n} 行", "line {n}");
        assert_eq!((t.get(Lang::Zh), t.get(Lang::En)), ("第 4 行", "line 4"));
    }
}
