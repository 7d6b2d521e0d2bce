//! Who may do what to which object: the one place role and scope rules are decided.
//! Handlers ask here; route-level denials are 403, objects outside the caller's scope are 404.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::{OrgStatus, Role};
use crate::error::{ApiError, ApiResult};
use crate::i18n::Text;
use crate::tr;

use super::Caller;

/// Which rows of a family's data a caller reads: everything (national admins), its own
/// province's, county's or organization's together with what is published, or the published
/// rows only (evaluators, viewers). Each family says in one place what "published" means for
/// it; listings filter by this, and it is part of every cached aggregate's key
/// (`cache::Key`), so a result computed for one scope never answers another.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DataScope {
    All,
    Province(String),
    County(String),
    Organization(String),
    Published,
}

/// Which rows an answer covers: `all`; the caller's own `province`, `county` or
/// `organization` together with the published rows elsewhere; or `published` rows only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    /// Every row (national admins).
    All,
    /// The caller's province's rows, and the published rows of the others.
    Province,
    /// The caller's county's rows, and the published rows of the others.
    County,
    /// The rows of the caller's organization, and the published rows of the others.
    Organization,
    /// Published rows only (evaluators, viewers).
    Published,
}

impl DataScope {
    pub fn kind(&self) -> ScopeKind {
        match self {
            Self::All => ScopeKind::All,
            Self::Province(_) => ScopeKind::Province,
            Self::County(_) => ScopeKind::County,
            Self::Organization(_) => ScopeKind::Organization,
            Self::Published => ScopeKind::Published,
        }
    }
}

/// Who issues API tokens and manages webhook subscriptions — the grants to integrations, under
/// `Caller::may_issue_token`.
pub const INTEGRATION_ISSUERS: &[Role] = &[Role::NationalAdmin, Role::ProvincialOfficer];

impl Caller {
    /// The rows this caller reads (`DataScope`). A scoped role without its scope field (which
    /// account validation prevents) matches no area and reads the published rows only.
    pub fn data_scope(&self) -> DataScope {
        let own = |v: &Option<String>| v.clone().unwrap_or_default();
        match self.role {
            Role::NationalAdmin => DataScope::All,
            Role::ProvincialOfficer => DataScope::Province(own(&self.province_code)),
            Role::CountyOfficer => DataScope::County(own(&self.county_code)),
            Role::OrgMember => DataScope::Organization(own(&self.organization_id)),
            Role::Evaluator | Role::Viewer => DataScope::Published,
        }
    }

    /// Denies (403) unless the caller has one of the roles.
    pub fn require_role(&self, allowed: &[Role]) -> ApiResult<()> {
        if allowed.contains(&self.role) {
            Ok(())
        } else {
            {
                let role = self.role;
                Err(ApiError::Forbidden(tr!("角色 {role} 无权执行此操作。", "The role {role} may not do this.")))
            }
        }
    }

    /// May the caller read and manage an account with this role in this province?
    /// A national admin manages everyone; a provincial officer the county officers of its own
    /// province only.
    pub fn manages_account(&self, role: Role, province_code: Option<&str>) -> bool {
        match self.role {
            Role::NationalAdmin => true,
            Role::ProvincialOfficer => {
                role == Role::CountyOfficer && province_code.is_some() && province_code == self.province_code.as_deref()
            }
            _ => false,
        }
    }

    /// May the caller issue an API token with this role and scope? The same rule as accounts,
    /// and a provincial officer may also issue a token with exactly its own role and province;
    /// a token never exceeds its issuer's rights.
    pub fn may_issue_token(&self, role: Role, province_code: Option<&str>) -> bool {
        self.manages_account(role, province_code)
            || (self.role == Role::ProvincialOfficer
                && role == Role::ProvincialOfficer
                && province_code == self.province_code.as_deref())
    }

    /// May the caller administer an organization registered in this province (register it,
    /// change its status, code or recommendation)?
    pub fn administers_org(&self, org_province: &str) -> bool {
        match self.role {
            Role::NationalAdmin => true,
            Role::ProvincialOfficer => self.province_code.as_deref() == Some(org_province),
            _ => false,
        }
    }

    /// May the caller act for this organization (its profile, offers, pairing applications)?
    pub fn acts_for_org(&self, org_id: &str, org_province: &str) -> bool {
        self.administers_org(org_province) || self.is_member_of(org_id)
    }

    /// May the caller change this organization, keeping it in or moving it to `to_province`?
    /// `coordinator_fields`: the change touches its credit code, registering province or
    /// recommendation. Its members and its province's coordinators change the profile; only the
    /// coordinators those fields; a move needs the right over both provinces. The one rule of
    /// `PATCH /organizations/{id}` and of an import's updates; `Err` says why in both languages.
    pub fn may_change_org(
        &self,
        org_id: &str,
        from_province: &str,
        to_province: &str,
        coordinator_fields: bool,
    ) -> Result<(), Text> {
        let not_yours = || tr!("您不能修改该社会组织。", "You may not change this organization.");
        if !self.acts_for_org(org_id, from_province) {
            return Err(not_yours());
        }
        if coordinator_fields && !self.administers_org(from_province) {
            return Err(tr!(
                "统一社会信用代码、登记省份和推荐单位由主管部门修改。",
                "The credit code, registering province and recommendation are changed by coordinators."
            ));
        }
        if !self.acts_for_org(org_id, to_province) {
            return Err(not_yours());
        }
        Ok(())
    }

    /// May the caller read this organization's offers (资源供给) — and what is derived from them,
    /// the needs ranked for it? DOMAIN.md gives them to the organization, the coordinators who
    /// may pair it, and matching (which reads them inside the server). Every coordinator —
    /// national, provincial, county — may propose pairing an active organization with a county
    /// of its own, so all of them read an active organization's offers; a suspended or revoked
    /// one cannot be paired, and its offers stay with its members and its province's
    /// coordinators. Evaluators and viewers see published statistics only.
    pub fn reads_offers_of(&self, org_id: &str, org_province: &str, org_status: OrgStatus) -> bool {
        self.acts_for_org(org_id, org_province)
            || (org_status == OrgStatus::Active
                && matches!(self.role, Role::NationalAdmin | Role::ProvincialOfficer | Role::CountyOfficer))
    }

    pub fn is_member_of(&self, org_id: &str) -> bool {
        self.role == Role::OrgMember && self.organization_id.as_deref() == Some(org_id)
    }

    /// Does the caller coordinate this county (national admin, or its province's officer)?
    pub fn coordinates_county(&self, county_code: &str) -> bool {
        match self.role {
            Role::NationalAdmin => true,
            Role::ProvincialOfficer => {
                self.province_code.as_deref().is_some_and(|p| county_code.get(..2) == p.get(..2))
            }
            _ => false,
        }
    }

    /// Is the caller the county officer of this county?
    pub fn is_county(&self, county_code: &str) -> bool {
        self.role == Role::CountyOfficer && self.county_code.as_deref() == Some(county_code)
    }

    /// The province filter a listing must apply for this caller, if any.
    pub fn account_province_scope(&self) -> Option<&str> {
        match self.role {
            Role::NationalAdmin => None,
            _ => Some(self.province_code.as_deref().unwrap_or("")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(role: Role, province: Option<&str>) -> Caller {
        Caller {
            actor_id: "x".into(),
            label: "x".into(),
            name: "x".into(),
            role,
            province_code: province.map(str::to_owned),
            county_code: None,
            organization_id: None,
            department: None,
            is_service_account: false,
            request_id: None,
            now: chrono::Utc::now().naive_utc(),
        }
    }

    #[test]
    fn a_provincial_officer_manages_only_county_officers_of_its_province() {
        let sichuan = caller(Role::ProvincialOfficer, Some("510000"));
        assert!(sichuan.manages_account(Role::CountyOfficer, Some("510000")));
        assert!(!sichuan.manages_account(Role::CountyOfficer, Some("530000")));
        assert!(!sichuan.manages_account(Role::ProvincialOfficer, Some("510000")));
        assert!(!sichuan.manages_account(Role::NationalAdmin, None));
        assert!(sichuan.may_issue_token(Role::ProvincialOfficer, Some("510000")));
        assert!(!sichuan.may_issue_token(Role::ProvincialOfficer, Some("530000")));
    }

    #[test]
    fn an_organization_is_changed_and_moved_only_by_who_holds_both_provinces() {
        let sichuan = caller(Role::ProvincialOfficer, Some("510000"));
        assert!(sichuan.may_change_org("org", "510000", "510000", true).is_ok());
        // Another province's organization cannot be edited, nor pulled into one's own province.
        assert!(sichuan.may_change_org("org", "520000", "510000", true).is_err());
        assert!(sichuan.may_change_org("org", "520000", "520000", false).is_err());
        // Nor pushed out of one's own.
        assert!(sichuan.may_change_org("org", "510000", "520000", true).is_err());
        assert!(caller(Role::NationalAdmin, None).may_change_org("org", "520000", "510000", true).is_ok());
        let mut member = caller(Role::OrgMember, None);
        member.organization_id = Some("org".into());
        assert!(member.may_change_org("org", "520000", "520000", false).is_ok());
        assert!(member.may_change_org("org", "520000", "520000", true).is_err(), "coordinator fields");
        assert!(member.may_change_org("other", "520000", "520000", false).is_err());
    }

    #[test]
    fn offers_are_read_by_the_organization_and_the_coordinators_who_may_pair_it() {
        let mut member = caller(Role::OrgMember, None);
        member.organization_id = Some("org".into());
        for active in [OrgStatus::Active, OrgStatus::Suspended] {
            assert!(member.reads_offers_of("org", "330000", active));
            assert!(caller(Role::ProvincialOfficer, Some("330000")).reads_offers_of("org", "330000", active));
        }
        assert!(!member.reads_offers_of("other", "330000", OrgStatus::Active));
        for r in [Role::NationalAdmin, Role::ProvincialOfficer, Role::CountyOfficer] {
            assert!(caller(r, Some("510000")).reads_offers_of("org", "330000", OrgStatus::Active));
        }
        // Nobody may pair a suspended organization: only its own province keeps reading.
        assert!(!caller(Role::ProvincialOfficer, Some("510000")).reads_offers_of("org", "330000", OrgStatus::Revoked));
        for r in [Role::Evaluator, Role::Viewer] {
            assert!(!caller(r, None).reads_offers_of("org", "330000", OrgStatus::Active));
        }
    }

    #[test]
    fn only_admins_and_provincial_officers_manage_accounts() {
        assert!(caller(Role::NationalAdmin, None).manages_account(Role::ProvincialOfficer, Some("530000")));
        for r in [Role::CountyOfficer, Role::OrgMember, Role::Evaluator, Role::Viewer] {
            assert!(!caller(r, Some("510000")).manages_account(Role::CountyOfficer, Some("510000")));
        }
        assert!(caller(Role::Viewer, None).require_role(&[Role::NationalAdmin]).is_err());
    }
}
