//! Incidents and risk (应急处理机制 · 防范风险隐患): something that went wrong around an
//! organization's work — an accident, misused funds, someone impersonating it, a storm of
//! public opinion — reported by the coordinators who see it (or the organization itself), handled
//! with a dated log of what was done, resolved and closed.

use super::lifecycle::{Lifecycle, Move, Party};
use crate::text_enum;

text_enum!(
    /// What happened.
    IncidentKind {
        Safety => "safety",
        FundsMisuse => "funds_misuse",
        FraudImpersonation => "fraud_impersonation",
        PublicOpinion => "public_opinion",
        Compliance => "compliance",
        Dispute => "dispute",
        Other => "other",
    }
);

impl IncidentKind {
    /// The Chinese names the exports show (`frontend/src/i18n/zh-CN.ts` has the same).
    pub fn zh(self) -> &'static str {
        match self {
            Self::Safety => "安全事故",
            Self::FundsMisuse => "资金违规使用",
            Self::FraudImpersonation => "冒用名义诈骗",
            Self::PublicOpinion => "舆情",
            Self::Compliance => "合规问题",
            Self::Dispute => "纠纷",
            Self::Other => "其他",
        }
    }
}

text_enum!(
    /// How bad it is; `high` and `critical` are told to the national admins and the province at once.
    Severity {
        Low => "low",
        Medium => "medium",
        High => "high",
        Critical => "critical",
    }
);

impl Severity {
    /// Told to the national liaison units and the province the moment it is reported.
    pub fn is_urgent(self) -> bool {
        matches!(self, Severity::High | Severity::Critical)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Self::Low => "一般",
            Self::Medium => "较大",
            Self::High => "重大",
            Self::Critical => "特别重大",
        }
    }
}

text_enum!(
    IncidentStatus {
        Reported => "reported",
        Handling => "handling",
        Resolved => "resolved",
        Closed => "closed",
    }
);

impl IncidentStatus {
    /// Open incidents still need someone: reported or being handled.
    pub const OPEN: &'static [IncidentStatus] = &[IncidentStatus::Reported, IncidentStatus::Handling];

    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Self::Reported => "已报告",
            Self::Handling => "处置中",
            Self::Resolved => "已处置",
            Self::Closed => "已结案",
        }
    }
}

use IncidentStatus::*;
use Party::{Coordinator, County};

impl Lifecycle for IncidentStatus {
    const NOUN: (&'static str, &'static str) = ("事件", "incident");
    const MOVES: &'static [Move<Self>] = &[
        Move { from: &[Reported], to: Handling, by: &[Coordinator, County], reason_required: false },
        Move { from: &[Handling], to: Resolved, by: &[Coordinator, County], reason_required: false },
        // a resolution that did not hold: back to handling, saying why
        Move { from: &[Resolved], to: Handling, by: &[Coordinator, County], reason_required: true },
        Move { from: &[Resolved], to: Closed, by: &[Coordinator], reason_required: false },
        // an unfounded report is closed by the province, saying why
        Move { from: &[Reported], to: Closed, by: &[Coordinator], reason_required: true },
    ];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::{Refusal, check};

    #[test]
    fn a_county_handles_and_resolves_but_only_the_province_closes() {
        assert_eq!(check(Reported, Handling, &[County], ""), Ok(()));
        assert_eq!(check(Handling, Resolved, &[County], ""), Ok(()));
        assert_eq!(check(Resolved, Closed, &[County], ""), Err(Refusal::NotYours));
        assert_eq!(check(Resolved, Closed, &[Coordinator], ""), Ok(()));
        assert_eq!(check(Resolved, Handling, &[County], " "), Err(Refusal::ReasonRequired));
        assert!(matches!(check(Closed, Handling, &[Coordinator], "x"), Err(Refusal::Illegal { .. })));
    }
}
