use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::schema::jobs;
use crate::domain::JobStatus;

crate::text_enum!(
    /// What a job does; its `result` is that kind's report.
    JobKind {
        /// `result` is an `OrgImportReport`.
        OrganizationImport => "organization_import",
        /// `result` is `{"round_id", "subjects"}`: the figures of an evaluation round's
        /// subjects were snapshotted.
        EvaluationSnapshot => "evaluation_snapshot",
        /// `result` is `{"round_id", "subjects"}`: a large round's ranking was computed.
        EvaluationRanking => "evaluation_ranking",
        /// `result` is `{"delivery_id", "status", "response_status"}`: one attempt to deliver
        /// an event to a webhook.
        WebhookDelivery => "webhook_delivery",
        /// `result` is `{"day", "done": {part: rows}}`: what each part of the daily sweep
        /// (`jobs::daily`) wrote or removed.
        DailySweep => "daily_sweep",
        /// `result` is `{"file_name", "format", "rows", "size_bytes"}`: a list export asked for
        /// with `background=true`; its file is at `GET /api/v1/jobs/{id}/file` for a day.
        Export => "export",
    }
);

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub id: String,
    pub kind: JobKind,
    pub status: JobStatus,
    pub done: i64,
    pub total: i64,
    pub result_json: Option<String>,
    pub error: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
    /// What the job needs to run (again, on another instance); cleared when it ends.
    pub input_json: Option<String>,
    /// The instance running it, and until when it may without renewing (`worker`).
    pub lease_owner: Option<String>,
    pub lease_until: Option<NaiveDateTime>,
    pub attempts: i64,
    /// Not claimed before this (a webhook's next attempt waits out its backoff).
    pub not_before: Option<NaiveDateTime>,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Job {
    pub id: String,
    pub kind: JobKind,
    pub status: JobStatus,
    /// Rows processed so far, of `total`.
    pub done: i64,
    pub total: i64,
    /// The report, once the job succeeded: its shape is named by `kind` (for
    /// `organization_import`, an `OrgImportReport`). The jobs module stores it as it was given,
    /// so it never needs to know its consumers' types.
    pub result: Option<serde_json::Value>,
    pub error: Option<String>,
    /// How many times an instance started it: above 1 when the instance running it stopped and
    /// another took it over (it is run again from the start; its work is all-or-nothing).
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl TryFrom<JobRow> for Job {
    type Error = String;
    fn try_from(r: JobRow) -> Result<Self, String> {
        Ok(Self {
            id: r.id,
            kind: r.kind,
            status: r.status,
            done: r.done,
            total: r.total,
            result: r.result_json.map(|j| serde_json::from_str(&j)).transpose().map_err(|e| e.to_string())?,
            error: r.error,
            attempts: r.attempts,
            created_at: r.created_at.and_utc(),
            finished_at: r.finished_at.map(|t| t.and_utc()),
        })
    }
}
