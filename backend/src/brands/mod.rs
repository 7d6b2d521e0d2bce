//! Public-welfare brands (公益品牌) in the plan's three lines: registered by an organization,
//! carried by its projects, recommended by its province, recognized and named demonstration
//! brands nationally; each with a dossier maintained from the platform's own data, a dated
//! history, evidence and an export.

pub mod dossier;
pub mod export;
pub mod model;
pub mod routes;
pub mod store;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("brands", "Public-welfare brands (公益品牌) in three lines, their dossiers and evidence");
    r.schema::<model::BrandSort>();
    crate::routes!(r;
        routes::list_brands, routes::create_brand,
        // a fixed path before `/brands/{id}`
        export::export_brands,
        routes::get_brand, routes::patch_brand, routes::transition_brand, routes::list_brand_projects,
        routes::list_brand_attachments, routes::create_brand_attachment,
        routes::get_brand_attachment, routes::delete_brand_attachment,
    );
    r.export(&export::LISTED);
}
