//! What waits for someone (in-app notifications): a pairing to answer or confirm, a landing to
//! confirm, experts' assignments to score, a case to review or returned, projects gone stale.
//!
//! A notice is written by the change that causes it, inside that change's transaction
//! (`send::notify`), and settled the same way when the thing it asks for is done
//! (`send::settle`), so the bell counts what still waits. The daily sweep (`sweep`) writes the
//! notices no single change causes, once a day across every instance, as a background job.

pub mod model;
pub mod routes;
pub mod send;
pub mod sweep;

pub use model::NotificationKind;
pub use send::{Notice, To, notify, settle};

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("notifications", "What waits for the caller: in-app notifications");
    crate::routes!(r; routes::list_my_notifications, routes::mark_notifications_read);
    r.daily("notifications", sweep::sweep);
}
