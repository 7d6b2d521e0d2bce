//! From figures and experts' scores to an explained ranking: every computed indicator is
//! normalized to 0–100 across the round's subjects (min–max) or against its target; every
//! expert indicator is the mean of its experts' scores, or the trimmed mean (without the
//! highest and the lowest) when three or more scored, flagged when they spread more than 25
//! points; a dimension is the weighted sum of its indicators, the total the weighted sum of the
//! dimensions. Every number is kept, so the UI and the API can show where each point came from.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::metrics::Figures;
use super::tree::Tree;
use crate::domain::evaluation::{IndicatorMethod, Normalization};

/// A spread of experts' scores above this many points is flagged for the admin.
pub const SPREAD_FLAG: f64 = 25.0;

/// One expert's score, as the result shows it.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq)]
pub struct ExpertScore {
    /// The expert's name for national admins, `专家 1`, `专家 2`, … for everyone else.
    pub evaluator: String,
    pub score: i64,
    pub comment: String,
}

crate::text_enum!(
    /// How experts' scores were combined.
    Aggregation {
        Mean => "mean",
        TrimmedMean => "trimmed_mean",
    }
);

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq)]
pub struct IndicatorResult {
    pub code: String,
    pub name: String,
    pub weight: i64,
    pub method: IndicatorMethod,
    /// Computed: the metric, its raw figure, and what it was normalized against.
    pub metric: Option<String>,
    pub raw: Option<f64>,
    pub normalization: Option<Normalization>,
    /// Min–max: the lowest and highest figure among the round's subjects.
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub target: Option<f64>,
    /// Expert: the submitted scores, how they were combined and their spread.
    pub scores: Vec<ExpertScore>,
    pub aggregation: Option<Aggregation>,
    pub spread: Option<f64>,
    pub spread_flag: bool,
    /// 0–100.
    pub score: f64,
    /// `score × weight / 100`: the points it gives its dimension.
    pub points: f64,
}

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq)]
pub struct DimensionResult {
    pub code: String,
    pub name: String,
    pub weight: i64,
    /// 0–100: the sum of its indicators' points.
    pub score: f64,
    /// `score × weight / 100`: the points it gives the total.
    pub points: f64,
    pub indicators: Vec<IndicatorResult>,
}

/// A subject's explained result.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq, Default)]
pub struct Breakdown {
    /// 0–100: the sum of the dimensions' points.
    pub total: f64,
    pub dimensions: Vec<DimensionResult>,
    /// Indicators whose experts spread more than 25 points, or which no expert scored.
    pub flags: Vec<String>,
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Experts' scores of one subject: indicator code → scores.
pub type SubjectScores = HashMap<String, Vec<ExpertScore>>;

/// Mean below three experts, trimmed mean from three on; and the spread (highest − lowest).
pub fn combine(scores: &[i64]) -> Option<(f64, Aggregation, f64)> {
    if scores.is_empty() {
        return None;
    }
    let mut s: Vec<i64> = scores.to_vec();
    s.sort_unstable();
    let spread = (s[s.len() - 1] - s[0]) as f64;
    let (kept, how) = if s.len() >= 3 { (&s[1..s.len() - 1], Aggregation::TrimmedMean) } else { (&s[..], Aggregation::Mean) };
    let mean = kept.iter().sum::<i64>() as f64 / kept.len() as f64;
    Some((round2(mean), how, spread))
}

/// Explains every subject's result. `figures` and `scores` are keyed by subject id.
pub fn results(tree: &Tree, figures: &BTreeMap<String, Figures>, scores: &HashMap<String, SubjectScores>) -> BTreeMap<String, Breakdown> {
    let mut ranges = Ranges::default();
    for f in figures.values() {
        ranges.add(tree, f);
    }
    explain(tree, figures, scores, &ranges)
}

/// The lowest and highest figure of each computed indicator across a round's subjects, gathered
/// one subject at a time (a national round is read in pages).
#[derive(Debug, Default)]
pub struct Ranges(HashMap<String, (f64, f64)>);

impl Ranges {
    pub fn add(&mut self, tree: &Tree, figures: &Figures) {
        for ind in tree.indicators().filter(|i| i.method == IndicatorMethod::Computed) {
            let v = figures.get(ind.metric.as_deref().unwrap_or_default()).copied().unwrap_or(0.0);
            let r = self.0.entry(ind.code.clone()).or_insert((v, v));
            *r = (r.0.min(v), r.1.max(v));
        }
    }

    fn of(&self, code: &str) -> (f64, f64) {
        self.0.get(code).copied().unwrap_or((0.0, 0.0))
    }
}

/// Explains these subjects' results against the round's ranges.
pub fn explain(
    tree: &Tree,
    figures: &BTreeMap<String, Figures>,
    scores: &HashMap<String, SubjectScores>,
    ranges: &Ranges,
) -> BTreeMap<String, Breakdown> {
    let no_scores = SubjectScores::new();
    figures
        .iter()
        .map(|(subject, own)| {
            let mine = scores.get(subject).unwrap_or(&no_scores);
            let mut flags = vec![];
            let dimensions: Vec<DimensionResult> = tree
                .dimensions
                .iter()
                .map(|d| {
                    let indicators: Vec<IndicatorResult> = d
                        .indicators
                        .iter()
                        .map(|ind| {
                            let mut r = IndicatorResult {
                                code: ind.code.clone(),
                                name: ind.name.clone(),
                                weight: ind.weight,
                                method: ind.method,
                                metric: ind.metric.clone(),
                                raw: None,
                                normalization: None,
                                min: None,
                                max: None,
                                target: None,
                                scores: vec![],
                                aggregation: None,
                                spread: None,
                                spread_flag: false,
                                score: 0.0,
                                points: 0.0,
                            };
                            match ind.method {
                                IndicatorMethod::Computed => {
                                    let raw = own.get(ind.metric.as_deref().unwrap_or_default()).copied().unwrap_or(0.0);
                                    r.raw = Some(raw);
                                    r.normalization = Some(ind.normalization());
                                    r.score = match ind.normalization() {
                                        Normalization::MinMax => {
                                            let (lo, hi) = ranges.of(&ind.code);
                                            r.min = Some(lo);
                                            r.max = Some(hi);
                                            // Everyone equal: full marks if they did something, none if not.
                                            if hi > lo { (raw - lo) / (hi - lo) * 100.0 } else if hi > 0.0 { 100.0 } else { 0.0 }
                                        }
                                        Normalization::Target => {
                                            let t = ind.target.unwrap_or(1.0);
                                            r.target = Some(t);
                                            (raw / t * 100.0).clamp(0.0, 100.0)
                                        }
                                    };
                                }
                                IndicatorMethod::Expert => {
                                    r.scores = mine.get(&ind.code).cloned().unwrap_or_default();
                                    let values: Vec<i64> = r.scores.iter().map(|s| s.score).collect();
                                    match combine(&values) {
                                        Some((score, how, spread)) => {
                                            r.score = score;
                                            r.aggregation = Some(how);
                                            r.spread = Some(spread);
                                            r.spread_flag = spread > SPREAD_FLAG;
                                            if r.spread_flag {
                                                flags.push(ind.code.clone());
                                            }
                                        }
                                        None => flags.push(ind.code.clone()),
                                    }
                                }
                            }
                            r.score = round2(r.score);
                            r.points = round2(r.score * ind.weight as f64 / 100.0);
                            r
                        })
                        .collect();
                    let score = round2(indicators.iter().map(|i| i.score * i.weight as f64 / 100.0).sum());
                    DimensionResult {
                        code: d.code.clone(),
                        name: d.name.clone(),
                        weight: d.weight,
                        score,
                        points: round2(score * d.weight as f64 / 100.0),
                        indicators,
                    }
                })
                .collect();
            let total = round2(dimensions.iter().map(|d| d.score * d.weight as f64 / 100.0).sum());
            (subject.clone(), Breakdown { total, dimensions, flags })
        })
        .collect()
}

/// Ranks by total, highest first; equal totals (to the cent of a point) share a rank and the
/// next rank skips (1, 1, 3).
pub fn ranks(totals: &[(String, f64)]) -> HashMap<String, i64> {
    let mut sorted: Vec<&(String, f64)> = totals.iter().collect();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = HashMap::new();
    let mut rank = 0;
    let mut last: Option<f64> = None;
    for (i, (id, total)) in sorted.into_iter().enumerate() {
        if last != Some(round2(*total)) {
            rank = i as i64 + 1;
            last = Some(round2(*total));
        }
        out.insert(id.clone(), rank);
    }
    out
}

/// The median of each dimension's score across the subjects.
pub fn medians(results: &BTreeMap<String, Breakdown>) -> BTreeMap<String, f64> {
    let mut by_dim: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for b in results.values() {
        for d in &b.dimensions {
            by_dim.entry(d.code.clone()).or_default().push(d.score);
        }
    }
    by_dim.into_iter().map(|(code, v)| (code, median(v))).collect()
}

/// The median of some scores (0 for none), to the cent of a point.
pub fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    round2(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::tree::{Dimension, Indicator, RubricBand};

    #[test]
    fn two_experts_average_three_drop_the_extremes() {
        assert_eq!(combine(&[70, 81]), Some((75.5, Aggregation::Mean, 11.0)));
        // 40 and 95 are dropped: (70 + 80) / 2; the spread 55 is flagged by `results`.
        assert_eq!(combine(&[95, 70, 40, 80]), Some((75.0, Aggregation::TrimmedMean, 55.0)));
        assert_eq!(combine(&[]), None);
    }

    #[test]
    fn equal_totals_share_a_rank() {
        let r = ranks(&[("a".into(), 80.0), ("b".into(), 91.5), ("c".into(), 80.0), ("d".into(), 12.0)]);
        assert_eq!((r["b"], r["a"], r["c"], r["d"]), (1, 2, 2, 4));
    }

    /// A hand-computed fixture: one computed indicator (min–max) and one expert indicator.
    #[test]
    fn totals_are_explained_down_to_the_figures() {
        let tree = Tree {
            dimensions: vec![
                Dimension {
                    code: "input".into(),
                    name: "投入".into(),
                    weight: 40,
                    indicators: vec![Indicator {
                        code: "funds".into(),
                        name: "到位资金".into(),
                        weight: 100,
                        method: IndicatorMethod::Computed,
                        metric: Some("funds_in_place".into()),
                        normalization: None,
                        target: None,
                        rubric: vec![],
                    }],
                },
                Dimension {
                    code: "quality".into(),
                    name: "质量".into(),
                    weight: 60,
                    indicators: vec![Indicator {
                        code: "q".into(),
                        name: "项目质量".into(),
                        weight: 100,
                        method: IndicatorMethod::Expert,
                        metric: None,
                        normalization: None,
                        target: None,
                        rubric: vec![RubricBand { min: 0, max: 100, description: "好".into() }],
                    }],
                },
            ],
        };
        let fig = |v: f64| Figures::from([("funds_in_place".to_owned(), v)]);
        let figures = BTreeMap::from([("a".to_owned(), fig(1000.0)), ("b".to_owned(), fig(250.0)), ("c".to_owned(), fig(0.0))]);
        let s = |v: &[i64]| {
            SubjectScores::from([(
                "q".to_owned(),
                v.iter().enumerate().map(|(i, x)| ExpertScore { evaluator: format!("专家 {}", i + 1), score: *x, comment: String::new() }).collect(),
            )])
        };
        let scores = HashMap::from([("a".to_owned(), s(&[60, 70])), ("b".to_owned(), s(&[90, 50, 100]))]);
        let r = results(&tree, &figures, &scores);
        // a: funds 100 × 0.4 = 40; quality 65 × 0.6 = 39 → 79.
        assert_eq!(r["a"].total, 79.0);
        // b: funds 25 × 0.4 = 10; quality trimmed mean 90 × 0.6 = 54 → 64; spread 50 flagged.
        assert_eq!(r["b"].dimensions[0].indicators[0].score, 25.0);
        assert_eq!(r["b"].total, 64.0);
        assert_eq!(r["b"].flags, vec!["q"]);
        // c: nothing, and no expert scored it: flagged.
        assert_eq!(r["c"].total, 0.0);
        assert_eq!(r["c"].flags, vec!["q"]);
        assert_eq!(medians(&r)["quality"], 65.0);
    }
}
