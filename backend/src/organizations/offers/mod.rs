//! Offers (资源供给): what an organization can give — assistance types, preferred provinces or
//! regions, and capacity in yuan. Matching reads them.

pub mod model;
pub mod routes;
pub mod store;

pub use model::{Offer, OfferRow};

/// The offers' endpoints (registered with their family, `organizations`).
pub fn register(r: &mut crate::routing::Routes) {
    crate::routes!(r; routes::list_offers, routes::create_offer, routes::get_offer, routes::patch_offer);
}
