//! Reference data: provinces, counties (with the national key assistance counties), and the
//! east–west cooperation pairs. Seeded by migration; only the key-county flag changes at run time.

pub mod import;
pub mod model;
pub mod routes;
pub mod store;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("reference", "Provinces, counties, national key assistance counties, east–west pairs");
    crate::routes!(r;
        routes::list_provinces, routes::get_province, routes::list_counties, routes::get_county, routes::patch_county,
        routes::list_east_west_pairs, routes::key_county_summary, routes::import_key_counties,
    );
}
