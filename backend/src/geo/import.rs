//! Import of the official key-county list from CSV (read by the shared bounded reader,
//! `sheets`): preview the changes (dry run), then apply them all in one transaction, or none
//! when any row is wrong.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::CountyCode;
use crate::i18n::Text;
use crate::sheets::{RowError, RowIssue};
use crate::tr;

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq)]
pub struct KeyCountyChange {
    /// Line in the file (the header is line 1).
    pub row: usize,
    pub code: String,
    pub name: String,
    pub province_name: String,
    pub key_county_before: bool,
    pub key_county_after: bool,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct KeyCountyImportReport {
    pub dry_run: bool,
    /// True when the changes were written.
    pub applied: bool,
    pub rows_total: usize,
    pub changes: Vec<KeyCountyChange>,
    /// Rows that already match the platform.
    pub unchanged: usize,
    pub errors: Vec<RowError>,
}

/// What the platform knows of a county, for planning an import.
#[derive(Clone)]
pub struct KnownCounty {
    pub name: String,
    pub province_name: String,
    pub key_county: bool,
}

const CODE_HEADERS: &[&str] = &["code", "county_code", "区划代码", "代码", "行政区划代码"];
const NAME_HEADERS: &[&str] = &["name", "county", "名称", "县名", "县", "县（市、区、旗）"];
const KEY_HEADERS: &[&str] = &["key_county", "重点帮扶县", "是否重点帮扶县"];

fn parse_flag(raw: &str) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "" | "1" | "true" | "yes" | "y" | "是" => Some(true),
        "0" | "false" | "no" | "n" | "否" => Some(false),
        _ => None,
    }
}

/// Plans an import from the file's table (`sheets::read_table`): its first non-empty row is
/// the header. `lookup` answers what the platform knows of a county code.
pub fn plan(
    table: &[Vec<String>],
    lookup: impl Fn(&str) -> Option<KnownCounty>,
) -> (Vec<KeyCountyChange>, usize, usize, Vec<RowIssue>) {
    let mut errors = vec![];
    let filled = |r: &&Vec<String>| r.iter().any(|c| !c.trim().is_empty());
    let mut rows = table.iter().enumerate().filter(|(_, r)| filled(r));
    let headers: Vec<String> = match rows.next() {
        Some((_, h)) => h.iter().map(|c| c.trim().to_owned()).collect(),
        None => vec![],
    };
    let find = |names: &[&str]| headers.iter().position(|h| names.contains(&h.to_lowercase().as_str()));
    let Some(code_col) = find(CODE_HEADERS) else {
        let names = CODE_HEADERS.join(", ");
        errors.push(RowIssue {
            row: 1,
            column: String::new(),
            message: tr!("缺少代码列，表头须含以下之一：{names}", "no code column; name one of: {names}"),
        });
        return (vec![], 0, 0, errors);
    };
    let name_col = find(NAME_HEADERS);
    let key_col = find(KEY_HEADERS);
    let mut changes = vec![];
    let mut unchanged = 0;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut total = 0;
    for (i, record) in rows {
        let row = i + 1;
        total += 1;
        let cell = |c: usize| record.get(c).map_or("", |v| v.trim());
        let col = |c: usize| headers[c].clone();
        let raw_code = cell(code_col);
        let code = match CountyCode::parse(raw_code) {
            Ok(c) => c,
            Err(m) => {
                errors.push(RowIssue {
                    row,
                    column: col(code_col),
                    message: Text::new(format!("“{raw_code}”：{}", m.zh), format!("{raw_code:?}: {}", m.en)),
                });
                continue;
            }
        };
        if let Some(first) = seen.insert(code.to_string(), row) {
            errors.push(RowIssue {
                row,
                column: col(code_col),
                message: tr!("{code} 与第 {first} 行重复", "{code} is also on line {first}"),
            });
            continue;
        }
        let Some(known) = lookup(code.as_str()) else {
            errors.push(RowIssue {
                row,
                column: col(code_col),
                message: tr!("平台上没有代码为 {code} 的县", "{code} is not a county on the platform"),
            });
            continue;
        };
        if let Some(nc) = name_col {
            let given = cell(nc);
            if !given.is_empty() && given != known.name {
                let known_name = &known.name;
                errors.push(RowIssue {
                    row,
                    column: col(nc),
                    message: tr!("{code} 是{known_name}，不是{given}", "{code} is {known_name}, not {given}"),
                });
                continue;
            }
        }
        let after = match key_col {
            Some(kc) => match parse_flag(cell(kc)) {
                Some(v) => v,
                None => {
                    errors.push(RowIssue {
                        row,
                        column: col(kc),
                        message: tr!("请填 1 或 0（是或否）", "use 1 or 0 (是 or 否)"),
                    });
                    continue;
                }
            },
            None => true,
        };
        if after == known.key_county {
            unchanged += 1;
        } else {
            changes.push(KeyCountyChange {
                row,
                code: code.to_string(),
                name: known.name,
                province_name: known.province_name,
                key_county_before: known.key_county,
                key_county_after: after,
            });
        }
    }
    if total == 0 && errors.is_empty() {
        errors.push(RowIssue {
            row: 2,
            column: String::new(),
            message: tr!("文件中没有数据行", "the file has no data rows"),
        });
    }
    (changes, unchanged, total, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheets::{Limits, read_table};

    fn table(csv: &str) -> Vec<Vec<String>> {
        read_table(csv.as_bytes(), &Limits::UPLOAD).expect("a table")
    }

    fn lookup(code: &str) -> Option<KnownCounty> {
        let (name, key) = match code {
            "513431" => ("昭觉县", true),
            "513432" => ("喜德县", false),
            "110101" => ("东城区", false),
            "513433" => ("冕宁县", false),
            _ => return None,
        };
        Some(KnownCounty { name: name.into(), province_name: "四川省".into(), key_county: key })
    }

    #[test]
    fn plans_changes_and_reports_row_errors_by_column() {
        let csv = "\u{feff}区划代码,名称,重点帮扶县\n513431,昭觉县,1\n513432,喜德县,是\n999999,,1\n110101,西城区,1\n513432,,0\n12,x,1\n513433,,maybe\n";
        let (changes, unchanged, total, errors) = plan(&table(csv), lookup);
        assert_eq!(total, 7);
        assert_eq!(unchanged, 1);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].code, "513432");
        assert!(changes[0].key_county_after);
        let described: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.column.as_str())).collect();
        assert_eq!(described, vec![(4, "区划代码"), (5, "名称"), (6, "区划代码"), (7, "区划代码"), (8, "重点帮扶县")]);
    }

    #[test]
    fn a_file_without_a_code_column_is_one_clear_error() {
        let (_, _, _, errors) = plan(&table("county name\n昭觉县\n"), lookup);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.en.contains("no code column"));
        assert!(errors[0].message.zh.contains("缺少代码列"));
    }
}
