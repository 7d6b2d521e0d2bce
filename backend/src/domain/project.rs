//! The project lifecycle (项目对接 → 签约 → 落地 → 完成): one table of moves and who may make
//! each. Landing is verified on both sides: the organization declares it, the county confirms
//! it, and only the confirmation lands the project. A project is signed only once its lead
//! organization has accepted to take part (`domain::consent`).

use super::pairing::Party;
use crate::text_enum;

text_enum!(
    ProjectStatus {
        Docking => "docking",
        Signed => "signed",
        Landed => "landed",
        Completed => "completed",
        Suspended => "suspended",
        Cancelled => "cancelled",
    }
);

text_enum!(
    /// An organization's part in a project.
    ProjectRole {
        Lead => "lead",
        Partner => "partner",
        Funder => "funder",
    }
);

impl ProjectStatus {
    /// The funnel stage: docking 0, signed 1, landed 2, completed 3.
    pub fn stage(self) -> Option<i64> {
        match self {
            Self::Docking => Some(0),
            Self::Signed => Some(1),
            Self::Landed => Some(2),
            Self::Completed => Some(3),
            Self::Suspended | Self::Cancelled => None,
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Self::Docking => "对接中",
            Self::Signed => "已签约",
            Self::Landed => "已落地",
            Self::Completed => "已完成",
            Self::Suspended => "已暂停",
            Self::Cancelled => "已取消",
        }
    }

    /// Published projects are the ones every signed-in role may read — in lists, by id, and in
    /// aggregates such as a campaign's funnel: those whose landing the county has confirmed and
    /// that stay landed or completed. Docking, signed, suspended and cancelled projects are seen
    /// by their parties and the coordinators of their county only.
    pub const PUBLISHED: [ProjectStatus; 2] = [Self::Landed, Self::Completed];

    pub fn is_published(self) -> bool {
        Self::PUBLISHED.contains(&self)
    }

    /// Open projects are tracked: they turn stale without updates.
    pub const OPEN: [ProjectStatus; 3] = [Self::Docking, Self::Signed, Self::Landed];

    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }
}

use Party::*;
use ProjectStatus::*;

struct Move {
    from: &'static [ProjectStatus],
    to: ProjectStatus,
    by: &'static [Party],
    reason_required: bool,
}

const MOVES: &[Move] = &[
    Move { from: &[Docking], to: Signed, by: &[Organization, County, Coordinator], reason_required: false },
    // Signed → landed is the two-sided step, decided in `decide`.
    Move { from: &[Signed], to: Landed, by: &[Organization, County], reason_required: false },
    Move { from: &[Landed], to: Completed, by: &[County, Coordinator], reason_required: false },
    Move { from: &[Docking, Signed, Landed], to: Suspended, by: &[Coordinator], reason_required: true },
    Move { from: &[Docking, Signed, Suspended], to: Cancelled, by: &[Coordinator], reason_required: true },
];

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The status changes to this.
    MoveTo(ProjectStatus),
    /// The organization declared landing; the county still has to confirm.
    LandingDeclared,
}

#[derive(Debug, PartialEq, Eq)]
pub enum MoveError {
    Illegal {
        current: ProjectStatus,
        allowed: Vec<ProjectStatus>,
    },
    NotYours,
    ReasonRequired,
    /// The county cannot confirm a landing nobody declared.
    NotDeclared,
    /// Already declared; waiting for the county.
    AlreadyDeclared,
    /// The lead organization has not accepted the project (yet): nobody signs for it.
    LeadNotAccepted,
}

pub fn allowed_from(from: ProjectStatus, suspended_from: Option<ProjectStatus>) -> Vec<ProjectStatus> {
    let mut v: Vec<ProjectStatus> = MOVES.iter().filter(|m| m.from.contains(&from)).map(|m| m.to).collect();
    if from == Suspended
        && let Some(prev) = suspended_from
    {
        v.insert(0, prev);
    }
    v
}

/// What the caller may press now.
pub fn allowed_for(
    from: ProjectStatus,
    parties: &[Party],
    declared: bool,
    suspended_from: Option<ProjectStatus>,
    lead_accepted: bool,
) -> Vec<ProjectStatus> {
    allowed_from(from, suspended_from)
        .into_iter()
        .filter(|to| decide(from, *to, parties, "x", declared, suspended_from, lead_accepted).is_ok())
        .collect()
}

pub fn decide(
    from: ProjectStatus,
    to: ProjectStatus,
    parties: &[Party],
    reason: &str,
    declared: bool,
    suspended_from: Option<ProjectStatus>,
    lead_accepted: bool,
) -> Result<Outcome, MoveError> {
    // Resuming a suspended project returns it to where it was, by a coordinator.
    if from == Suspended && Some(to) == suspended_from {
        return if parties.contains(&Coordinator) { Ok(Outcome::MoveTo(to)) } else { Err(MoveError::NotYours) };
    }
    let Some(m) = MOVES.iter().find(|m| m.from.contains(&from) && m.to == to) else {
        return Err(MoveError::Illegal { current: from, allowed: allowed_from(from, suspended_from) });
    };
    if !m.by.iter().any(|p| parties.contains(p)) {
        return Err(MoveError::NotYours);
    }
    if m.reason_required && reason.trim().is_empty() {
        return Err(MoveError::ReasonRequired);
    }
    if to == Signed && !lead_accepted {
        return Err(MoveError::LeadNotAccepted);
    }
    if to == Landed {
        return match (parties.contains(&County), declared) {
            (true, true) => Ok(Outcome::MoveTo(Landed)),
            (true, false) if !parties.contains(&Organization) => Err(MoveError::NotDeclared),
            (_, false) => Ok(Outcome::LandingDeclared),
            (false, true) => Err(MoveError::AlreadyDeclared),
        };
    }
    Ok(Outcome::MoveTo(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn landing_is_declared_by_the_organization_and_confirmed_by_the_county() {
        assert_eq!(decide(Signed, Landed, &[Organization], "", false, None, true), Ok(Outcome::LandingDeclared));
        assert_eq!(decide(Signed, Landed, &[Organization], "", true, None, true), Err(MoveError::AlreadyDeclared));
        assert_eq!(decide(Signed, Landed, &[County], "", false, None, true), Err(MoveError::NotDeclared));
        assert_eq!(decide(Signed, Landed, &[County], "", true, None, true), Ok(Outcome::MoveTo(Landed)));
        assert_eq!(decide(Signed, Landed, &[Coordinator], "", true, None, true), Err(MoveError::NotYours), "no bypass");
    }

    #[test]
    fn the_rest_of_the_table() {
        assert_eq!(decide(Docking, Signed, &[Organization], "", false, None, true), Ok(Outcome::MoveTo(Signed)));
        assert!(matches!(
            decide(Docking, Completed, &[Coordinator], "", false, None, true),
            Err(MoveError::Illegal { .. })
        ));
        assert_eq!(decide(Landed, Suspended, &[Coordinator], "", false, None, true), Err(MoveError::ReasonRequired));
        assert_eq!(
            decide(Suspended, Landed, &[Coordinator], "", false, Some(Landed), true),
            Ok(Outcome::MoveTo(Landed))
        );
        assert_eq!(decide(Suspended, Landed, &[County], "", false, Some(Landed), true), Err(MoveError::NotYours));
        assert_eq!(allowed_for(Signed, &[County], false, None, true), Vec::<ProjectStatus>::new());
        assert_eq!(allowed_for(Signed, &[County], true, None, true), vec![Landed]);
        assert_eq!(allowed_for(Signed, &[Organization], false, None, true), vec![Landed]);
    }

    #[test]
    fn nobody_signs_for_a_lead_that_has_not_accepted() {
        for parties in [&[Organization][..], &[County], &[Coordinator]] {
            assert_eq!(decide(Docking, Signed, parties, "", false, None, false), Err(MoveError::LeadNotAccepted));
        }
        assert_eq!(allowed_for(Docking, &[County], false, None, false), Vec::<ProjectStatus>::new());
        assert_eq!(allowed_for(Docking, &[Coordinator], false, None, false), vec![Suspended, Cancelled]);
    }
}
