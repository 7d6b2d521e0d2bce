//! An organization's answer to being named (DOMAIN.md: "Nobody attaches an organization to a
//! pairing or project without its acceptance"). Whoever names an organization in a pairing or a
//! project only invites it; it takes part once one of its own members accepts. The answer is
//! given once: `invited → accepted | declined`.
//!
//! The pairing lifecycle makes these answers moves of the pairing itself (`domain::pairing`);
//! a project's organizations answer with the small table below.

use super::lifecycle::{Lifecycle, Move, Party};
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

/// Only the invited organization answers for itself, and only once.
impl Lifecycle for Consent {
    const NOUN: (&'static str, &'static str) = ("该组织的答复", "the organization's answer");
    const MOVES: &'static [Move<Self>] = &[
        Move { from: &[Invited], to: Accepted, by: &[Invitee], reason_required: false },
        Move { from: &[Invited], to: Declined, by: &[Invitee], reason_required: false },
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
    fn only_the_invited_organization_answers_and_only_once() {
        assert_eq!(check(Invited, Accepted, &[Invitee], ""), Ok(()));
        assert_eq!(check(Invited, Declined, &[Invitee], ""), Ok(()));
        assert_eq!(check(Invited, Accepted, &[Coordinator, County, Organization], ""), Err(Refusal::NotYours));
        assert_eq!(
            check(Declined, Accepted, &[Invitee], ""),
            Err(Refusal::Illegal { current: Declined, to: Accepted, allowed: vec![] })
        );
        assert_eq!(
            check(Accepted, Invited, &[Invitee], ""),
            Err(Refusal::Illegal { current: Accepted, to: Invited, allowed: vec![] })
        );
        assert_eq!(allowed_for(Invited, &[Invitee]), vec![Accepted, Declined]);
        assert_eq!(allowed_for(Invited, &[County]), Vec::<Consent>::new());
    }
}
