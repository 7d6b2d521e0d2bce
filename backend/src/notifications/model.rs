use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::notifications;

crate::text_enum!(
    /// What a notification asks of its reader; the SPA words it and links to its object.
    NotificationKind {
        /// An organization's member: a pairing names the organization and waits for its answer.
        PairingToAnswer => "pairing_to_answer",
        /// A county officer: a pairing with the county waits for its confirmation.
        PairingToConfirm => "pairing_to_confirm",
        /// A county officer: an organization declared a project landed; the county confirms.
        LandingToConfirm => "landing_to_confirm",
        /// An expert: assignments in an evaluation round wait to be scored.
        AssignmentToScore => "assignment_to_score",
        /// A provincial officer: a case was submitted for review.
        CaseToReview => "case_to_review",
        /// An organization's member: a case came back with the reviewer's reason.
        CaseReturned => "case_returned",
        /// An organization's member (the daily sweep): open projects without an update for 90
        /// days; `amount` says how many.
        ProjectsStale => "projects_stale",
        /// An organization's member (the daily sweep): a case of theirs still to submit, in a
        /// collection that closes within 14 days; `amount` is the days left.
        DeadlineSoon => "deadline_soon",
        /// National admins and the province's officers: a high or critical incident was reported
        /// (or raised to high); settled when it is resolved.
        IncidentUrgent => "incident_urgent",
        /// A provincial officer: the other department signed the year-end report, which waits
        /// for their department's signature; settled when it is signed, edited or submitted.
        ReportToSign => "report_to_sign",
        /// A provincial officer: the year-end report came back with comments; settled when it
        /// is submitted again.
        ReportReturned => "report_returned",
        /// A provincial officer: the national liaison units remind the province of its
        /// year-end report (`entity_id` is `<year>:<province>`); settled at submission.
        ReportDue => "report_due",
        /// Whoever made a webhook subscription: the platform disabled it after its receiver
        /// failed too many attempts in a row (`entity_id` is the webhook's).
        WebhookDisabled => "webhook_disabled",
    }
);

#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    pub id: i64,
    pub user_id: String,
    pub kind: NotificationKind,
    pub entity_type: String,
    pub entity_id: String,
    pub subject: String,
    pub amount: i64,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}

/// One notification of the caller's.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    /// The object it is about: `pairing`, `project`, `evaluation_round`, `case`, `organization`,
    /// `incident`, `year_end_report`, or `year_end_year` (a province's report of a year, `<year>:<province>`).
    pub entity_type: String,
    pub entity_id: String,
    /// What the object was called when the notice was written (a project's title, a round's name).
    pub subject: String,
    /// A count the notice carries (`projects_stale`: how many projects), else 0.
    pub amount: i64,
    pub created_at: DateTime<Utc>,
    /// When it was read, or settled because what it asked for was done; null while it waits.
    pub read_at: Option<DateTime<Utc>>,
}

impl From<NotificationRow> for Notification {
    fn from(r: NotificationRow) -> Self {
        Self {
            id: r.id,
            kind: r.kind,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            subject: r.subject,
            amount: r.amount,
            created_at: r.created_at.and_utc(),
            read_at: r.read_at.map(|t| t.and_utc()),
        }
    }
}

/// A page of the caller's notifications, newest first, with how many are unread.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// The caller's unread notifications, all of them (the bell's count).
    pub unread: i64,
}

#[derive(Deserialize, IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// Only the unread ones (`true`), or only the read ones (`false`).
    pub unread: Option<bool>,
    /// Page size, 1–200 (default 50).
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Which notifications to mark read: the listed ones, or all.
#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct MarkRead {
    /// Up to 200 notification ids of the caller's; others are ignored.
    #[serde(default)]
    pub ids: Vec<i64>,
    /// Mark every unread notification read (`ids` is then ignored).
    #[serde(default)]
    pub all: bool,
}

/// How many of the caller's notifications are still unread.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct UnreadCount {
    pub unread: i64,
}
