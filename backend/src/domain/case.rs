//! Case collection (案例征集) and typical cases (典型案例): a collection is opened by the national
//! liaison units for a year, organizations submit cases before its deadline, provinces
//! shortlist and the nation names typical cases; a case is public only once typical, consented
//! to and its collection published.

use super::lifecycle::{Lifecycle, Move, Party};
use crate::text_enum;

text_enum!(
    CollectionStatus {
        Open => "open",
        Closed => "closed",
        Published => "published",
    }
);

text_enum!(
    CaseStatus {
        Draft => "draft",
        Submitted => "submitted",
        Shortlisted => "shortlisted",
        Typical => "typical",
        Returned => "returned",
    }
);

impl CaseStatus {
    /// The organization changes the case only while it is its own draft.
    pub fn is_editable(self) -> bool {
        matches!(self, Self::Draft | Self::Returned)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Self::Draft => "草稿",
            Self::Submitted => "已提交",
            Self::Shortlisted => "已入围",
            Self::Typical => "典型案例",
            Self::Returned => "已退回",
        }
    }
}

impl Lifecycle for CollectionStatus {
    const NOUN: (&'static str, &'static str) = ("案例征集", "case collection");
    const MOVES: &'static [Move<Self>] = &[
        Move {
            from: &[CollectionStatus::Open],
            to: CollectionStatus::Closed,
            by: &[Party::National],
            reason_required: false,
        },
        Move {
            from: &[CollectionStatus::Closed],
            to: CollectionStatus::Open,
            by: &[Party::National],
            reason_required: true,
        },
        Move {
            from: &[CollectionStatus::Closed],
            to: CollectionStatus::Published,
            by: &[Party::National],
            reason_required: false,
        },
    ];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

use CaseStatus::*;
use Party::*;

impl Lifecycle for CaseStatus {
    const NOUN: (&'static str, &'static str) = ("案例", "case");
    const MOVES: &'static [Move<Self>] = &[
        // Submitting is also bound by the collection's deadline (`cases::store`).
        Move { from: &[Draft, Returned], to: Submitted, by: &[Organization], reason_required: false },
        Move { from: &[Submitted], to: Shortlisted, by: &[Coordinator], reason_required: false },
        Move { from: &[Shortlisted], to: Typical, by: &[National], reason_required: false },
        Move { from: &[Submitted, Shortlisted], to: Returned, by: &[Coordinator, National], reason_required: true },
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
    fn a_case_goes_from_draft_to_typical_by_three_hands() {
        assert_eq!(check(Draft, Submitted, &[Organization], ""), Ok(()));
        assert_eq!(check(Submitted, Shortlisted, &[Organization], ""), Err(Refusal::NotYours));
        assert_eq!(check(Submitted, Shortlisted, &[Coordinator], ""), Ok(()));
        assert_eq!(check(Shortlisted, Typical, &[Coordinator], ""), Err(Refusal::NotYours));
        assert_eq!(check(Shortlisted, Typical, &[National], ""), Ok(()));
        assert_eq!(check(Submitted, Returned, &[Coordinator], ""), Err(Refusal::ReasonRequired));
        assert!(matches!(check(Typical, Returned, &[National], "x"), Err(Refusal::Illegal { .. })));
    }
}
