//! Who may do what to which object: the one place role and scope rules are decided.
//! Handlers ask here; route-level denials are 403, objects outside the caller's scope are 404.

use crate::domain::Role;
use crate::error::{ApiError, ApiResult};
use crate::tr;

use super::Caller;

impl Caller {
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
            role,
            province_code: province.map(str::to_owned),
            county_code: None,
            organization_id: None,
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
    fn only_admins_and_provincial_officers_manage_accounts() {
        assert!(caller(Role::NationalAdmin, None).manages_account(Role::ProvincialOfficer, Some("530000")));
        for r in [Role::CountyOfficer, Role::OrgMember, Role::Evaluator, Role::Viewer] {
            assert!(!caller(r, Some("510000")).manages_account(Role::CountyOfficer, Some("510000")));
        }
        assert!(caller(Role::Viewer, None).require_role(&[Role::NationalAdmin]).is_err());
    }
}
