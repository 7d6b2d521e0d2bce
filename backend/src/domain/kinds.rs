//! The closed vocabularies of the plan (DOMAIN.md).

use crate::text_enum;

text_enum!(
    /// 帮扶类型: 产业, 就业, 教育, 健康, 养老, 消费, 多样化.
    AssistanceType {
        Industry => "industry",
        Employment => "employment",
        Education => "education",
        Health => "health",
        ElderlyCare => "elderly_care",
        Consumption => "consumption",
        Other => "other",
    }
);

impl AssistanceType {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Industry => "产业帮扶",
            Self::Employment => "就业帮扶",
            Self::Education => "教育帮扶",
            Self::Health => "健康帮扶",
            Self::ElderlyCare => "养老服务",
            Self::Consumption => "消费帮扶",
            Self::Other => "多样化帮扶",
        }
    }
}

text_enum!(
    /// 社会团体 / 社会服务机构 / 基金会.
    LegalForm {
        SocialGroup => "social_group",
        SocialServiceAgency => "social_service_agency",
        Foundation => "foundation",
    }
);

text_enum!(
    /// 全国性 / 省级 / 地市级 / 县级.
    RegistrationLevel {
        National => "national",
        Provincial => "provincial",
        Prefecture => "prefecture",
        County => "county",
    }
);

text_enum!(
    /// 行业协会商会 / 公益慈善类 / 社区社会组织 / 其他.
    OrgCategory {
        IndustryAssociation => "industry_association",
        Charity => "charity",
        Community => "community",
        Other => "other",
    }
);

text_enum!(
    /// Who recommended the organization: 国家乡村振兴局 or 民政部.
    RecommendedBy {
        RuralRevitalizationBureau => "rural_revitalization_bureau",
        CivilAffairs => "civil_affairs",
    }
);

text_enum!(
    OrgStatus {
        Active => "active",
        Suspended => "suspended",
        Revoked => "revoked",
    }
);

text_enum!(
    /// How a pairing came about (DOMAIN.md).
    Channel {
        NationalOrg => "national_org",
        EastOrg => "east_org",
        WestLocalOrg => "west_local_org",
        EastWestCooperation => "east_west_cooperation",
    }
);

text_enum!(
    NeedStatus {
        Open => "open",
        Matched => "matched",
        Closed => "closed",
    }
);

text_enum!(
    Priority {
        Low => "low",
        Medium => "medium",
        High => "high",
    }
);

text_enum!(
    JobStatus {
        Queued => "queued",
        Running => "running",
        Succeeded => "succeeded",
        Failed => "failed",
    }
);

impl OrgStatus {
    /// suspend / revoke / reinstate: which moves exist.
    pub fn can_move_to(self, to: OrgStatus) -> bool {
        matches!(
            (self, to),
            (Self::Active, Self::Suspended)
                | (Self::Active, Self::Revoked)
                | (Self::Suspended, Self::Revoked)
                | (Self::Suspended, Self::Active)
                | (Self::Revoked, Self::Active)
        )
    }
}

impl NeedStatus {
    pub fn can_move_to(self, to: NeedStatus) -> bool {
        matches!(
            (self, to),
            (Self::Open, Self::Matched)
                | (Self::Open, Self::Closed)
                | (Self::Matched, Self::Closed)
                | (Self::Matched, Self::Open)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip() {
        for t in AssistanceType::ALL {
            assert_eq!(t.as_str().parse::<AssistanceType>(), Ok(*t));
        }
        assert!("farming".parse::<AssistanceType>().is_err());
        assert_eq!(serde_json::to_string(&AssistanceType::ElderlyCare).expect("json"), "\"elderly_care\"");
    }

    #[test]
    fn organization_status_moves() {
        assert!(OrgStatus::Active.can_move_to(OrgStatus::Suspended));
        assert!(OrgStatus::Suspended.can_move_to(OrgStatus::Active));
        assert!(!OrgStatus::Active.can_move_to(OrgStatus::Active));
    }
}
