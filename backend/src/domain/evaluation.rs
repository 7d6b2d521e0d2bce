//! The evaluation system's vocabularies and lifecycles (评估评价体系 · 选树): indicator
//! frameworks (draft → active → retired; an active framework never changes), evaluation rounds
//! (draft → scoring → closed → published, reopened from closed with a reason), an expert's
//! assignment (assigned → submitted, or recused with a reason, or withdrawn by the admin), the
//! yearly selection (nominating → reviewing → published) and its nominations.

use super::lifecycle::{Lifecycle, Move, Party};
use crate::text_enum;

text_enum!(
    /// What a framework and a round evaluate.
    SubjectType {
        Organization => "organization",
        Brand => "brand",
        Province => "province",
    }
);

text_enum!(
    /// How an indicator gets its value: computed from the platform's data, or scored by experts.
    IndicatorMethod {
        Computed => "computed",
        Expert => "expert",
    }
);

text_enum!(
    /// How a computed indicator's raw figure becomes 0–100: min–max across the round's
    /// subjects, or the share of a target (capped at 100).
    Normalization {
        MinMax => "min_max",
        Target => "target",
    }
);

text_enum!(
    FrameworkStatus {
        Draft => "draft",
        Active => "active",
        Retired => "retired",
    }
);

text_enum!(
    /// Which subjects a round evaluates: organizations in an active pairing, recognized brands,
    /// provinces with key counties, every active one of the type, or those listed.
    SubjectFilter {
        ActivePairing => "active_pairing",
        Recognized => "recognized",
        KeyCountyProvinces => "key_county_provinces",
        All => "all",
        Listed => "listed",
    }
);

impl SubjectFilter {
    /// Whether the filter applies to subjects of this type.
    pub fn fits(self, t: SubjectType) -> bool {
        match self {
            Self::ActivePairing => t == SubjectType::Organization,
            Self::Recognized => t == SubjectType::Brand,
            Self::KeyCountyProvinces => t == SubjectType::Province,
            Self::All | Self::Listed => true,
        }
    }
}

text_enum!(
    RoundStatus {
        Draft => "draft",
        Scoring => "scoring",
        Closed => "closed",
        Published => "published",
    }
);

text_enum!(
    AssignmentStatus {
        Assigned => "assigned",
        Submitted => "submitted",
        Recused => "recused",
        Withdrawn => "withdrawn",
    }
);

impl AssignmentStatus {
    /// Assignments that count towards a subject's experts.
    pub const ACTIVE: [AssignmentStatus; 2] = [Self::Assigned, Self::Submitted];
}

text_enum!(
    /// What an expert declares a tie to.
    TieKind {
        Organization => "organization",
        Province => "province",
    }
);

text_enum!(
    TieRelation {
        WorksFor => "works_for",
        Advises => "advises",
        Donates => "donates",
        WorksIn => "works_in",
    }
);

impl TieRelation {
    pub fn zh(self) -> &'static str {
        match self {
            Self::WorksFor => "任职",
            Self::Advises => "顾问",
            Self::Donates => "捐赠",
            Self::WorksIn => "工作所在省份",
        }
    }
}

text_enum!(
    SelectionKind {
        OutstandingOrganization => "outstanding_organization",
        WellKnownBrand => "well_known_brand",
    }
);

impl SelectionKind {
    /// What is nominated: organizations or brands.
    pub fn subject_type(self) -> SubjectType {
        match self {
            Self::OutstandingOrganization => SubjectType::Organization,
            Self::WellKnownBrand => SubjectType::Brand,
        }
    }
}

text_enum!(
    SelectionStatus {
        Nominating => "nominating",
        Reviewing => "reviewing",
        Published => "published",
    }
);

text_enum!(
    NominationStatus {
        Nominated => "nominated",
        Selected => "selected",
        NotSelected => "not_selected",
        Withdrawn => "withdrawn",
    }
);

use Party::*;

impl Lifecycle for FrameworkStatus {
    const NOUN: (&'static str, &'static str) = ("指标体系", "indicator framework");
    const MOVES: &'static [Move<Self>] = &[
        Move { from: &[Self::Draft], to: Self::Active, by: &[National], reason_required: false },
        Move { from: &[Self::Active], to: Self::Retired, by: &[National], reason_required: true },
    ];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

impl Lifecycle for RoundStatus {
    const NOUN: (&'static str, &'static str) = ("评估轮次", "evaluation round");
    const MOVES: &'static [Move<Self>] = &[
        Move { from: &[Self::Draft], to: Self::Scoring, by: &[National], reason_required: false },
        Move { from: &[Self::Scoring], to: Self::Closed, by: &[National], reason_required: false },
        // Reopening a closed round throws its ranking away: it needs a reason, and is audited.
        Move { from: &[Self::Closed], to: Self::Scoring, by: &[National], reason_required: true },
        Move { from: &[Self::Closed], to: Self::Published, by: &[National], reason_required: false },
    ];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

impl Lifecycle for AssignmentStatus {
    const NOUN: (&'static str, &'static str) = ("评审任务", "assignment");
    const MOVES: &'static [Move<Self>] = &[
        Move { from: &[Self::Assigned], to: Self::Submitted, by: &[Assignee], reason_required: false },
        // Back to scoring a submitted assignment (the expert changes their mind before close).
        Move { from: &[Self::Submitted], to: Self::Assigned, by: &[Assignee], reason_required: false },
        Move { from: &[Self::Assigned], to: Self::Recused, by: &[Assignee], reason_required: true },
        Move { from: &[Self::Assigned, Self::Submitted], to: Self::Withdrawn, by: &[National], reason_required: true },
    ];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

impl Lifecycle for SelectionStatus {
    const NOUN: (&'static str, &'static str) = ("选树", "selection");
    const MOVES: &'static [Move<Self>] = &[
        Move { from: &[Self::Nominating], to: Self::Reviewing, by: &[National], reason_required: false },
        Move { from: &[Self::Reviewing], to: Self::Nominating, by: &[National], reason_required: true },
        Move { from: &[Self::Reviewing], to: Self::Published, by: &[National], reason_required: false },
    ];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

impl Lifecycle for NominationStatus {
    const NOUN: (&'static str, &'static str) = ("推荐", "nomination");
    const MOVES: &'static [Move<Self>] = &[
        Move { from: &[Self::Nominated], to: Self::Selected, by: &[National], reason_required: true },
        Move { from: &[Self::Nominated], to: Self::NotSelected, by: &[National], reason_required: true },
        Move {
            from: &[Self::Selected, Self::NotSelected],
            to: Self::Nominated,
            by: &[National],
            reason_required: true,
        },
        Move { from: &[Self::Nominated], to: Self::Withdrawn, by: &[Coordinator], reason_required: false },
    ];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::{Refusal, allowed_for, check};

    #[test]
    fn a_closed_round_is_reopened_with_a_reason_or_published() {
        use RoundStatus::*;
        assert_eq!(check(Closed, Scoring, &[National], " "), Err(Refusal::ReasonRequired));
        assert_eq!(check(Closed, Scoring, &[National], "补充评分"), Ok(()));
        assert_eq!(allowed_for(Closed, &[National]), vec![Scoring, Published]);
        assert!(matches!(check(Published, Scoring, &[National], "x"), Err(Refusal::Illegal { .. })));
    }

    #[test]
    fn only_the_assigned_expert_submits_or_recuses() {
        use AssignmentStatus::*;
        assert_eq!(check(Assigned, Recused, &[National], "x"), Err(Refusal::NotYours));
        assert_eq!(check(Assigned, Recused, &[Assignee], ""), Err(Refusal::ReasonRequired));
        assert_eq!(allowed_for(Assigned, &[Assignee]), vec![Submitted, Recused]);
        assert_eq!(allowed_for(Submitted, &[National]), vec![Withdrawn]);
    }
}
