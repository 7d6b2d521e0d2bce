//! Parse-don't-validate value types and pure rules: no HTTP, no SQL.

pub mod codes;
pub mod role;

pub use codes::{CountyCode, ProvinceCode};
pub use role::{Region, Role};
