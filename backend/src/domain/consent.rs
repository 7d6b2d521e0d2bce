//! An organization's answer to being named (DOMAIN.md: "Nobody attaches an organization to a
//! pairing or project without its acceptance"). Whoever names an organization in a pairing or a
//! project only invites it; it takes part once one of its own members accepts. The answer is
//! given once: `invited → accepted | declined`.
//!
//! The pairing lifecycle makes these answers moves of the pairing itself (`domain::pairing`);
//! a project's organizations answer with the small table below.

use super::pairing::Party;
use crate::text_enum;

text_enum!(
    /// Where an organization named in a pairing or a project stands.
    Consent {
        /// Named by someone else; not yet answered. It does not take part.
        Invited => "invited",
        Accepted => "accepted",
        Declined => "declined",
    }
);

use Consent::*;
use Party::*;

struct Move {
    from: &'static [Consent],
    to: Consent,
    by: &'static [Party],
}

/// Only the invited organization answers for itself, and only once.
const MOVES: &[Move] =
    &[Move { from: &[Invited], to: Accepted, by: &[Invitee] }, Move { from: &[Invited], to: Declined, by: &[Invitee] }];

#[derive(Debug, PartialEq, Eq)]
pub enum MoveError {
    /// Not an answer that can be given now (409).
    Illegal { current: Consent, allowed: Vec<Consent> },
    /// Not the caller's organization to answer for (403).
    NotYours,
}

pub fn allowed_from(from: Consent) -> Vec<Consent> {
    MOVES.iter().filter(|m| m.from.contains(&from)).map(|m| m.to).collect()
}

/// The answers this caller may give now (for the SPA's buttons).
pub fn allowed_for(from: Consent, parties: &[Party]) -> Vec<Consent> {
    MOVES.iter().filter(|m| m.from.contains(&from) && m.by.iter().any(|p| parties.contains(p))).map(|m| m.to).collect()
}

pub fn check(from: Consent, to: Consent, parties: &[Party]) -> Result<(), MoveError> {
    let Some(m) = MOVES.iter().find(|m| m.from.contains(&from) && m.to == to) else {
        return Err(MoveError::Illegal { current: from, allowed: allowed_from(from) });
    };
    if m.by.iter().any(|p| parties.contains(p)) { Ok(()) } else { Err(MoveError::NotYours) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_invited_organization_answers_and_only_once() {
        assert_eq!(check(Invited, Accepted, &[Invitee]), Ok(()));
        assert_eq!(check(Invited, Declined, &[Invitee]), Ok(()));
        assert_eq!(check(Invited, Accepted, &[Coordinator, County, Organization]), Err(MoveError::NotYours));
        assert_eq!(
            check(Declined, Accepted, &[Invitee]),
            Err(MoveError::Illegal { current: Declined, allowed: vec![] })
        );
        assert_eq!(
            check(Accepted, Invited, &[Invitee]),
            Err(MoveError::Illegal { current: Accepted, allowed: vec![] })
        );
        assert_eq!(allowed_for(Invited, &[Invitee]), vec![Accepted, Declined]);
        assert_eq!(allowed_for(Invited, &[County]), Vec::<Consent>::new());
    }
}
