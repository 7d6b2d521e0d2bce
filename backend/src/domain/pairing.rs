//! The pairing lifecycle (结对帮扶): one table of allowed moves and who may make each.
//! Pairing is voluntary and consent-based: an organization applies (or is recommended by
//! 乡村振兴局 / 民政部), the county consents, coordinators activate and end it.

use crate::text_enum;

text_enum!(
    PairingStatus {
        Proposed => "proposed",
        Recommended => "recommended",
        Confirmed => "confirmed",
        Active => "active",
        Concluded => "concluded",
        Terminated => "terminated",
    }
);

impl PairingStatus {
    /// Live pairings count against "one live pairing per organization and county".
    pub const LIVE: &'static [PairingStatus] = &[Self::Proposed, Self::Recommended, Self::Confirmed, Self::Active];

    pub fn is_live(self) -> bool {
        Self::LIVE.contains(&self)
    }
}

/// The caller's relation to a pairing, decided by the scope rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// A national admin, or the provincial officer of the county's province (乡村振兴局 / 民政部).
    Coordinator,
    /// The county officer of the pairing's county.
    County,
    /// A member of one of the pairing's organizations.
    Organization,
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
    Move { from: &[Proposed, Recommended], to: Confirmed, by: &[County], reason_required: false },
    Move { from: &[Confirmed], to: Active, by: &[Coordinator], reason_required: false },
    Move { from: &[Active], to: Concluded, by: &[Coordinator], reason_required: false },
    Move {
        from: &[Proposed, Recommended, Confirmed, Active],
        to: Terminated,
        by: &[Coordinator],
        reason_required: true,
    },
    // An organization may withdraw its application before the county has consented.
    Move { from: &[Proposed, Recommended], to: Terminated, by: &[Organization], reason_required: true },
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

/// The statuses this caller may move the pairing to now (for the SPA's buttons).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_consent_path() {
        assert_eq!(check(Proposed, Recommended, &[Coordinator], ""), Ok(()));
        assert_eq!(check(Recommended, Confirmed, &[County], ""), Ok(()));
        assert_eq!(check(Confirmed, Active, &[Coordinator], ""), Ok(()));
        assert_eq!(check(Active, Concluded, &[Coordinator], ""), Ok(()));
    }

    #[test]
    fn only_the_county_consents_and_illegal_moves_name_the_allowed_ones() {
        assert_eq!(check(Proposed, Confirmed, &[Coordinator, Organization], ""), Err(MoveError::NotYours));
        assert_eq!(
            check(Proposed, Active, &[Coordinator], ""),
            Err(MoveError::Illegal { current: Proposed, allowed: vec![Recommended, Confirmed, Terminated] })
        );
        assert_eq!(
            check(Concluded, Active, &[Coordinator], ""),
            Err(MoveError::Illegal { current: Concluded, allowed: vec![] })
        );
    }

    #[test]
    fn terminating_needs_a_reason_and_organizations_only_withdraw_early() {
        assert_eq!(check(Active, Terminated, &[Coordinator], " "), Err(MoveError::ReasonRequired));
        assert_eq!(check(Proposed, Terminated, &[Organization], "撤回申请"), Ok(()));
        assert_eq!(check(Active, Terminated, &[Organization], "不想做了"), Err(MoveError::NotYours));
        assert_eq!(allowed_for(Proposed, &[Organization]), vec![Terminated]);
        assert_eq!(allowed_for(Confirmed, &[County]), Vec::<PairingStatus>::new());
    }
}
