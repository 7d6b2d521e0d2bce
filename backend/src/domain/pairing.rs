//! The pairing lifecycle (结对帮扶): one table of allowed moves and who may make each.
//! Pairing is voluntary and consent-based on both sides (不搞行政摊派): an organization applies,
//! or is recommended or invited by 乡村振兴局 / 民政部 / the county, and accepts; the county
//! confirms. The two consents come in either order, and the last of them publishes the pairing
//! (→ active) at once:
//!
//! ```text
//! proposed ─(coordinator)→ recommended
//! proposed | recommended ─(every organization accepts)→ accepted ─(county confirms)→ active
//! proposed | recommended ─(county confirms)→ confirmed ─(every organization accepts)→ active
//! active → concluded;  any live status → terminated;  waiting → declined (an organization)
//! ```
//!
//! Each organization named in a pairing answers for itself (`accepted` / `declined` are its
//! moves); an organization applying for itself accepts by applying.

use crate::text_enum;

text_enum!(
    PairingStatus {
        /// Applied for, proposed or invited; waiting for both sides.
        Proposed => "proposed",
        /// Recommended by 乡村振兴局 / 民政部; waiting for both sides.
        Recommended => "recommended",
        /// Every organization has accepted; waiting for the county.
        Accepted => "accepted",
        /// The county has confirmed; waiting for an organization.
        Confirmed => "confirmed",
        /// Both sides consented: published.
        Active => "active",
        Concluded => "concluded",
        Terminated => "terminated",
        /// An organization named in it said no.
        Declined => "declined",
    }
);

text_enum!(
    /// Which consent a step of a pairing's history records.
    ConsentStep {
        OrganizationAccepted => "organization_accepted",
        OrganizationDeclined => "organization_declined",
        CountyConfirmed => "county_confirmed",
    }
);

impl PairingStatus {
    /// Live pairings count against "one live pairing per organization and county" (for the
    /// organizations that have accepted them).
    pub const LIVE: &'static [PairingStatus] =
        &[Self::Proposed, Self::Recommended, Self::Accepted, Self::Confirmed, Self::Active];

    /// Not yet published: still waiting for a consent.
    pub const WAITING: &'static [PairingStatus] = &[Self::Proposed, Self::Recommended, Self::Accepted, Self::Confirmed];

    pub fn is_live(self) -> bool {
        Self::LIVE.contains(&self)
    }

    /// The status a new pairing starts in: `accepted` when the applicant's own acceptance was
    /// the only one needed, else `proposed`.
    pub fn initial(invited: usize) -> PairingStatus {
        if invited == 0 { Self::Accepted } else { Self::Proposed }
    }
}

/// The caller's relation to a pairing (or a project), decided by the scope rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// A national admin, or the provincial officer of the county's province (乡村振兴局 / 民政部).
    Coordinator,
    /// The county officer of the pairing's county.
    County,
    /// A member of one of its organizations that has accepted (takes part).
    Organization,
    /// A member of an organization named in it that has not answered yet.
    Invitee,
}

pub struct Move {
    pub from: &'static [PairingStatus],
    pub to: PairingStatus,
    pub by: &'static [Party],
    pub reason_required: bool,
}

use PairingStatus::*;
use Party::*;

pub const MOVES: &[Move] = &[
    Move { from: &[Proposed], to: Recommended, by: &[Coordinator], reason_required: false },
    // The organization's consent: each invited organization answers for itself. `to` names the
    // answer; the status it leads to is decided by `decide`.
    Move { from: &[Proposed, Recommended, Confirmed], to: Accepted, by: &[Invitee], reason_required: false },
    Move { from: &[Proposed, Recommended, Confirmed], to: Declined, by: &[Invitee], reason_required: false },
    // The county's consent.
    Move { from: &[Proposed, Recommended, Accepted], to: Confirmed, by: &[County], reason_required: false },
    Move { from: &[Active], to: Concluded, by: &[Coordinator], reason_required: false },
    Move { from: PairingStatus::LIVE, to: Terminated, by: &[Coordinator], reason_required: true },
    // An organization that has accepted may withdraw until the pairing is published.
    Move { from: PairingStatus::WAITING, to: Terminated, by: &[Organization], reason_required: true },
];

#[derive(Debug, PartialEq, Eq)]
pub enum MoveError {
    /// No such move from the current status (409).
    Illegal { current: PairingStatus, allowed: Vec<PairingStatus> },
    /// The move exists but not for this caller (403).
    NotYours,
    /// This move needs a reason (422).
    ReasonRequired,
}

/// The statuses reachable from `from`.
pub fn allowed_from(from: PairingStatus) -> Vec<PairingStatus> {
    let mut v: Vec<PairingStatus> = MOVES.iter().filter(|m| m.from.contains(&from)).map(|m| m.to).collect();
    v.dedup();
    v
}

/// The moves this caller may make now (for the SPA's buttons).
pub fn allowed_for(from: PairingStatus, parties: &[Party]) -> Vec<PairingStatus> {
    let mut v: Vec<PairingStatus> = MOVES
        .iter()
        .filter(|m| m.from.contains(&from) && m.by.iter().any(|p| parties.contains(p)))
        .map(|m| m.to)
        .collect();
    v.dedup();
    v
}

pub fn check(from: PairingStatus, to: PairingStatus, parties: &[Party], reason: &str) -> Result<(), MoveError> {
    let moves: Vec<&Move> = MOVES.iter().filter(|m| m.from.contains(&from) && m.to == to).collect();
    if moves.is_empty() {
        return Err(MoveError::Illegal { current: from, allowed: allowed_from(from) });
    }
    let Some(m) = moves.iter().find(|m| m.by.iter().any(|p| parties.contains(p))) else {
        return Err(MoveError::NotYours);
    };
    if m.reason_required && reason.trim().is_empty() {
        return Err(MoveError::ReasonRequired);
    }
    Ok(())
}

/// Checks a move and returns the status it leads to. `invited` counts the organizations still
/// to answer, the caller's own included. The last consent publishes the pairing: nobody else
/// has to press anything once both sides have said yes.
pub fn decide(
    from: PairingStatus,
    to: PairingStatus,
    parties: &[Party],
    reason: &str,
    invited: usize,
) -> Result<PairingStatus, MoveError> {
    check(from, to, parties, reason)?;
    Ok(match to {
        Accepted if invited > 1 => from,
        Accepted if from == Confirmed => Active,
        Confirmed if invited == 0 => Active,
        to => to,
    })
}

/// The consent a move records in the history, if it is one.
pub fn consent_step(to: PairingStatus) -> Option<ConsentStep> {
    match to {
        Accepted => Some(ConsentStep::OrganizationAccepted),
        Declined => Some(ConsentStep::OrganizationDeclined),
        Confirmed => Some(ConsentStep::CountyConfirmed),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_consents_in_either_order_and_the_last_one_publishes() {
        // The organization first, then the county.
        assert_eq!(decide(Proposed, Accepted, &[Invitee], "", 1), Ok(Accepted));
        assert_eq!(decide(Accepted, Confirmed, &[County], "", 0), Ok(Active));
        // The county first, then the organization.
        assert_eq!(decide(Recommended, Confirmed, &[County], "", 1), Ok(Confirmed));
        assert_eq!(decide(Confirmed, Accepted, &[Invitee], "", 1), Ok(Active));
        // A group: the status waits for the last organization.
        assert_eq!(decide(Proposed, Accepted, &[Invitee], "", 2), Ok(Proposed));
        assert_eq!(decide(Confirmed, Accepted, &[Invitee], "", 2), Ok(Confirmed));
        // An organization applying alone has already accepted.
        assert_eq!(PairingStatus::initial(0), Accepted);
        assert_eq!(PairingStatus::initial(1), Proposed);
    }

    #[test]
    fn nobody_consents_for_another_and_nobody_activates_by_hand() {
        // Neither the county nor a coordinator accepts for an organization.
        assert_eq!(check(Confirmed, Accepted, &[County, Coordinator], ""), Err(MoveError::NotYours));
        // An organization that has accepted does not confirm for the county.
        assert_eq!(check(Accepted, Confirmed, &[Coordinator, Organization], ""), Err(MoveError::NotYours));
        // There is no move to `active`: the last consent makes it.
        assert_eq!(
            check(Confirmed, Active, &[Coordinator], ""),
            Err(MoveError::Illegal { current: Confirmed, allowed: vec![Accepted, Declined, Terminated] })
        );
        assert_eq!(
            check(Concluded, Active, &[Coordinator], ""),
            Err(MoveError::Illegal { current: Concluded, allowed: vec![] })
        );
        assert_eq!(
            check(Declined, Accepted, &[Invitee], ""),
            Err(MoveError::Illegal { current: Declined, allowed: vec![] })
        );
    }

    #[test]
    fn each_party_sees_its_own_moves() {
        assert_eq!(allowed_for(Proposed, &[Invitee]), vec![Accepted, Declined]);
        assert_eq!(allowed_for(Proposed, &[Organization]), vec![Terminated]);
        assert_eq!(allowed_for(Proposed, &[County]), vec![Confirmed]);
        assert_eq!(allowed_for(Proposed, &[Coordinator]), vec![Recommended, Terminated]);
        assert_eq!(allowed_for(Accepted, &[County]), vec![Confirmed]);
        assert_eq!(allowed_for(Confirmed, &[County]), Vec::<PairingStatus>::new());
        assert_eq!(allowed_for(Active, &[Organization]), Vec::<PairingStatus>::new());
    }

    #[test]
    fn terminating_needs_a_reason_and_organizations_only_withdraw_before_publication() {
        assert_eq!(check(Active, Terminated, &[Coordinator], " "), Err(MoveError::ReasonRequired));
        assert_eq!(check(Confirmed, Terminated, &[Organization], "撤回申请"), Ok(()));
        assert_eq!(check(Active, Terminated, &[Organization], "不想做了"), Err(MoveError::NotYours));
        assert_eq!(check(Proposed, Declined, &[Invitee], ""), Ok(()), "no reason needed to say no");
    }
}
