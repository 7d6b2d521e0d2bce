//! One lifecycle mechanism for every entity with a status (organizations, needs, pairings,
//! projects, an organization's answer, and every family that comes after them).
//!
//! An entity's statuses are a `text_enum!` that implements [`Lifecycle`]: a table of [`Move`]s
//! (from, to, which parties may make it, whether it needs a reason). [`check`] decides a
//! requested move against the table; a refusal is a [`Refusal`], which `error.rs` turns into the
//! one problem for each case (409 listing the moves allowed from here, 403, 422 naming
//! `reason`). Rules a table cannot say (a project's two-sided landing, a pairing's last consent)
//! are small functions in the entity's own module, layered on `check`, and refuse with
//! [`Refusal::Blocked`].
//!
//! Every transition request has the same shape, `{"to": …, "reason": …}`.

use std::fmt::Debug;

/// The caller's relation to the object, decided by the family's scope rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// A national admin, or a coordinator of the object's province (乡村振兴局 / 民政部).
    Coordinator,
    /// The county officer of the object's county.
    County,
    /// A national admin acting for the national liaison units (全国联络单位): the steps only
    /// they take, such as recognizing a brand or naming a typical case.
    National,
    /// A member of an organization that takes part (has accepted).
    Organization,
    /// A member of an organization named in it that has not answered yet.
    Invitee,
    /// The expert an evaluation assignment is for.
    Assignee,
}

/// One allowed move: from any of `from` to `to`, by any of `by`.
#[derive(Debug)]
pub struct Move<S: 'static> {
    pub from: &'static [S],
    pub to: S,
    pub by: &'static [Party],
    pub reason_required: bool,
}

/// A status enum with its table of moves.
pub trait Lifecycle: Copy + Eq + Debug + 'static {
    /// What moves, for messages: (zh, en), e.g. ("项目", "project").
    const NOUN: (&'static str, &'static str);
    const MOVES: &'static [Move<Self>];
    /// The status as the contract spells it.
    fn name(self) -> &'static str;
}

/// Why a move was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal<S> {
    /// No such move from the current status (409, listing what is allowed from here).
    Illegal { current: S, to: S, allowed: Vec<S> },
    /// The move exists, but not for this caller (403).
    NotYours,
    /// This move needs a reason (422 naming `reason`).
    ReasonRequired,
    /// The move is in the table, but one of the entity's own rules stops it now (409).
    Blocked { zh: &'static str, en: &'static str },
}

/// The statuses reachable from `from`, in the table's order.
pub fn allowed_from<S: Lifecycle>(from: S) -> Vec<S> {
    let mut v: Vec<S> = Vec::new();
    for m in S::MOVES.iter().filter(|m| m.from.contains(&from)) {
        if !v.contains(&m.to) {
            v.push(m.to);
        }
    }
    v
}

/// The moves these parties may make from `from` (the SPA's buttons). A reason, where one is
/// needed, is asked for when the move is made, so it does not hide a move here.
pub fn allowed_for<S: Lifecycle>(from: S, parties: &[Party]) -> Vec<S> {
    allowed_from(from).into_iter().filter(|to| mover(from, *to, parties).is_some()).collect()
}

fn mover<S: Lifecycle>(from: S, to: S, parties: &[Party]) -> Option<&'static Move<S>> {
    S::MOVES.iter().find(|m| m.from.contains(&from) && m.to == to && m.by.iter().any(|p| parties.contains(p)))
}

/// Decides a move by the table: illegal (409), not this caller's (403), or missing its reason
/// (422), in that order.
pub fn check<S: Lifecycle>(from: S, to: S, parties: &[Party], reason: &str) -> Result<(), Refusal<S>> {
    if !S::MOVES.iter().any(|m| m.from.contains(&from) && m.to == to) {
        return Err(Refusal::Illegal { current: from, to, allowed: allowed_from(from) });
    }
    let m = mover(from, to, parties).ok_or(Refusal::NotYours)?;
    if m.reason_required && reason.trim().is_empty() {
        return Err(Refusal::ReasonRequired);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Party::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Door {
        Open,
        Shut,
        Locked,
    }

    impl Lifecycle for Door {
        const NOUN: (&'static str, &'static str) = ("门", "door");
        const MOVES: &'static [Move<Self>] = &[
            Move { from: &[Door::Open], to: Door::Shut, by: &[County, Coordinator], reason_required: false },
            Move { from: &[Door::Shut], to: Door::Open, by: &[County], reason_required: false },
            Move { from: &[Door::Shut], to: Door::Locked, by: &[Coordinator], reason_required: true },
        ];
        fn name(self) -> &'static str {
            match self {
                Door::Open => "open",
                Door::Shut => "shut",
                Door::Locked => "locked",
            }
        }
    }

    #[test]
    fn a_move_is_illegal_then_not_yours_then_missing_its_reason() {
        use Door::*;
        assert_eq!(
            check(Open, Locked, &[Coordinator], "x"),
            Err(Refusal::Illegal { current: Open, to: Locked, allowed: vec![Shut] })
        );
        assert_eq!(check(Shut, Locked, &[County], "x"), Err(Refusal::NotYours));
        assert_eq!(check(Shut, Locked, &[Coordinator], " "), Err(Refusal::ReasonRequired));
        assert_eq!(check(Shut, Locked, &[Coordinator], "盘点"), Ok(()));
        assert_eq!(check(Open, Shut, &[County], ""), Ok(()));
    }

    #[test]
    fn buttons_list_the_callers_moves_whether_or_not_they_need_a_reason() {
        use Door::*;
        assert_eq!(allowed_from(Shut), vec![Open, Locked]);
        assert_eq!(allowed_for(Shut, &[Coordinator]), vec![Locked]);
        assert_eq!(allowed_for(Shut, &[County, Coordinator]), vec![Open, Locked]);
        assert_eq!(allowed_for(Locked, &[Coordinator]), Vec::<Door>::new());
    }
}
