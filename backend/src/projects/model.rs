use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{project_events, projects};
use crate::domain::project::{ProjectRole, ProjectStatus};
use crate::domain::{AssistanceType, Consent, Money};

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = projects, treat_none_as_default_value = false)]
pub struct ProjectRow {
    pub id: String,
    pub title: String,
    pub county_code: String,
    pub province_code: String,
    pub pairing_id: Option<String>,
    pub need_id: Option<String>,
    pub event_id: Option<String>,
    pub campaign_id: Option<String>,
    pub assistance_type: AssistanceType,
    pub planned_funds_fen: i64,
    pub funds_in_place_fen: i64,
    pub beneficiaries_planned: i64,
    pub beneficiaries_reached: i64,
    pub government_purchase: bool,
    pub contract_number: Option<String>,
    pub contract_amount_fen: Option<i64>,
    pub sustainability: String,
    pub status: ProjectStatus,
    pub stage: i64,
    pub suspended_from: Option<ProjectStatus>,
    pub signed_at: Option<NaiveDateTime>,
    pub landing_declared_at: Option<NaiveDateTime>,
    pub landing_declared_by: Option<String>,
    pub landing_confirmed_at: Option<NaiveDateTime>,
    pub landing_confirmed_by: Option<String>,
    pub last_activity_at: NaiveDateTime,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub review_flag: bool,
    pub review_reason: Option<String>,
    pub brand_id: Option<String>,
}

impl ProjectRow {
    pub fn status(&self) -> ProjectStatus {
        self.status
    }

    pub fn suspended_from(&self) -> Option<ProjectStatus> {
        self.suspended_from
    }

    pub fn is_stale(&self, now: NaiveDateTime) -> bool {
        self.status().is_open() && self.last_activity_at < now - chrono::Duration::days(super::STALE_DAYS)
    }
}

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = project_events, treat_none_as_default_value = false)]
pub struct ProjectEventRow {
    pub id: String,
    pub project_id: String,
    pub at: NaiveDateTime,
    pub actor_label: String,
    pub from_status: Option<ProjectStatus>,
    pub to_status: ProjectStatus,
    pub note: String,
}

/// An organization named in a new project, and its part. The creator's own organization
/// takes part at once; any other is invited and takes part once it accepts.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ProjectOrg {
    pub organization_id: String,
    pub role: ProjectRole,
}

/// An organization named in a project, with its answer. Only organizations that have accepted
/// take part (act on the project, count in its organization's lists and exports); a member of
/// an invited one may read the project and answer.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ProjectOrganization {
    pub organization_id: String,
    pub role: ProjectRole,
    pub name: String,
    pub consent: Consent,
    /// Who answered for it (display name, with the organization for its members, or `token:<name>`), and when. Null while invited, and for
    /// projects docked before answers were recorded.
    pub consent_by: Option<String>,
    pub consent_at: Option<DateTime<Utc>>,
    /// The answers the caller may give for it now (`accepted`, `declined`): a member of that
    /// organization, while it is invited.
    pub allowed_transitions: Vec<Consent>,
}

/// An organization of a listed project: who it is, its part and its answer.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ProjectParty {
    pub organization_id: String,
    pub role: ProjectRole,
    pub name: String,
    pub consent: Consent,
}

/// `{"to": "accepted" | "declined", "reason": "…"}`: an invited organization's answer.
#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct ConsentTransition {
    pub to: Consent,
    #[serde(default)]
    pub reason: String,
}

/// One dated step of a project's history: a status change, or the declaration of landing
/// (`to_status` `landed` with `from_status` `signed` while the status stays `signed`).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ProjectEvent {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub from_status: Option<ProjectStatus>,
    pub to_status: ProjectStatus,
    pub note: String,
}

/// Who declared and who confirmed the landing, and when.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, Default)]
pub struct Landing {
    pub declared_by: Option<String>,
    pub declared_at: Option<DateTime<Utc>>,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

/// A project (项目).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Project {
    pub id: String,
    pub title: String,
    pub county_code: String,
    pub county_name: String,
    pub province_code: String,
    /// Every organization named, the lead first, with its answer.
    pub organizations: Vec<ProjectOrganization>,
    pub pairing_id: Option<String>,
    pub need_id: Option<String>,
    pub event_id: Option<String>,
    pub campaign_id: Option<String>,
    /// The public-welfare brand it carries (a brand of one of its organizations).
    pub brand_id: Option<String>,
    pub assistance_type: AssistanceType,
    pub planned_funds: Money,
    /// The sum of the updates' funds; read-only.
    pub funds_in_place: Money,
    pub beneficiaries_planned: i64,
    /// The sum of the updates' beneficiaries; read-only.
    pub beneficiaries_reached: i64,
    /// Government purchase of services (政府购买服务).
    pub government_purchase: bool,
    pub contract_number: Option<String>,
    pub contract_amount: Option<Money>,
    /// How it stays, lasts and shows results (留得住、可持续、出成效).
    pub sustainability: String,
    pub status: ProjectStatus,
    /// Open and without an update for 90 days.
    pub stale: bool,
    /// Why the project waits for review: an organization named in it was suspended or revoked
    /// (cleared when it is reinstated); absent otherwise.
    pub review: Option<String>,
    pub last_activity_at: DateTime<Utc>,
    pub landing: Landing,
    /// What the caller may move it to now.
    pub allowed_transitions: Vec<ProjectStatus>,
    pub history: Vec<ProjectEvent>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A project as lists show it (项目列表项): what the list pages, the pickers and the exports use.
/// The project itself (`GET /api/v1/projects/{id}`) adds its history, its landing, its
/// sustainability, the contract's amount, the answers' authors and the moves the caller may
/// make; a list leaves them out because a page of 50 would carry them for nothing.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ProjectSummary {
    pub id: String,
    pub title: String,
    pub county_code: String,
    pub county_name: String,
    pub province_code: String,
    /// Every organization named, the lead first, with its answer.
    pub organizations: Vec<ProjectParty>,
    pub pairing_id: Option<String>,
    pub need_id: Option<String>,
    pub event_id: Option<String>,
    pub campaign_id: Option<String>,
    pub brand_id: Option<String>,
    pub assistance_type: AssistanceType,
    pub planned_funds: Money,
    pub funds_in_place: Money,
    pub beneficiaries_planned: i64,
    pub beneficiaries_reached: i64,
    pub government_purchase: bool,
    pub contract_number: Option<String>,
    pub status: ProjectStatus,
    /// Open and without an update for 90 days.
    pub stale: bool,
    /// Why the project waits for review; absent otherwise.
    pub review: Option<String>,
    pub last_activity_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CreateProject {
    #[schema(schema_with = crate::bounds::title)]
    pub title: String,
    #[schema(schema_with = crate::bounds::county_code)]
    pub county_code: String,
    /// Exactly one `lead`.
    pub organizations: Vec<ProjectOrg>,
    pub pairing_id: Option<String>,
    pub need_id: Option<String>,
    /// The docking event of the rural tour where it was docked.
    pub event_id: Option<String>,
    /// A brand of one of the project's organizations.
    pub brand_id: Option<String>,
    pub assistance_type: AssistanceType,
    #[serde(default)]
    pub planned_funds: Money,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::count)]
    pub beneficiaries_planned: i64,
    #[serde(default)]
    pub government_purchase: bool,
    pub contract_number: Option<String>,
    pub contract_amount: Option<Money>,
    #[serde(default)]
    pub sustainability: String,
}

/// JSON merge patch. The figures in place and reached come only from updates.
#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchProject {
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub title: Option<String>,
    pub assistance_type: Option<AssistanceType>,
    pub planned_funds: Option<Money>,
    #[schema(schema_with = crate::bounds::count_or_null)]
    pub beneficiaries_planned: Option<i64>,
    pub government_purchase: Option<bool>,
    pub contract_number: Option<String>,
    pub contract_amount: Option<Money>,
    pub sustainability: Option<String>,
    /// The brand it carries (a brand of one of its organizations); `null` unlinks it.
    #[serde(default, deserialize_with = "crate::serde_ext::double_option")]
    pub brand_id: Option<Option<String>>,
}

/// `{"to": "signed", "reason": "…"}`, the transition shape of every entity; a reason is required
/// to suspend or cancel, and is kept in the history.
#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct ProjectTransition {
    pub to: ProjectStatus,
    #[serde(default)]
    pub reason: String,
}

crate::text_enum!(
    ProjectSort {
        UpdatedDesc => "-updated_at",
        FundsDesc => "-funds_in_place",
    }
);

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct ProjectQuery {
    pub county: Option<String>,
    pub province: Option<String>,
    /// Projects this organization takes part in (having accepted).
    pub organization: Option<String>,
    /// Projects still waiting for this organization's answer (its invitations).
    pub awaiting_organization: Option<String>,
    pub status: Option<ProjectStatus>,
    pub assistance_type: Option<AssistanceType>,
    pub pairing: Option<String>,
    pub campaign: Option<String>,
    pub event: Option<String>,
    /// Projects carrying this brand.
    pub brand: Option<String>,
    /// Only open projects without an update for 90 days (`true`), or only the others.
    pub stale: Option<bool>,
    /// Only projects flagged for review (`true`), or only the others.
    pub review_flag: Option<bool>,
    /// Projects docked (created) in this year, China Standard Time.
    #[param(schema_with = crate::bounds::year)]
    pub year: Option<i64>,
    /// Projects whose landing the county confirmed in this year, China Standard Time: the list
    /// behind a dashboard's 本年落地 figure and the statistics series' `landed`.
    #[param(schema_with = crate::bounds::year)]
    pub landed_year: Option<i64>,
    /// Only signed projects whose landing their organization declared and the county has not
    /// yet confirmed (`true`: what waits for the county), or only the others.
    pub landing_declared: Option<bool>,
    pub government_purchase: Option<bool>,
    /// Part of the title.
    pub q: Option<String>,
    /// `-updated_at` (default) or `-funds_in_place`.
    pub sort: Option<ProjectSort>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    pub count: Option<bool>,
}

impl ProjectQuery {
    /// What the types cannot say: years in the platform's range.
    pub fn check(&self) -> crate::error::ApiResult<()> {
        for (field, year) in [("year", self.year), ("landed_year", self.landed_year)] {
            if year.is_some_and(|y| !crate::bounds::YEARS.contains(&y)) {
                return Err(crate::error::ApiError::field(
                    field,
                    crate::tr!("年份应在 2021–2100 之间", "must be between 2021 and 2100"),
                ));
            }
        }
        Ok(())
    }
}

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct ProjectUpdate {
    pub id: String,
    pub project_id: String,
    pub date: NaiveDate,
    pub narrative: String,
    pub funds_delta: Money,
    pub beneficiaries_delta: i64,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct CreateProjectUpdate {
    pub date: NaiveDate,
    #[schema(schema_with = crate::bounds::required_text)]
    pub narrative: String,
    /// Funds newly in place, in yuan.
    #[serde(default)]
    pub funds_delta: Money,
    /// People newly reached.
    #[serde(default)]
    #[schema(schema_with = crate::bounds::count)]
    pub beneficiaries_delta: i64,
    /// An optional status move made with the update.
    pub to: Option<ProjectStatus>,
}
