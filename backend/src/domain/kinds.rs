//! The closed vocabularies of the plan (DOMAIN.md).

use super::lifecycle::{Lifecycle, Move, Party};
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

/// Suspend, revoke, reinstate: by the coordinators of the organization's province, always with
/// a reason (it is shown on the organization and flags its pairings and projects).
impl Lifecycle for OrgStatus {
    const NOUN: (&'static str, &'static str) = ("社会组织", "organization");
    const MOVES: &'static [Move<Self>] = &[
        Move { from: &[OrgStatus::Active], to: OrgStatus::Suspended, by: &[Party::Coordinator], reason_required: true },
        Move {
            from: &[OrgStatus::Active, OrgStatus::Suspended],
            to: OrgStatus::Revoked,
            by: &[Party::Coordinator],
            reason_required: true,
        },
        Move {
            from: &[OrgStatus::Suspended, OrgStatus::Revoked],
            to: OrgStatus::Active,
            by: &[Party::Coordinator],
            reason_required: true,
        },
    ];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

/// open → matched → closed, and back to open from matched; by the county and its coordinators.
impl Lifecycle for NeedStatus {
    const NOUN: (&'static str, &'static str) = ("需求", "need");
    const MOVES: &'static [Move<Self>] = &[
        Move { from: &[NeedStatus::Open], to: NeedStatus::Matched, by: NEED_MANAGERS, reason_required: false },
        Move {
            from: &[NeedStatus::Open, NeedStatus::Matched],
            to: NeedStatus::Closed,
            by: NEED_MANAGERS,
            reason_required: false,
        },
        Move { from: &[NeedStatus::Matched], to: NeedStatus::Open, by: NEED_MANAGERS, reason_required: false },
    ];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

const NEED_MANAGERS: &[Party] = &[Party::County, Party::Coordinator];

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
        use crate::domain::lifecycle::allowed_from;
        assert_eq!(allowed_from(OrgStatus::Active), vec![OrgStatus::Suspended, OrgStatus::Revoked]);
        assert_eq!(allowed_from(OrgStatus::Suspended), vec![OrgStatus::Revoked, OrgStatus::Active]);
        assert_eq!(allowed_from(OrgStatus::Revoked), vec![OrgStatus::Active]);
        assert_eq!(allowed_from(NeedStatus::Matched), vec![NeedStatus::Closed, NeedStatus::Open]);
    }
}

/// The Chinese names the SPA and the exports show (`frontend/src/i18n/zh-CN.ts` has the same).
macro_rules! chinese_names {
    ($t:ident { $($v:ident => $zh:literal),+ $(,)? }) => {
        impl $t {
            pub fn zh(self) -> &'static str {
                match self { $(Self::$v => $zh),+ }
            }
        }
    };
}

chinese_names!(LegalForm { SocialGroup => "社会团体", SocialServiceAgency => "社会服务机构", Foundation => "基金会" });
chinese_names!(RegistrationLevel { National => "全国性", Provincial => "省级", Prefecture => "地市级", County => "县级" });
chinese_names!(OrgCategory { IndustryAssociation => "行业协会商会", Charity => "公益慈善类", Community => "社区社会组织", Other => "其他" });
chinese_names!(OrgStatus { Active => "正常", Suspended => "暂停", Revoked => "撤销" });
chinese_names!(Channel {
    NationalOrg => "全国性社会组织",
    EastOrg => "东部社会组织",
    WestLocalOrg => "西部本地社会组织",
    EastWestCooperation => "东西部协作",
});
chinese_names!(NeedStatus { Open => "待对接", Matched => "已对接", Closed => "已关闭" });
chinese_names!(Priority { High => "高", Medium => "中", Low => "低" });
