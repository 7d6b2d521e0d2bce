use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{year_end_reports, year_end_signatures, year_end_versions};
use crate::domain::Department;
use crate::domain::year_end::{ReportStatus, Section};
use crate::history::StatusEvent;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = year_end_reports)]
pub struct ReportRow {
    pub id: String,
    pub province_code: String,
    pub year: i64,
    pub status: ReportStatus,
    pub sections: String,
    pub figures: Option<String>,
    pub return_comments: Option<String>,
    pub submitted_at: Option<NaiveDateTime>,
    pub accepted_at: Option<NaiveDateTime>,
    pub created_by: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = year_end_signatures)]
pub struct SignatureRow {
    pub report_id: String,
    pub department: Department,
    pub user_id: String,
    pub signer_name: String,
    pub signed_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = year_end_versions)]
pub struct VersionRow {
    pub report_id: String,
    pub number: i64,
    pub sections: String,
    pub figures: String,
    pub signatures: String,
    pub submitted_by: String,
    pub submitted_at: NaiveDateTime,
    pub outcome: Option<ReportStatus>,
    pub review_reason: Option<String>,
    pub review_comments: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<NaiveDateTime>,
}

/// The nation's answer to a submitted version.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Review {
    /// `returned` or `accepted`.
    pub outcome: ReportStatus,
    /// The reason of a return.
    pub reason: String,
    /// A return's comments per section.
    pub comments: BTreeMap<Section, String>,
    pub reviewed_by: String,
    pub reviewed_at: DateTime<Utc>,
}

/// The narrative sections: HTML limited to paragraphs, line breaks, bold, italic, underline,
/// lists, two heading levels and quotes (anything else, scripts and attributes included, is
/// removed when saved).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, Default, PartialEq)]
pub struct Sections {
    /// 工作开展情况
    pub work: String,
    /// 主要成效
    pub results: String,
    /// 典型做法
    pub practices: String,
    /// 存在问题
    pub problems: String,
    /// 下一步打算
    pub next_steps: String,
}

impl Sections {
    pub fn get(&self, s: Section) -> &str {
        match s {
            Section::Work => &self.work,
            Section::Results => &self.results,
            Section::Practices => &self.practices,
            Section::Problems => &self.problems,
            Section::NextSteps => &self.next_steps,
        }
    }

    pub fn slot(&mut self, s: Section) -> &mut String {
        match s {
            Section::Work => &mut self.work,
            Section::Results => &mut self.results,
            Section::Practices => &mut self.practices,
            Section::Problems => &mut self.problems,
            Section::NextSteps => &mut self.next_steps,
        }
    }
}

/// A figure of the report: what it counts, how it reads, its value (a count, or an exact
/// amount in yuan as a decimal string).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq)]
pub struct Figure {
    /// Stable key (`pairings_active`, `projects.landed`, `funds_in_place` …).
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
    /// `count` or `money` (yuan).
    pub kind: String,
    pub value: String,
}

/// A department's signature.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq)]
pub struct Signature {
    pub department: Department,
    pub signer_name: String,
    pub signed_at: DateTime<Utc>,
}

impl From<SignatureRow> for Signature {
    fn from(r: SignatureRow) -> Self {
        Self { department: r.department, signer_name: r.signer_name, signed_at: r.signed_at.and_utc() }
    }
}

/// A province's report for a year.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct YearEndReport {
    pub id: String,
    pub province_code: String,
    pub province_name: String,
    pub year: i64,
    pub status: ReportStatus,
    pub sections: Sections,
    /// The figures as submitted (frozen at the last submission); null while it is written.
    pub figures: Option<Vec<Figure>>,
    /// The figures as the statistics read them now, for the province and year: the report is
    /// written from these, and beside the frozen ones they show any drift since submission.
    pub live_figures: Vec<Figure>,
    /// Signatures on the report as it now reads (an edit removes them); submitting needs both
    /// departments'.
    pub signatures: Vec<Signature>,
    /// The reviewer's comments per section, from the last return.
    pub return_comments: BTreeMap<Section, String>,
    /// The reason of the last return or reopening.
    pub return_reason: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub accepted_at: Option<DateTime<Utc>>,
    /// The moves the caller may make now.
    pub allowed_transitions: Vec<ReportStatus>,
    /// Whether the caller may change the text and attachments now.
    pub may_edit: bool,
    /// Whether the caller may sign now (an officer of the province whose department has not signed).
    pub may_sign: bool,
    /// Submissions so far.
    pub versions: i64,
    /// Its status moves, oldest first (only on the single read).
    pub history: Vec<StatusEvent>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct CreateReport {
    #[schema(schema_with = crate::bounds::year)]
    pub year: i64,
    /// The caller's own province (a provincial officer); taken from the account when omitted.
    pub province_code: Option<String>,
}

/// JSON merge patch of the narrative; any change removes the signatures.
#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchReport {
    pub sections: Option<PatchSections>,
}

#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchSections {
    pub work: Option<String>,
    pub results: Option<String>,
    pub practices: Option<String>,
    pub problems: Option<String>,
    pub next_steps: Option<String>,
}

/// `{"to": "returned", "reason": "…", "comments": {"results": "…"}}`; a reason is required to
/// return or reopen; comments per section only when returning.
#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct ReportTransition {
    pub to: ReportStatus,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub comments: BTreeMap<Section, String>,
}

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    #[param(schema_with = crate::bounds::year)]
    pub year: Option<i64>,
    pub province: Option<String>,
    pub status: Option<ReportStatus>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    pub count: Option<bool>,
}

/// One change between a version and the one before it.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Change {
    /// `sections.<key>` or `figures.<key>`.
    pub field: String,
    pub label_zh: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A submitted version, with what changed since the one before.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct ReportVersion {
    pub number: i64,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    pub sections: Sections,
    pub figures: Vec<Figure>,
    pub signatures: Vec<Signature>,
    /// Changes from the previous version (empty for the first).
    pub changes: Vec<Change>,
    /// How the nation answered this version; null while it waits (or for one never reviewed).
    pub review: Option<Review>,
}

/// The national board's row for a province.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct BoardRow {
    pub province_code: String,
    pub province_name: String,
    /// Its national key assistance counties (the board lists provinces with key counties first).
    pub key_counties: i64,
    /// `not_started`, `draft`, `signed_by_one`, `signed`, `submitted`, `returned` or `accepted`.
    pub state: String,
    pub report_id: Option<String>,
    /// The last submission (a returned report's too).
    pub submitted_at: Option<DateTime<Utc>>,
    /// Days past the deadline: for a report not yet submitted, up to today; for one submitted
    /// late, at its submission; null when on time.
    pub days_overdue: Option<i64>,
    pub last_reminded_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Board {
    pub year: i64,
    pub deadline: NaiveDate,
    /// Provinces by state (`not_started` … `accepted`).
    pub counts: BTreeMap<String, i64>,
    pub provinces: Vec<BoardRow>,
}

#[derive(Deserialize, IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    // `bounds::YEARS`, written out: a `schema_with` would drop `required` from the contract
    /// The reports' year.
    #[param(minimum = 2021, maximum = 2100)]
    pub year: i64,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct SetDeadline {
    /// Between 1 October of the year and 30 June of the next.
    pub deadline: NaiveDate,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct Remind {
    #[schema(schema_with = crate::bounds::year)]
    pub year: i64,
    /// The provinces to remind; every province whose report is not submitted or accepted when omitted.
    pub province_codes: Option<Vec<String>>,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Reminded {
    /// The provinces reminded (those already submitted or accepted are left out).
    pub provinces: Vec<String>,
    /// The officers told.
    pub notified: i64,
}
