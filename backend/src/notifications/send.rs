//! Writing and settling notices, inside the transaction of the change that causes them.

use chrono::NaiveDateTime;

use super::model::NotificationKind;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::sql::{Bind, Dynamic};
use crate::domain::Role;
use crate::error::ApiResult;

/// Who a notice is for, resolved to the enabled accounts that hold the role and scope when it
/// is written (an officer who joins later sees what waits from then on).
#[derive(Debug, Clone, Copy)]
pub enum To<'a> {
    /// The county officers of a county.
    CountyOfficers(&'a str),
    /// The provincial officers of a province.
    ProvincialOfficers(&'a str),
    /// The provincial officers of a province who belong to a department.
    ProvincialDepartment(&'a str, crate::domain::Department),
    /// The members of an organization.
    OrgMembers(&'a str),
    /// Every national admin (the national liaison units).
    NationalAdmins,
    /// One account.
    User(&'a str),
}

impl To<'_> {
    /// ` AND …` restricting `users` to these recipients.
    fn filter(self, q: &mut Dynamic) {
        let (role, column, value) = match self {
            To::CountyOfficers(c) => (Some(Role::CountyOfficer), "county_code", c),
            To::ProvincialOfficers(p) => (Some(Role::ProvincialOfficer), "province_code", p),
            To::OrgMembers(o) => (Some(Role::OrgMember), "organization_id", o),
            To::User(id) => (None, "id", id),
            To::ProvincialDepartment(p, d) => {
                q.push(" AND users.role = ").bind(Bind::Text(Role::ProvincialOfficer.as_str().into()));
                q.push(" AND users.province_code = ").bind(Bind::Text(p.into()));
                q.push(" AND users.department = ").bind(Bind::Text(d.as_str().into()));
                return;
            }
            To::NationalAdmins => {
                q.push(" AND users.role = ").bind(Bind::Text(Role::NationalAdmin.as_str().into()));
                return;
            }
        };
        if let Some(role) = role {
            q.push(" AND users.role = ").bind(Bind::Text(role.as_str().into()));
        }
        q.push(&format!(" AND users.{column} = ")).bind(Bind::Text(value.into()));
    }
}

/// What a notice says: its kind, its object and the object's name.
#[derive(Debug, Clone, Copy)]
pub struct Notice<'a> {
    pub kind: NotificationKind,
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    pub subject: &'a str,
    /// A count it carries (stale projects), else 0.
    pub amount: i64,
}

impl<'a> Notice<'a> {
    pub fn new(kind: NotificationKind, entity_type: &'a str, entity_id: &'a str, subject: &'a str) -> Self {
        Self { kind, entity_type, entity_id, subject, amount: 0 }
    }
}

/// Writes `notice` for every enabled account of `to` except the caller (who caused it and needs
/// no telling). A person has at most one unread notice of a kind for an object: a repeated cause
/// refreshes its subject and count instead of adding another. Returns how many were written.
pub fn notify(conn: &mut DbConn, caller: &Caller, to: To, notice: Notice) -> ApiResult<usize> {
    write(conn, Some(&caller.actor_id), to, notice, caller.now, None)
}

/// `notify` for what the platform did by itself (a webhook it disabled): nobody to leave out.
pub fn notify_from_platform(conn: &mut DbConn, to: To, notice: Notice, now: NaiveDateTime) -> ApiResult<usize> {
    write(conn, None, to, notice, now, None)
}

/// `notify` without an actor, for the sweep: and not again for a person who was told of the same
/// object since `quiet_since` (read or not), so a daily sweep does not nag every day.
pub(super) fn notify_quietly(
    conn: &mut DbConn,
    to: To,
    notice: Notice,
    now: NaiveDateTime,
    quiet_since: NaiveDateTime,
) -> ApiResult<usize> {
    write(conn, None, to, notice, now, Some(quiet_since))
}

/// The head of every notice insert, up to the columns after `users.id, kind, entity_type`: the
/// caller pushes `entity_id, subject, amount, created_at, changed_at` and its `FROM users …`.
pub(super) fn insert_head(q: &mut Dynamic, kind: NotificationKind, entity_type: &str) {
    q.push(
        "INSERT INTO notifications (user_id, kind, entity_type, entity_id, subject, amount, created_at, changed_at) \
         SELECT users.id, ",
    );
    q.bind(Bind::Text(kind.as_str().into())).push(", ").bind(Bind::Text(entity_type.into())).push(", ");
}

/// ` AND NOT EXISTS …`: the person was not told of this kind about the object since `since`,
/// read or not; `entity` pushes the object's id (a bound value, or a column of the query).
pub(super) fn not_told_since(q: &mut Dynamic, kind: NotificationKind, since: NaiveDateTime, entity: impl FnOnce(&mut Dynamic)) {
    q.push(" AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = users.id AND n.kind = ");
    q.bind(Bind::Text(kind.as_str().into())).push(" AND n.entity_id = ");
    entity(q);
    q.push(" AND n.created_at > ").bind(Bind::Timestamp(since)).push(")");
}

/// One unread notice per person, kind and object (the partial unique index is the conflict
/// target): a repeated cause refreshes its subject and count instead of adding another.
pub(super) const ON_CONFLICT: &str = " ON CONFLICT (user_id, kind, entity_id) WHERE read_at IS NULL \
     DO UPDATE SET subject = excluded.subject, amount = excluded.amount, changed_at = excluded.changed_at";

fn write(
    conn: &mut DbConn,
    actor: Option<&str>,
    to: To,
    notice: Notice,
    now: NaiveDateTime,
    quiet_since: Option<NaiveDateTime>,
) -> ApiResult<usize> {
    let mut q = Dynamic::new(conn);
    insert_head(&mut q, notice.kind, notice.entity_type);
    q.bind(Bind::Text(notice.entity_id.into())).push(", ");
    q.bind(Bind::Text(notice.subject.into())).push(", ");
    q.bind(Bind::BigInt(notice.amount)).push(", ");
    q.bind(Bind::Timestamp(now)).push(", ").bind(Bind::Timestamp(now));
    q.push(" FROM users WHERE users.disabled = ").bind(Bind::Bool(false));
    to.filter(&mut q);
    if let Some(actor) = actor {
        q.push(" AND users.id <> ").bind(Bind::Text(actor.into()));
    }
    if let Some(since) = quiet_since {
        not_told_since(&mut q, notice.kind, since, |q| {
            q.bind(Bind::Text(notice.entity_id.into()));
        });
    }
    q.push(ON_CONFLICT);
    Ok(q.execute(conn)?)
}

/// Marks read the unread notices of these kinds about an object, for everyone or for `to`
/// only: what they asked for is done (confirmed, answered, scored, reviewed).
pub fn settle(
    conn: &mut DbConn,
    kinds: &[NotificationKind],
    entity_id: &str,
    to: Option<To>,
    now: NaiveDateTime,
) -> ApiResult<usize> {
    let mut q = Dynamic::new(conn);
    q.push("UPDATE notifications SET read_at = ").bind(Bind::Timestamp(now));
    q.push(", changed_at = ").bind(Bind::Timestamp(now));
    q.push(" WHERE read_at IS NULL AND entity_id = ").bind(Bind::Text(entity_id.into()));
    q.push(" AND kind IN ").bind_list(kinds.iter().map(|k| Bind::Text(k.as_str().into())));
    if let Some(to) = to {
        q.push(" AND user_id IN (SELECT users.id FROM users WHERE 1 = 1");
        to.filter(&mut q);
        q.push(")");
    }
    Ok(q.execute(conn)?)
}
