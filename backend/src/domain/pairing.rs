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

use super::lifecycle::{self, Lifecycle, Move, Party, Refusal};
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

impl PairingStatus {
    /// The Chinese name (`frontend/src/i18n/zh-CN.ts` has the same).
    pub fn zh(self) -> &'static str {
        match self {
            Self::Proposed => "已申请",
            Self::Recommended => "已推荐",
            Self::Accepted => "组织已接受",
            Self::Confirmed => "县级已确认",
            Self::Active => "帮扶中",
            Self::Concluded => "已完成",
            Self::Terminated => "已终止",
            Self::Declined => "组织已拒绝",
        }
    }
}

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

use PairingStatus::*;
use Party::*;

impl Lifecycle for PairingStatus {
    const NOUN: (&'static str, &'static str) = ("结对", "pairing");
    const MOVES: &'static [Move<Self>] = MOVES;
    fn name(self) -> &'static str {
        self.as_str()
    }
}

const MOVES: &[Move<PairingStatus>] = &[
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

/// Checks a move and returns the status it leads to. `invited` counts the organizations still
/// to answer, the caller's own included. The last consent publishes the pairing: nobody else
/// has to press anything once both sides have said yes.
pub fn decide(
    from: PairingStatus,
    to: PairingStatus,
    parties: &[Party],
    reason: &str,
    invited: usize,
) -> Result<PairingStatus, Refusal<PairingStatus>> {
    lifecycle::check(from, to, parties, reason)?;
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
        assert_eq!(lifecycle::check(Confirmed, Accepted, &[County, Coordinator], ""), Err(Refusal::NotYours));
        // An organization that has accepted does not confirm for the county.
        assert_eq!(lifecycle::check(Accepted, Confirmed, &[Coordinator, Organization], ""), Err(Refusal::NotYours));
        // There is no move to `active`: the last consent makes it.
        assert_eq!(
            lifecycle::check(Confirmed, Active, &[Coordinator], ""),
            Err(Refusal::Illegal { current: Confirmed, to: Active, allowed: vec![Accepted, Declined, Terminated] })
        );
        assert_eq!(
            lifecycle::check(Concluded, Active, &[Coordinator], ""),
            Err(Refusal::Illegal { current: Concluded, to: Active, allowed: vec![] })
        );
        assert_eq!(
            lifecycle::check(Declined, Accepted, &[Invitee], ""),
            Err(Refusal::Illegal { current: Declined, to: Accepted, allowed: vec![] })
        );
    }

    #[test]
    fn each_party_sees_its_own_moves() {
        assert_eq!(lifecycle::allowed_for(Proposed, &[Invitee]), vec![Accepted, Declined]);
        assert_eq!(lifecycle::allowed_for(Proposed, &[Organization]), vec![Terminated]);
        assert_eq!(lifecycle::allowed_for(Proposed, &[County]), vec![Confirmed]);
        assert_eq!(lifecycle::allowed_for(Proposed, &[Coordinator]), vec![Recommended, Terminated]);
        assert_eq!(lifecycle::allowed_for(Accepted, &[County]), vec![Confirmed]);
        assert_eq!(lifecycle::allowed_for(Confirmed, &[County]), Vec::<PairingStatus>::new());
        assert_eq!(lifecycle::allowed_for(Active, &[Organization]), Vec::<PairingStatus>::new());
    }

    #[test]
    fn terminating_needs_a_reason_and_organizations_only_withdraw_before_publication() {
        assert_eq!(lifecycle::check(Active, Terminated, &[Coordinator], " "), Err(Refusal::ReasonRequired));
        assert_eq!(lifecycle::check(Confirmed, Terminated, &[Organization], "撤回申请"), Ok(()));
        assert_eq!(lifecycle::check(Active, Terminated, &[Organization], "不想做了"), Err(Refusal::NotYours));
        assert_eq!(lifecycle::check(Proposed, Declined, &[Invitee], ""), Ok(()), "no reason needed to say no");
    }
}
