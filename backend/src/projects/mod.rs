//! Projects docked between organizations and counties, tracked until they land and complete
//! (项目对接 → 落地 · 持续跟踪): a two-sided landing, progress updates whose sums are the
//! project's figures, staleness after 90 days without an update, lists and exports.

pub mod create;
pub mod events;
pub mod evidence;
pub mod export;
pub mod model;
pub mod notices;
pub mod rollup;
pub mod routes;
pub mod store;
pub mod updates;

pub use crate::domain::project::STALE_DAYS;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("projects", "Projects from docking to landing, progress updates, exports (项目对接 → 落地)");
    r.schema::<model::ProjectSort>();
    crate::routes!(r;
        routes::list_projects, routes::create_project,
        // a fixed path before `/projects/{id}`
        export::export_projects,
        routes::get_project, routes::patch_project, routes::transition_project, routes::answer_invitation,
        updates::list_updates, updates::create_update,
        evidence::list_project_attachments, evidence::create_project_attachment,
        evidence::get_project_attachment, evidence::delete_project_attachment,
    );
    r.export(&export::LISTED);
}
