//! A framework's tree: dimensions with weights, each holding indicators with weights, a method
//! and, for expert indicators, a rubric. Checked in two steps: every save checks each node on
//! its own (so a draft can be saved half-weighted while it is being built); activation also
//! checks that siblings' weights add up to 100. Every error names its node
//! (`dimensions[1].indicators[0].weight`).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::metrics;
use crate::domain::evaluation::{IndicatorMethod, Normalization, SubjectType};
use crate::error::Invalid;
use crate::tr;

/// Nodes at most: dimensions per framework, indicators per dimension, bands per rubric.
pub const MAX_DIMENSIONS: usize = 12;
pub const MAX_INDICATORS: usize = 30;
pub const MAX_BANDS: usize = 10;

/// A score band of an expert indicator's rubric: what a score from `min` to `max` means.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RubricBand {
    pub min: i64,
    pub max: i64,
    #[schema(schema_with = crate::bounds::required_text)]
    pub description: String,
}

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Unique in the framework: letters, digits, `.`, `_`, `-`, up to 32.
    pub code: String,
    #[schema(schema_with = crate::bounds::short_name)]
    pub name: String,
    /// 0–100; an indicator's siblings add up to 100.
    pub weight: i64,
    pub method: IndicatorMethod,
    /// For a computed indicator: the metric of `GET /indicator-metrics` it reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// For a computed indicator: `min_max` (default) or `target`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalization: Option<Normalization>,
    /// The figure that scores 100 with `target` normalization (more also scores 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// For an expert indicator: its score bands.
    #[serde(default)]
    pub rubric: Vec<RubricBand>,
}

impl Indicator {
    pub fn normalization(&self) -> Normalization {
        self.normalization.unwrap_or(Normalization::MinMax)
    }
}

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub code: String,
    #[schema(schema_with = crate::bounds::short_name)]
    pub name: String,
    /// 0–100; the dimensions add up to 100.
    pub weight: i64,
    pub indicators: Vec<Indicator>,
}

/// The whole tree of a framework.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Tree {
    pub dimensions: Vec<Dimension>,
}

impl Tree {
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.dimensions.iter().flat_map(|d| d.indicators.iter())
    }

    pub fn expert_indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.indicators().filter(|i| i.method == IndicatorMethod::Expert)
    }
}

fn code_ok(code: &str) -> bool {
    !code.is_empty() && code.len() <= 32 && code.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
}

/// What every save checks: each node on its own.
pub fn check_nodes(tree: &Tree, subject: SubjectType) -> Vec<Invalid> {
    let mut errors = vec![];
    if tree.dimensions.len() > MAX_DIMENSIONS {
        errors.push(Invalid::new("dimensions", tr!("最多 {MAX_DIMENSIONS} 个维度", "at most {MAX_DIMENSIONS} dimensions")));
    }
    let mut codes = HashSet::new();
    let mut code = |errors: &mut Vec<Invalid>, field: String, c: &str| {
        if !code_ok(c) {
            errors.push(Invalid::new(field, tr!("编码为 1–32 位字母、数字或 ._-", "1–32 letters, digits or ._-")));
        } else if !codes.insert(c.to_owned()) {
            errors.push(Invalid::new(field, tr!("编码 {c} 重复", "the code {c} is used twice")));
        }
    };
    let name = |errors: &mut Vec<Invalid>, field: String, n: &str| {
        if !crate::bounds::SHORT_NAME.accepts(n) {
            errors.push(Invalid::new(field, tr!("名称不能为空，最多 100 字", "a name of 1–100 characters")));
        }
    };
    let weight = |errors: &mut Vec<Invalid>, field: String, w: i64| {
        if !(0..=100).contains(&w) {
            errors.push(Invalid::new(field, tr!("权重为 0–100 的整数", "a whole number from 0 to 100")));
        }
    };
    for (d, dim) in tree.dimensions.iter().enumerate() {
        let at = format!("dimensions[{d}]");
        code(&mut errors, format!("{at}.code"), &dim.code);
        name(&mut errors, format!("{at}.name"), &dim.name);
        weight(&mut errors, format!("{at}.weight"), dim.weight);
        if dim.indicators.len() > MAX_INDICATORS {
            errors.push(Invalid::new(
                format!("{at}.indicators"),
                tr!("每个维度最多 {MAX_INDICATORS} 个指标", "at most {MAX_INDICATORS} indicators per dimension"),
            ));
        }
        for (i, ind) in dim.indicators.iter().enumerate() {
            let at = format!("{at}.indicators[{i}]");
            code(&mut errors, format!("{at}.code"), &ind.code);
            name(&mut errors, format!("{at}.name"), &ind.name);
            weight(&mut errors, format!("{at}.weight"), ind.weight);
            match ind.method {
                IndicatorMethod::Computed => {
                    let known = ind.metric.as_deref().and_then(metrics::find).filter(|m| m.subjects.contains(&subject));
                    if known.is_none() {
                        errors.push(Invalid::new(
                            format!("{at}.metric"),
                            tr!(
                                "计算指标须选用适用于该评估对象的指标口径（见 /indicator-metrics）",
                                "a computed indicator names a metric for this subject type (see /indicator-metrics)"
                            ),
                        ));
                    }
                    let target_ok = ind.target.is_some_and(|t| t.is_finite() && t > 0.0 && t <= 1e15);
                    if ind.normalization() == Normalization::Target && !target_ok {
                        errors.push(Invalid::new(format!("{at}.target"), tr!("目标值须大于 0", "a target above 0")));
                    }
                    if !ind.rubric.is_empty() {
                        errors.push(Invalid::new(
                            format!("{at}.rubric"),
                            tr!("计算指标没有评分标准", "a computed indicator has no rubric"),
                        ));
                    }
                }
                IndicatorMethod::Expert => {
                    if ind.metric.is_some() || ind.normalization.is_some() || ind.target.is_some() {
                        errors.push(Invalid::new(
                            format!("{at}.metric"),
                            tr!("专家评分指标不引用计算口径", "an expert indicator names no metric"),
                        ));
                    }
                    if ind.rubric.len() > MAX_BANDS {
                        errors.push(Invalid::new(
                            format!("{at}.rubric"),
                            tr!("最多 {MAX_BANDS} 个分档", "at most {MAX_BANDS} bands"),
                        ));
                    }
                    for (b, band) in ind.rubric.iter().enumerate() {
                        let ok = 0 <= band.min && band.min <= band.max && band.max <= 100;
                        if !ok {
                            errors.push(Invalid::new(
                                format!("{at}.rubric[{b}]"),
                                tr!("分档须满足 0 ≤ 下限 ≤ 上限 ≤ 100", "a band keeps 0 ≤ min ≤ max ≤ 100"),
                            ));
                        }
                        if !crate::bounds::REQUIRED_TEXT.accepts(&band.description) {
                            errors.push(Invalid::new(
                                format!("{at}.rubric[{b}].description"),
                                tr!("请说明该分档的含义", "say what the band means"),
                            ));
                        }
                    }
                }
            }
        }
    }
    errors
}

/// What activation also checks: the tree is complete and siblings' weights add up to 100.
pub fn check_complete(tree: &Tree) -> Vec<Invalid> {
    let mut errors = vec![];
    if tree.dimensions.is_empty() {
        errors.push(Invalid::new("dimensions", tr!("至少需要一个维度", "at least one dimension")));
    }
    let sum: i64 = tree.dimensions.iter().map(|d| d.weight).sum();
    if !tree.dimensions.is_empty() && sum != 100 {
        errors.push(Invalid::new("dimensions", tr!("各维度权重之和为 {sum}，应为 100", "the dimensions' weights add up to {sum}, not 100")));
    }
    for (d, dim) in tree.dimensions.iter().enumerate() {
        let sum: i64 = dim.indicators.iter().map(|i| i.weight).sum();
        if dim.indicators.is_empty() {
            errors.push(Invalid::new(format!("dimensions[{d}].indicators"), tr!("至少需要一个指标", "at least one indicator")));
        } else if sum != 100 {
            let name = &dim.name;
            errors.push(Invalid::new(
                format!("dimensions[{d}].indicators"),
                tr!("“{name}”下各指标权重之和为 {sum}，应为 100", "the indicators of “{name}” add up to {sum}, not 100"),
            ));
        }
        for (i, ind) in dim.indicators.iter().enumerate() {
            if ind.method == IndicatorMethod::Expert && ind.rubric.is_empty() {
                errors.push(Invalid::new(
                    format!("dimensions[{d}].indicators[{i}].rubric"),
                    tr!("专家评分指标需要评分标准", "an expert indicator needs a rubric"),
                ));
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(code: &str, weight: i64, method: IndicatorMethod) -> Indicator {
        let expert = method == IndicatorMethod::Expert;
        Indicator {
            code: code.into(),
            name: code.into(),
            weight,
            method,
            metric: (!expert).then(|| "projects_landed".into()),
            normalization: None,
            target: None,
            rubric: if expert { vec![RubricBand { min: 0, max: 100, description: "好".into() }] } else { vec![] },
        }
    }

    #[test]
    fn weights_that_do_not_add_up_name_their_node() {
        let tree = Tree {
            dimensions: vec![
                Dimension { code: "a".into(), name: "参与度".into(), weight: 60, indicators: vec![indicator("a1", 100, IndicatorMethod::Computed)] },
                Dimension {
                    code: "b".into(),
                    name: "成效".into(),
                    weight: 30,
                    indicators: vec![indicator("b1", 50, IndicatorMethod::Expert), indicator("b2", 40, IndicatorMethod::Computed)],
                },
            ],
        };
        assert!(check_nodes(&tree, SubjectType::Organization).is_empty());
        let fields: Vec<String> = check_complete(&tree).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["dimensions", "dimensions[1].indicators"]);
    }

    #[test]
    fn nodes_are_checked_one_by_one() {
        let mut bad = indicator("a1", 101, IndicatorMethod::Computed);
        bad.metric = Some("brands_recognized".into());
        let tree = Tree {
            dimensions: vec![Dimension {
                code: "a".into(),
                name: "x".into(),
                weight: 100,
                indicators: vec![bad, indicator("a1", 0, IndicatorMethod::Expert)],
            }],
        };
        let fields: Vec<String> = check_nodes(&tree, SubjectType::Brand).into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec!["dimensions[0].indicators[0].weight", "dimensions[0].indicators[0].metric", "dimensions[0].indicators[1].code"]
        );
    }
}
