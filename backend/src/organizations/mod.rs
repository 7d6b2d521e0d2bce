//! Social organizations (社会组织): profiles with the unified social credit code, status
//! changes, offers of what they can give, and bulk import / export as coordinators keep them
//! in Excel.

pub mod export;
pub mod import;
pub mod model;
pub mod offers;
pub mod routes;
pub mod store;
pub mod template;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("organizations", "Social organizations (社会组织), their offers, import and export");
    r.schema::<model::OrgSort>();
    // A job's report, named by `Job.kind` (the jobs module stores it as JSON).
    r.schema::<import::OrgImportReport>();
    crate::routes!(r;
        routes::list_organizations, routes::create_organization,
        // fixed paths before `/organizations/{id}`
        export::export_organizations, import::import_organizations,
        routes::get_organization, routes::patch_organization, routes::transition_organization,
        routes::confirm_credit_code,
    );
    r.export(&export::LISTED);
    r.job(crate::jobs::JobKind::OrganizationImport, import::run_job);
    offers::register(r);
}
