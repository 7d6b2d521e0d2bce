use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::organizations;
use crate::domain::credit_code::{CreditCodeInfo, decode};
use crate::domain::text_enum::list_from_json;
use crate::domain::{AssistanceType, LegalForm, OrgCategory, OrgStatus, RecommendedBy, RegistrationLevel};

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = organizations)]
pub struct OrgRow {
    pub id: String,
    pub name: String,
    pub credit_code: String,
    pub credit_code_check_failed: bool,
    pub legal_form: LegalForm,
    pub registration_level: RegistrationLevel,
    pub province_code: String,
    pub category: OrgCategory,
    pub specialties: String,
    pub party_org: bool,
    pub recommended_by: Option<RecommendedBy>,
    pub status: OrgStatus,
    pub status_reason: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub credit_code_confirmed_by: Option<String>,
    pub credit_code_confirmed_at: Option<NaiveDateTime>,
}

impl OrgRow {
    /// The code failed its check and no admin has confirmed it yet.
    pub fn credit_code_to_confirm(&self) -> bool {
        self.credit_code_check_failed && self.credit_code_confirmed_at.is_none()
    }

    pub fn status(&self) -> OrgStatus {
        self.status
    }

    pub fn specialties(&self) -> Vec<AssistanceType> {
        list_from_json(&self.specialties)
    }
}

/// A social organization (社会组织).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Organization {
    pub id: String,
    pub name: String,
    /// 统一社会信用代码, 18 characters.
    pub credit_code: String,
    /// The check character does not match: kept, but a national admin should confirm the code.
    pub credit_code_check_failed: bool,
    /// Who confirmed a code that failed its check (some legal early codes do), and when.
    pub credit_code_confirmation: Option<Confirmation>,
    /// What the code's positions say.
    pub credit_code_info: CreditCodeInfo,
    pub legal_form: LegalForm,
    pub registration_level: RegistrationLevel,
    /// The province of the registering authority.
    pub province_code: String,
    pub category: OrgCategory,
    /// Assistance types the organization is good at (业务专长).
    pub specialties: Vec<AssistanceType>,
    /// A party organization is established (已建立党组织).
    pub party_org: bool,
    pub recommended_by: Option<RecommendedBy>,
    pub status: OrgStatus,
    /// Why the organization was suspended, revoked or reinstated.
    pub status_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&OrgRow> for Organization {
    fn from(r: &OrgRow) -> Self {
        Self {
            id: r.id.clone(),
            name: r.name.clone(),
            credit_code: r.credit_code.clone(),
            credit_code_check_failed: r.credit_code_check_failed,
            credit_code_confirmation: r.credit_code_confirmed_at.map(|at| Confirmation {
                by: r.credit_code_confirmed_by.clone().unwrap_or_default(),
                at: at.and_utc(),
            }),
            credit_code_info: decode(&r.credit_code),
            legal_form: r.legal_form,
            registration_level: r.registration_level,
            province_code: r.province_code.clone(),
            category: r.category,
            specialties: r.specialties(),
            party_org: r.party_org,
            recommended_by: r.recommended_by,
            status: r.status(),
            status_reason: r.status_reason.clone(),
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

/// Who confirmed something, and when.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Confirmation {
    pub by: String,
    pub at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganization {
    #[schema(schema_with = crate::bounds::title)]
    pub name: String,
    #[schema(schema_with = crate::domain::credit_code::schema)]
    pub credit_code: String,
    pub legal_form: LegalForm,
    pub registration_level: RegistrationLevel,
    #[schema(schema_with = crate::bounds::province_code)]
    pub province_code: String,
    pub category: OrgCategory,
    #[serde(default)]
    pub specialties: Vec<AssistanceType>,
    #[serde(default)]
    pub party_org: bool,
    pub recommended_by: Option<RecommendedBy>,
}

/// JSON merge patch of an organization's profile. Organization members cannot change the
/// credit code or the recommendation.
#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchOrganization {
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub name: Option<String>,
    #[schema(schema_with = crate::domain::credit_code::schema_or_null)]
    pub credit_code: Option<String>,
    pub legal_form: Option<LegalForm>,
    pub registration_level: Option<RegistrationLevel>,
    #[schema(schema_with = crate::bounds::province_code_or_null)]
    pub province_code: Option<String>,
    pub category: Option<OrgCategory>,
    pub specialties: Option<Vec<AssistanceType>>,
    pub party_org: Option<bool>,
    /// Send `null` to clear.
    #[serde(default, deserialize_with = "crate::serde_ext::double_option")]
    #[schema(value_type = Option<RecommendedBy>)]
    pub recommended_by: Option<Option<RecommendedBy>>,
}

/// `POST /organizations/{id}/transitions`: suspend, revoke or reinstate.
#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct OrgTransition {
    pub to: OrgStatus,
    #[schema(schema_with = crate::bounds::required_text)]
    pub reason: String,
}

crate::text_enum!(
    /// List order.
    OrgSort {
        Name => "name",
        UpdatedDesc => "-updated_at",
    }
);

#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct OrgQuery {
    /// Part of the name, or the beginning of the credit code.
    pub q: Option<String>,
    pub category: Option<OrgCategory>,
    pub legal_form: Option<LegalForm>,
    pub registration_level: Option<RegistrationLevel>,
    /// Registering province, e.g. `330000`.
    pub province: Option<String>,
    pub status: Option<OrgStatus>,
    /// Organizations with this specialty.
    pub specialty: Option<AssistanceType>,
    pub recommended_by: Option<RecommendedBy>,
    /// Only organizations whose credit code failed its check and waits for a national admin's
    /// confirmation (`true`), or only the others (`false`).
    pub credit_code_to_confirm: Option<bool>,
    /// `name` (default) or `-updated_at` (most recently changed first).
    pub sort: Option<OrgSort>,
    /// Page size, 1–200 (default 50).
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    /// Include `total`.
    pub count: Option<bool>,
}
