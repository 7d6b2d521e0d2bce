//! What a round asks of its experts, as notices (`notifications`): one per expert and round
//! however many subjects they are given, settled once none of theirs waits for scores.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;

use super::model::RoundRow;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::sql::{Bind, Dynamic};
use crate::domain::evaluation::AssignmentStatus;
use crate::error::ApiResult;
use crate::notifications::{Notice, NotificationKind as Kind, To, notify};

const ENTITY: &str = "evaluation_round";

/// These experts were given subjects of the round.
pub fn assigned<'a>(conn: &mut DbConn, caller: &Caller, round: &RoundRow, experts: impl IntoIterator<Item = &'a str>) -> ApiResult<()> {
    let experts: BTreeSet<&str> = experts.into_iter().collect();
    for expert in experts {
        notify(conn, caller, To::User(expert), Notice::new(Kind::AssignmentToScore, ENTITY, &round.id, &round.name))?;
    }
    Ok(())
}

/// After assignments moved or were removed: the experts of the round with none waiting any more
/// (all submitted, recused, withdrawn or gone) have their notice settled.
pub fn settle_idle(conn: &mut DbConn, round_id: &str, now: NaiveDateTime) -> ApiResult<()> {
    let mut q = Dynamic::new(conn);
    q.push("UPDATE notifications SET read_at = ").bind(Bind::Timestamp(now)).push(", changed_at = ").bind(Bind::Timestamp(now));
    q.push(" WHERE read_at IS NULL AND kind = ").bind(Bind::Text(Kind::AssignmentToScore.as_str().into()));
    q.push(" AND entity_id = ").bind(Bind::Text(round_id.into()));
    q.push(" AND user_id NOT IN (SELECT evaluator_id FROM evaluation_assignments WHERE round_id = ");
    q.bind(Bind::Text(round_id.into())).push(" AND status = ").bind(Bind::Text(AssignmentStatus::Assigned.as_str().into()));
    q.push(")");
    q.execute(conn)?;
    Ok(())
}
