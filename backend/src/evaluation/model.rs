use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::metrics::Figures;
use super::scoring::Breakdown;
use super::tree::{RubricBand, Tree};
use crate::db::schema::{evaluation_assignments, evaluation_rounds, evaluation_subjects, evaluator_ties, indicator_frameworks};
use crate::domain::evaluation::{
    AssignmentStatus, FrameworkStatus, IndicatorMethod, RoundStatus, SubjectFilter, SubjectType, TieKind, TieRelation,
};
use crate::history::StatusEvent;

// ---- indicator frameworks ----

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = indicator_frameworks)]
pub struct FrameworkRow {
    pub id: String,
    pub name: String,
    pub version: i64,
    pub lineage_id: String,
    pub subject_type: SubjectType,
    pub status: FrameworkStatus,
    pub description: String,
    pub tree: String,
    pub revision: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl FrameworkRow {
    pub fn tree(&self) -> Tree {
        serde_json::from_str(&self.tree).unwrap_or_default()
    }
}

/// A versioned indicator framework (评估指标体系). An active framework never changes: a change
/// is a new draft version (`/copy`).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Framework {
    pub id: String,
    pub name: String,
    /// 1 for the first version; each copy takes the next number of its lineage.
    pub version: i64,
    /// The first version's id: every version of this framework shares it.
    pub lineage_id: String,
    pub subject_type: SubjectType,
    pub status: FrameworkStatus,
    pub description: String,
    pub tree: Tree,
    pub allowed_transitions: Vec<FrameworkStatus>,
    pub editable: bool,
    pub history: Vec<StatusEvent>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CreateFramework {
    #[schema(schema_with = crate::bounds::title)]
    pub name: String,
    pub subject_type: SubjectType,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::description)]
    pub description: String,
    #[serde(default)]
    pub tree: Tree,
}

/// JSON merge patch of a draft; `tree` is replaced whole.
#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchFramework {
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub name: Option<String>,
    #[schema(schema_with = crate::bounds::description_or_null)]
    pub description: Option<String>,
    pub tree: Option<Tree>,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct FrameworkTransition {
    pub to: FrameworkStatus,
    #[serde(default)]
    pub reason: String,
}

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct FrameworkQuery {
    pub status: Option<FrameworkStatus>,
    pub subject_type: Option<SubjectType>,
    /// The versions of one framework.
    pub lineage: Option<String>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

// ---- rounds ----

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = evaluation_rounds)]
pub struct RoundRow {
    pub id: String,
    pub name: String,
    pub year: i64,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub framework_id: String,
    pub subject_type: SubjectType,
    pub subject_filter: SubjectFilter,
    pub min_evaluators: i64,
    pub status: RoundStatus,
    pub snapshot_at: Option<NaiveDateTime>,
    pub snapshot_job_id: Option<String>,
    pub ranked_at: Option<NaiveDateTime>,
    pub ranking_job_id: Option<String>,
    pub public_top: i64,
    pub medians: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// How far a round's scoring has come.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, Default)]
pub struct RoundProgress {
    pub subjects: i64,
    /// Subjects with fewer active experts than `min_evaluators` (when it has expert indicators).
    pub subjects_short_of_experts: i64,
    /// Active assignments (assigned or submitted), of which `submitted`; recused and withdrawn
    /// ones are counted apart.
    pub assignments: i64,
    pub submitted: i64,
    pub recused: i64,
    pub withdrawn: i64,
}

/// A subject of a round, as the set-up and the assignment of experts list them.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Subject {
    pub subject_id: String,
    pub name: String,
    pub province_code: Option<String>,
}

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct SubjectQuery {
    /// Part of the name.
    pub q: Option<String>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// A yearly evaluation round (评估轮次).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Round {
    pub id: String,
    pub name: String,
    pub year: i64,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub framework_id: String,
    pub framework_name: String,
    pub framework_version: i64,
    pub subject_type: SubjectType,
    pub subject_filter: SubjectFilter,
    pub min_evaluators: i64,
    pub status: RoundStatus,
    /// When the computed indicators were last snapshotted; null before scoring opens or while
    /// the snapshot job runs (`snapshot_job_id`).
    pub snapshot_at: Option<DateTime<Utc>>,
    pub snapshot_job_id: Option<String>,
    /// When the ranking was computed at close; null while a large round's ranking job
    /// (`ranking_job_id`) runs, and before close.
    pub ranked_at: Option<DateTime<Utc>>,
    pub ranking_job_id: Option<String>,
    pub public_top: i64,
    /// Only for national admins.
    pub progress: Option<RoundProgress>,
    pub allowed_transitions: Vec<RoundStatus>,
    pub editable: bool,
    pub history: Vec<StatusEvent>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CreateRound {
    #[schema(schema_with = crate::bounds::title)]
    pub name: String,
    #[schema(schema_with = crate::bounds::year)]
    pub year: i64,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// An active framework; the round evaluates its subject type.
    pub framework_id: String,
    pub subject_filter: SubjectFilter,
    /// With `listed`: the organization ids, brand ids or province codes (at most 5,000).
    #[serde(default)]
    pub subject_ids: Vec<String>,
    /// Experts per subject, 1–9 (default 2).
    pub min_evaluators: Option<i64>,
    /// How many of the top the public showcase shows once published, 0–100 (default 10).
    pub public_top: Option<i64>,
}

/// JSON merge patch while draft (subjects are chosen again when the filter or list changes).
#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchRound {
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub name: Option<String>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub subject_filter: Option<SubjectFilter>,
    pub subject_ids: Option<Vec<String>>,
    pub min_evaluators: Option<i64>,
    pub public_top: Option<i64>,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct RoundTransition {
    pub to: RoundStatus,
    #[serde(default)]
    pub reason: String,
}

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct RoundQuery {
    pub year: Option<i64>,
    pub status: Option<RoundStatus>,
    pub subject_type: Option<SubjectType>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = evaluation_subjects)]
pub struct SubjectRow {
    pub round_id: String,
    pub subject_id: String,
    pub name: String,
    pub province_code: Option<String>,
    pub organization_id: Option<String>,
    pub metrics: String,
    pub result: Option<String>,
    pub total: Option<f64>,
    pub rank: Option<i64>,
}

impl SubjectRow {
    pub fn figures(&self) -> Figures {
        serde_json::from_str(&self.metrics).unwrap_or_default()
    }
}

/// One row of a round's ranking.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ResultRow {
    pub rank: i64,
    pub subject_id: String,
    pub name: String,
    pub province_code: Option<String>,
    pub total: f64,
    /// Each dimension's score (0–100), in the framework's order.
    pub dimensions: Vec<DimensionScore>,
    /// Indicators flagged for a wide spread or no expert score.
    pub flags: Vec<String>,
}

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct DimensionScore {
    pub code: String,
    pub name: String,
    pub score: f64,
}

/// One subject's explained result, with the median of every dimension across the round.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct SubjectResult {
    pub round_id: String,
    pub subject_id: String,
    pub name: String,
    pub province_code: Option<String>,
    pub rank: i64,
    pub subjects: i64,
    pub breakdown: Breakdown,
    /// Dimension code → the median score of all the round's subjects.
    pub medians: std::collections::BTreeMap<String, f64>,
}

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct ResultQuery {
    /// One subject's row (an organization id, brand id or province code), if the caller reads it.
    pub subject: Option<String>,
    pub province: Option<String>,
    /// Part of the name.
    pub q: Option<String>,
    /// Only subjects with a flagged indicator.
    pub flagged: Option<bool>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    pub count: Option<bool>,
}

// ---- assignments, scores, ties ----

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = evaluation_assignments)]
pub struct AssignmentRow {
    pub id: String,
    pub round_id: String,
    pub subject_id: String,
    pub evaluator_id: String,
    pub status: AssignmentStatus,
    pub reason: String,
    pub submitted_at: Option<NaiveDateTime>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// An expert's assignment to score one subject of a round.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Assignment {
    pub id: String,
    pub round_id: String,
    pub round_name: String,
    pub round_status: RoundStatus,
    pub subject_id: String,
    pub subject_name: String,
    pub evaluator_id: String,
    pub evaluator_name: String,
    pub status: AssignmentStatus,
    /// Why it was recused or withdrawn.
    pub reason: String,
    /// Expert indicators scored, of those the framework has.
    pub scored: i64,
    pub to_score: i64,
    pub submitted_at: Option<DateTime<Utc>>,
    pub allowed_transitions: Vec<AssignmentStatus>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `{"subject_id", "evaluator_id"}` assigns one expert; `{"propose": true}` fills every
/// subject up to the round's `min_evaluators` with the least-loaded experts without a tie.
#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct CreateAssignments {
    pub subject_id: Option<String>,
    pub evaluator_id: Option<String>,
    #[serde(default)]
    pub propose: bool,
}

/// A subject the proposal could not give enough experts (too few experts without a tie).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Unfilled {
    pub subject_id: String,
    pub subject_name: String,
    pub missing: i64,
}

/// What an assignment request made: how many assignments, the one made when a single expert
/// was assigned, and the subjects still short of experts (the first 100 of `unfilled_total`).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct AssignmentBatch {
    pub created: i64,
    pub assignment: Option<Assignment>,
    pub unfilled: Vec<Unfilled>,
    pub unfilled_total: i64,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct AssignmentTransition {
    pub to: AssignmentStatus,
    #[serde(default)]
    pub reason: String,
}

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct AssignmentQuery {
    pub status: Option<AssignmentStatus>,
    pub subject: Option<String>,
    pub evaluator: Option<String>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// One expert indicator's score on an assignment.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub indicator: String,
    /// 0–100 by the rubric; null while not scored.
    pub score: Option<i64>,
    /// Required for a score below 60 or above 90.
    #[serde(default)]
    #[schema(schema_with = crate::bounds::description)]
    pub comment: String,
}

/// A change of a submitted score before the round closed.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ScoreChange {
    pub indicator: String,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub old_score: Option<i64>,
    pub new_score: Option<i64>,
    pub old_comment: String,
    pub new_comment: String,
}

/// An expert indicator as the scoring page shows it.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ScoringIndicator {
    pub dimension: String,
    pub code: String,
    pub name: String,
    pub weight: i64,
    pub method: IndicatorMethod,
    pub rubric: Vec<RubricBand>,
}

/// A computed figure of the subject, as snapshotted, for the evidence pack.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct EvidenceFigure {
    pub metric: String,
    pub name: String,
    pub unit: String,
    pub value: f64,
}

/// An assignment's scoring sheet: the rubric, the subject's evidence pack, the scores and
/// their changes after submission.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ScoreSheet {
    pub assignment: Assignment,
    pub subject_type: SubjectType,
    pub indicators: Vec<ScoringIndicator>,
    pub evidence: Vec<EvidenceFigure>,
    pub scores: Vec<Score>,
    pub changes: Vec<ScoreChange>,
    /// Whether the caller may change the scores now.
    pub editable: bool,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct PutScores {
    pub scores: Vec<Score>,
}

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = evaluator_ties)]
pub struct TieRow {
    pub id: String,
    pub user_id: String,
    pub kind: TieKind,
    pub target_id: String,
    pub relation: TieRelation,
    pub note: String,
    pub created_at: NaiveDateTime,
}

/// A tie an expert declares (conflict of interest): an organization they work for, advise or
/// donate to; a province they work in.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Tie {
    pub kind: TieKind,
    /// An organization id or a province code.
    pub target_id: String,
    pub relation: TieRelation,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::description)]
    pub note: String,
    /// The organization's or province's name (ignored when sent).
    #[serde(default)]
    pub target_name: String,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct Ties {
    pub ties: Vec<Tie>,
}
