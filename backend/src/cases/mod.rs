//! Case collection (案例征集) and typical cases (典型案例): national admins open a collection for
//! a year; organizations submit cases with four narrative sections, linked projects (whose
//! figures the case shows) and evidence; provinces shortlist, the nation names typical cases,
//! and the consented typical cases of a published collection go on the public showcase.

pub mod collections;
pub mod export;
pub mod model;
pub mod notices;
pub mod routes;
pub mod store;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("cases", "Case collection (案例征集) and typical cases (典型案例)");
    crate::routes!(r;
        collections::list_collections, collections::create_collection,
        collections::get_collection, collections::patch_collection, collections::transition_collection,
        routes::list_cases, routes::create_case,
        // a fixed path before `/cases/{id}`
        export::export_cases,
        routes::get_case, routes::patch_case, routes::transition_case,
        routes::list_case_attachments, routes::create_case_attachment,
        routes::get_case_attachment, routes::delete_case_attachment,
    );
    r.export(&export::LISTED);
}
