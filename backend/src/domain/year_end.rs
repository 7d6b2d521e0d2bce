//! Provincial year-end reports (每年底报送): each province reports every year-end to 国家乡村振兴局
//! and 民政部 on its social organizations' part in rural revitalization. The province's officers
//! write it; an officer of each of its two departments signs it; it is submitted, then accepted
//! or returned with comments by the national liaison units; an accepted report is locked until
//! they reopen it.

use super::lifecycle::{Lifecycle, Move, Party};
use crate::text_enum;

text_enum!(
    ReportStatus {
        Draft => "draft",
        Submitted => "submitted",
        Returned => "returned",
        Accepted => "accepted",
    }
);

impl ReportStatus {
    /// The province writes (and signs) the report only while it is with the province.
    pub fn is_editable(self) -> bool {
        matches!(self, Self::Draft | Self::Returned)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Self::Draft => "草稿",
            Self::Submitted => "已报送",
            Self::Returned => "已退回",
            Self::Accepted => "已接收",
        }
    }
}

use Party::{Coordinator, National};
use ReportStatus::*;

/// `Coordinator` is an officer of the report's province; `National` a national admin.
/// Submitting also needs both departments' signatures (`year_end::store`).
impl Lifecycle for ReportStatus {
    const NOUN: (&'static str, &'static str) = ("年度报告", "year-end report");
    const MOVES: &'static [Move<Self>] = &[
        Move { from: &[Draft, Returned], to: Submitted, by: &[Coordinator], reason_required: false },
        Move { from: &[Submitted], to: Accepted, by: &[National], reason_required: false },
        Move { from: &[Submitted], to: Returned, by: &[National], reason_required: true },
        // reopening an accepted report unlocks it for the province, saying why
        Move { from: &[Accepted], to: Draft, by: &[National], reason_required: true },
    ];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

text_enum!(
    /// The narrative sections, in the order a report reads.
    Section {
        /// 工作开展情况
        Work => "work",
        /// 主要成效
        Results => "results",
        /// 典型做法
        Practices => "practices",
        /// 存在问题
        Problems => "problems",
        /// 下一步打算
        NextSteps => "next_steps",
    }
);

impl Section {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Work => "工作开展情况",
            Self::Results => "主要成效",
            Self::Practices => "典型做法",
            Self::Problems => "存在问题",
            Self::NextSteps => "下一步打算",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Self::Work => "Work done",
            Self::Results => "Main results",
            Self::Practices => "Typical practices",
            Self::Problems => "Problems",
            Self::NextSteps => "Next steps",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::{Refusal, check};

    #[test]
    fn the_province_submits_and_the_nation_accepts_returns_or_reopens() {
        assert_eq!(check(Draft, Submitted, &[Coordinator], ""), Ok(()));
        assert_eq!(check(Draft, Submitted, &[National], ""), Err(Refusal::NotYours));
        assert_eq!(check(Submitted, Accepted, &[Coordinator], ""), Err(Refusal::NotYours));
        assert_eq!(check(Submitted, Returned, &[National], " "), Err(Refusal::ReasonRequired));
        assert_eq!(check(Returned, Submitted, &[Coordinator], ""), Ok(()));
        assert_eq!(check(Accepted, Draft, &[National], "数据更正"), Ok(()));
        assert!(matches!(check(Accepted, Submitted, &[Coordinator], ""), Err(Refusal::Illegal { .. })));
    }
}
