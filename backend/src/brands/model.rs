use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::brands;
use crate::domain::MoneyTotal;
use crate::domain::brand::{BrandFocus, BrandLine, BrandStatus};
use crate::domain::project::ProjectStatus;
use crate::domain::text_enum::list_from_json;
use crate::history::StatusEvent;

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = brands)]
pub struct BrandRow {
    pub id: String,
    pub name: String,
    pub line: BrandLine,
    pub focus: String,
    pub owner_organization_id: String,
    pub description: String,
    pub started_year: Option<i64>,
    pub status: BrandStatus,
    pub province_code: String,
    pub review_flag: bool,
    pub review_reason: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub dossier: String,
    pub dossier_at: NaiveDateTime,
    pub funds_in_place_fen: i64,
    pub counties_reached: i64,
}

impl BrandRow {
    pub fn focus(&self) -> Vec<BrandFocus> {
        list_from_json(&self.focus)
    }
}

/// How many of the brand's projects are in one status.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq, Eq)]
pub struct StatusCount {
    pub status: ProjectStatus,
    pub count: i64,
}

/// What the platform's own data says about a brand, computed from the projects that carry it
/// and the pairings they belong to; read-only. Kept up to date when a linked project changes
/// (`brands::dossier`), so reading it costs one row at any scale. National admins and the
/// brand's own organization read it over all its projects, everyone else over the published ones.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq, Default)]
pub struct BrandDossier {
    /// The figures count the brand's published projects only (landed or completed): what every
    /// reader but national admins and the brand's own organization sees.
    pub published_only: bool,
    /// Projects carrying the brand, and how many are in each status.
    pub projects: i64,
    pub projects_by_status: Vec<StatusCount>,
    /// Counties its projects reach, the national key counties among them, and provinces.
    pub counties_reached: i64,
    pub key_counties_reached: i64,
    pub provinces_reached: i64,
    pub funds_planned: MoneyTotal,
    pub funds_in_place: MoneyTotal,
    pub beneficiaries_planned: i64,
    pub beneficiaries_reached: i64,
    /// Landed or completed, of the projects not cancelled (0 when there are none).
    pub landed_ratio: f64,
    /// Projects with an update (or a move) in the last 90 days, of all its projects.
    pub updated_recently_ratio: f64,
    /// Years from `started_year` (or its first project) to this year, both counted.
    pub years_active: i64,
    /// Cultivated through the pairings its projects belong to (培育).
    pub local_organizations_cultivated: i64,
    pub volunteers_cultivated: i64,
    pub social_workers_cultivated: i64,
    pub computed_at: Option<DateTime<Utc>>,
}

/// A public-welfare brand (公益品牌).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Brand {
    pub id: String,
    pub name: String,
    pub line: BrandLine,
    /// One or more values of the brand's line.
    pub focus: Vec<BrandFocus>,
    pub owner_organization_id: String,
    pub owner_organization_name: String,
    pub partner_organization_ids: Vec<String>,
    pub description: String,
    pub started_year: Option<i64>,
    pub status: BrandStatus,
    /// The owner's registering province.
    pub province_code: String,
    /// Why the brand waits for review (its owner was suspended or revoked); absent otherwise.
    pub review: Option<String>,
    pub dossier: BrandDossier,
    /// What the caller may move it to now.
    pub allowed_transitions: Vec<BrandStatus>,
    /// Whether the caller may change its fields (its owner's members while draft or returned).
    pub editable: bool,
    pub history: Vec<StatusEvent>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CreateBrand {
    #[schema(schema_with = crate::bounds::title)]
    pub name: String,
    pub line: BrandLine,
    pub focus: Vec<BrandFocus>,
    pub owner_organization_id: String,
    #[serde(default)]
    pub partner_organization_ids: Vec<String>,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::description)]
    pub description: String,
    #[schema(schema_with = crate::bounds::year_or_null)]
    pub started_year: Option<i64>,
}

/// JSON merge patch; the owner, status and dossier are not changed here.
#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchBrand {
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub name: Option<String>,
    pub line: Option<BrandLine>,
    pub focus: Option<Vec<BrandFocus>>,
    pub partner_organization_ids: Option<Vec<String>>,
    #[schema(schema_with = crate::bounds::description_or_null)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::serde_ext::double_option")]
    #[schema(schema_with = crate::bounds::year_or_null)]
    pub started_year: Option<Option<i64>>,
}

/// `{"to": "applied", "reason": "…"}`; a reason is required to return or revoke.
#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct BrandTransition {
    pub to: BrandStatus,
    #[serde(default)]
    pub reason: String,
}

crate::text_enum!(
    BrandSort {
        UpdatedDesc => "-updated_at",
        Name => "name",
        FundsDesc => "-funds_in_place",
        CountiesDesc => "-counties_reached",
    }
);

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct BrandQuery {
    pub line: Option<BrandLine>,
    pub focus: Option<BrandFocus>,
    pub status: Option<BrandStatus>,
    /// The owner's registering province.
    pub province: Option<String>,
    /// Brands this organization owns or is a partner of.
    pub organization: Option<String>,
    /// Only brands flagged for review (`true`), or only the others.
    pub review_flag: Option<bool>,
    /// Part of the name.
    pub q: Option<String>,
    /// `-updated_at` (default), `name`, `-funds_in_place` or `-counties_reached`.
    pub sort: Option<BrandSort>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    pub count: Option<bool>,
}
