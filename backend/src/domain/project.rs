//! The project lifecycle (项目对接 → 签约 → 落地 → 完成): one table of moves and who may make
//! each. Landing is verified on both sides: the organization declares it, the county confirms
//! it, and only the confirmation lands the project. A project is signed only once its lead
//! organization has accepted to take part (`domain::consent`).

use super::lifecycle::{self, Lifecycle, Move, Party, Refusal};

/// Days without an update after which an open project is stale.
pub const STALE_DAYS: i64 = 90;
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

impl Lifecycle for ProjectStatus {
    const NOUN: (&'static str, &'static str) = ("项目", "project");
    const MOVES: &'static [Move<Self>] = &[
        Move { from: &[Docking], to: Signed, by: &[Organization, County, Coordinator], reason_required: false },
        // Signed → landed is the two-sided step, decided in `decide`.
        Move { from: &[Signed], to: Landed, by: &[Organization, County], reason_required: false },
        Move { from: &[Landed], to: Completed, by: &[County, Coordinator], reason_required: false },
        Move { from: &[Docking, Signed, Landed], to: Suspended, by: &[Coordinator], reason_required: true },
        Move { from: &[Docking, Signed, Suspended], to: Cancelled, by: &[Coordinator], reason_required: true },
    ];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The status changes to this.
    MoveTo(ProjectStatus),
    /// The organization declared landing; the county still has to confirm.
    LandingDeclared,
}

const NOT_DECLARED: Refusal<ProjectStatus> = Refusal::Blocked {
    zh: "社会组织尚未申报落地，县级无法确认。",
    en: "The organization has not declared the landing; there is nothing to confirm.",
};
const ALREADY_DECLARED: Refusal<ProjectStatus> = Refusal::Blocked {
    zh: "已申报落地，等待县级确认。",
    en: "Landing is declared; the county has to confirm it.",
};
const LEAD_NOT_ACCEPTED: Refusal<ProjectStatus> = Refusal::Blocked {
    zh: "牵头组织尚未接受参与该项目，不能签约。",
    en: "The lead organization has not accepted the project; it cannot be signed.",
};

/// What a project's own rules need to know besides the table.
#[derive(Debug, Clone, Copy, Default)]
pub struct Facts {
    /// The organization has declared the landing.
    pub declared: bool,
    /// Where a suspended project was (it resumes there).
    pub suspended_from: Option<ProjectStatus>,
    /// The lead organization has accepted to take part.
    pub lead_accepted: bool,
}

/// The table's moves, plus resuming a suspended project where it was.
pub fn allowed_from(from: ProjectStatus, facts: Facts) -> Vec<ProjectStatus> {
    let mut v = lifecycle::allowed_from(from);
    if from == Suspended
        && let Some(prev) = facts.suspended_from
    {
        v.insert(0, prev);
    }
    v
}

/// What the caller may press now.
pub fn allowed_for(from: ProjectStatus, parties: &[Party], facts: Facts) -> Vec<ProjectStatus> {
    allowed_from(from, facts).into_iter().filter(|to| decide(from, *to, parties, None, facts).is_ok()).collect()
}

/// Decides a move: by the table, then by the project's own rules (resuming, the lead's
/// acceptance, the two-sided landing). `reason` is `None` when only asking which buttons to
/// show: a reason is asked for when the move is made.
pub fn decide(
    from: ProjectStatus,
    to: ProjectStatus,
    parties: &[Party],
    reason: Option<&str>,
    facts: Facts,
) -> Result<Outcome, Refusal<ProjectStatus>> {
    // Resuming a suspended project returns it to where it was, by a coordinator.
    if from == Suspended && Some(to) == facts.suspended_from {
        return if parties.contains(&Coordinator) { Ok(Outcome::MoveTo(to)) } else { Err(Refusal::NotYours) };
    }
    match lifecycle::check(from, to, parties, reason.unwrap_or("-")) {
        Err(Refusal::Illegal { current, to, .. }) => {
            return Err(Refusal::Illegal { current, to, allowed: allowed_from(from, facts) });
        }
        other => other?,
    }
    if to == Signed && !facts.lead_accepted {
        return Err(LEAD_NOT_ACCEPTED);
    }
    if to == Landed {
        return match (parties.contains(&County), facts.declared) {
            (true, true) => Ok(Outcome::MoveTo(Landed)),
            (true, false) if !parties.contains(&Organization) => Err(NOT_DECLARED),
            (_, false) => Ok(Outcome::LandingDeclared),
            (false, true) => Err(ALREADY_DECLARED),
        };
    }
    Ok(Outcome::MoveTo(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn landing_is_declared_by_the_organization_and_confirmed_by_the_county() {
        assert_eq!(
            decide(Signed, Landed, &[Organization], Some(""), Facts { lead_accepted: true, ..Facts::default() }),
            Ok(Outcome::LandingDeclared)
        );
        assert_eq!(
            decide(
                Signed,
                Landed,
                &[Organization],
                Some(""),
                Facts { declared: true, lead_accepted: true, ..Facts::default() }
            ),
            Err(ALREADY_DECLARED)
        );
        assert_eq!(
            decide(Signed, Landed, &[County], Some(""), Facts { lead_accepted: true, ..Facts::default() }),
            Err(NOT_DECLARED)
        );
        assert_eq!(
            decide(
                Signed,
                Landed,
                &[County],
                Some(""),
                Facts { declared: true, lead_accepted: true, ..Facts::default() }
            ),
            Ok(Outcome::MoveTo(Landed))
        );
        assert_eq!(
            decide(
                Signed,
                Landed,
                &[Coordinator],
                Some(""),
                Facts { declared: true, lead_accepted: true, ..Facts::default() }
            ),
            Err(Refusal::NotYours),
            "no bypass"
        );
    }

    #[test]
    fn the_rest_of_the_table() {
        assert_eq!(
            decide(Docking, Signed, &[Organization], Some(""), Facts { lead_accepted: true, ..Facts::default() }),
            Ok(Outcome::MoveTo(Signed))
        );
        assert!(matches!(
            decide(Docking, Completed, &[Coordinator], Some(""), Facts { lead_accepted: true, ..Facts::default() }),
            Err(Refusal::Illegal { .. })
        ));
        assert_eq!(
            decide(Landed, Suspended, &[Coordinator], Some(""), Facts { lead_accepted: true, ..Facts::default() }),
            Err(Refusal::ReasonRequired)
        );
        assert_eq!(
            decide(
                Suspended,
                Landed,
                &[Coordinator],
                Some(""),
                Facts { suspended_from: Some(Landed), lead_accepted: true, ..Facts::default() }
            ),
            Ok(Outcome::MoveTo(Landed))
        );
        assert_eq!(
            decide(
                Suspended,
                Landed,
                &[County],
                Some(""),
                Facts { suspended_from: Some(Landed), lead_accepted: true, ..Facts::default() }
            ),
            Err(Refusal::NotYours)
        );
        assert_eq!(
            allowed_for(Signed, &[County], Facts { lead_accepted: true, ..Facts::default() }),
            Vec::<ProjectStatus>::new()
        );
        assert_eq!(
            allowed_for(Signed, &[County], Facts { declared: true, lead_accepted: true, ..Facts::default() }),
            vec![Landed]
        );
        assert_eq!(
            allowed_for(Signed, &[Organization], Facts { lead_accepted: true, ..Facts::default() }),
            vec![Landed]
        );
    }

    #[test]
    fn nobody_signs_for_a_lead_that_has_not_accepted() {
        for parties in [&[Organization][..], &[County], &[Coordinator]] {
            assert_eq!(decide(Docking, Signed, parties, Some(""), Facts::default()), Err(LEAD_NOT_ACCEPTED));
        }
        assert_eq!(allowed_for(Docking, &[County], Facts::default()), Vec::<ProjectStatus>::new());
        assert_eq!(allowed_for(Docking, &[Coordinator], Facts::default()), vec![Suspended, Cancelled]);
    }
}
