use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Who a user (or service account) is on the platform; scope fields depend on it (DOMAIN.md).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, diesel::AsExpression, diesel::FromSqlRow,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    NationalAdmin,
    ProvincialOfficer,
    CountyOfficer,
    OrgMember,
    Evaluator,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::NationalAdmin,
        Role::ProvincialOfficer,
        Role::CountyOfficer,
        Role::OrgMember,
        Role::Evaluator,
        Role::Viewer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::NationalAdmin => "national_admin",
            Role::ProvincialOfficer => "provincial_officer",
            Role::CountyOfficer => "county_officer",
            Role::OrgMember => "org_member",
            Role::Evaluator => "evaluator",
            Role::Viewer => "viewer",
        }
    }

    /// Which scope field the role needs: a province, a county, or an organization.
    pub fn scope_field(self) -> Option<&'static str> {
        match self {
            Role::ProvincialOfficer => Some("province_code"),
            Role::CountyOfficer => Some("county_code"),
            Role::OrgMember => Some("organization_id"),
            _ => None,
        }
    }
}

crate::text_column!(Role);

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown role {s:?}; one of {}", Role::ALL.map(Role::as_str).join(", ")))
    }
}

crate::text_enum!(
    /// The two departments that carry the action together at every level: rural revitalization
    /// (乡村振兴部门; nationally 国家乡村振兴局社会帮扶司) and civil affairs (民政部门; nationally
    /// 民政部社会组织管理局). National admins and provincial and county officers belong to one.
    Department {
        RuralRevitalization => "rural_revitalization",
        CivilAffairs => "civil_affairs",
    }
);

impl Department {
    /// The department's name as coordinators say it.
    pub fn zh(self) -> &'static str {
        match self {
            Department::RuralRevitalization => "乡村振兴部门",
            Department::CivilAffairs => "民政部门",
        }
    }

    /// The department an account of `role` has when none is given: rural revitalization for
    /// coordinators (who lead the action), none for the other roles.
    pub fn default_for(role: Role) -> Option<Department> {
        role.has_department().then_some(Department::RuralRevitalization)
    }

    /// The department an account of `role` ends up with: `given` for a coordinator (else the
    /// default), none for the other roles, as their unused scope fields are cleared.
    pub fn resolve(role: Role, given: Option<Department>) -> Option<Department> {
        if role.has_department() { given.or(Department::default_for(role)) } else { None }
    }
}

impl Role {
    /// Whether accounts of this role belong to a department (the coordinators').
    pub fn has_department(self) -> bool {
        matches!(self, Role::NationalAdmin | Role::ProvincialOfficer | Role::CountyOfficer)
    }
}

/// The National Bureau of Statistics' four economic regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    East,
    Central,
    West,
    Northeast,
}

impl Region {
    pub fn as_str(self) -> &'static str {
        match self {
            Region::East => "east",
            Region::Central => "central",
            Region::West => "west",
            Region::Northeast => "northeast",
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Region {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "east" => Ok(Region::East),
            "central" => Ok(Region::Central),
            "west" => Ok(Region::West),
            "northeast" => Ok(Region::Northeast),
            other => Err(format!("unknown region {other:?}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_text() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
            assert_eq!(serde_json::to_value(r).expect("json"), serde_json::json!(r.as_str()));
        }
        assert!("root".parse::<Role>().expect_err("unknown").contains("national_admin"));
    }

    #[test]
    fn scoped_roles_name_their_scope_field() {
        assert_eq!(Role::ProvincialOfficer.scope_field(), Some("province_code"));
        assert_eq!(Role::CountyOfficer.scope_field(), Some("county_code"));
        assert_eq!(Role::NationalAdmin.scope_field(), None);
    }
}
