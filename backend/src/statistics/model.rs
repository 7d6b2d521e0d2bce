//! The shapes of the statistics platform's answers and queries. Grouping keys and intervals are
//! closed vocabularies (`text_enum!`), published in the contract: no free-form SQL reaches a query.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::domain::project::ProjectStatus;
use crate::domain::{AssistanceType, MoneyTotal};
use crate::text_enum;

text_enum!(
    /// What a projects roll-up may be grouped by.
    ProjectDimension {
        Province => "province",
        County => "county",
        Status => "status",
        AssistanceType => "assistance_type",
        /// The year the project was docked (China Standard Time).
        Year => "year",
        KeyCounty => "key_county",
        GovernmentPurchase => "government_purchase",
    }
);

text_enum!(
    /// The buckets of a time series, in China Standard Time.
    Interval {
        Month => "month",
        Quarter => "quarter",
        Year => "year",
    }
);

/// At most this many grouping keys in one roll-up, and this many rows in its answer: a roll-up
/// is a table people read and chart, not a way round the lists and exports.
pub const MAX_DIMENSIONS: usize = 3;
pub const MAX_ROWS: usize = 5_000;
/// A series covers at most this many months.
pub const MAX_MONTHS: i64 = 120;

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct ProjectRollupQuery {
    /// Comma-separated grouping keys, at most three, each a `ProjectDimension`
    /// (`province,status`); none gives one row of totals.
    #[param(example = "province,status")]
    pub group_by: Option<String>,
    /// Projects docked in this year (China Standard Time).
    #[param(schema_with = crate::bounds::year)]
    pub year: Option<i64>,
    pub province: Option<String>,
    pub county: Option<String>,
    /// Only projects in the national key assistance counties (`true`), or only the others.
    pub key_county: Option<bool>,
    pub assistance_type: Option<AssistanceType>,
    pub status: Option<ProjectStatus>,
    pub government_purchase: Option<bool>,
}

/// A projects series: counts and sums per period.
#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct ProjectSeriesQuery {
    /// `month` (default), `quarter` or `year`.
    pub interval: Option<Interval>,
    /// First day covered (default: 1 January of last year); the period holding it is the first.
    pub from: Option<chrono::NaiveDate>,
    /// Last day covered (default: today in China); at most 120 months after `from`.
    pub to: Option<chrono::NaiveDate>,
    pub province: Option<String>,
    pub county: Option<String>,
    pub key_county: Option<bool>,
    pub assistance_type: Option<AssistanceType>,
}

/// Counts and exact sums of a group of projects.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, Default, PartialEq)]
pub struct ProjectFigures {
    pub count: i64,
    pub planned_funds: MoneyTotal,
    pub funds_in_place: MoneyTotal,
    /// Contract amounts of government purchase (政府购买服务).
    pub contract_amount: MoneyTotal,
    #[schema(value_type = i64)]
    pub beneficiaries_planned: i128,
    #[schema(value_type = i64)]
    pub beneficiaries_reached: i128,
}

/// One group: its keys (only those grouped by are present, with the names of a province and a
/// county) and its figures.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, Default, PartialEq)]
pub struct ProjectRollupRow {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub county_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ProjectStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assistance_type: Option<AssistanceType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_county: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub government_purchase: Option<bool>,
    pub figures: ProjectFigures,
}

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ProjectRollup {
    pub group_by: Vec<ProjectDimension>,
    /// Ordered by the grouping keys.
    pub rows: Vec<ProjectRollupRow>,
    /// The figures over every row.
    pub totals: ProjectFigures,
}

/// One period of a series.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, Default, PartialEq)]
pub struct ProjectPeriod {
    /// `2026-03`, `2026-Q1` or `2026`.
    pub period: String,
    /// Projects docked (created) in the period.
    pub docked: i64,
    /// Projects whose landing their county confirmed in the period.
    pub landed: i64,
    /// Funds put in place by the progress updates dated in the period.
    pub funds_in_place: MoneyTotal,
    #[schema(value_type = i64)]
    pub beneficiaries_reached: i128,
}

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ProjectSeries {
    pub interval: Interval,
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    /// Every period from `from` to `to`, empty ones included.
    pub periods: Vec<ProjectPeriod>,
}
