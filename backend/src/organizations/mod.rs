//! Social organizations (社会组织): profiles with the unified social credit code, status
//! changes, offers of what they can give, and bulk import / export as coordinators keep them
//! in Excel.

pub mod import;
pub mod model;
pub mod offers;
pub mod routes;
pub mod store;
pub mod template;
