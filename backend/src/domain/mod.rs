//! Parse-don't-validate value types and pure rules: no HTTP, no SQL.

pub mod brand;
pub mod case;
pub mod codes;
pub mod consent;
pub mod credit_code;
pub mod evaluation;
pub mod incident;
pub mod kinds;
pub mod lifecycle;
pub mod money;
pub mod pairing;
pub mod project;
pub mod role;
pub mod text_enum;
pub mod training;
pub mod webhook;
pub mod year_end;

pub use codes::{CountyCode, ProvinceCode};
pub use consent::Consent;
pub use credit_code::CreditCode;
pub use kinds::*;
pub use lifecycle::{Lifecycle, Party, Refusal};
pub use money::{Money, MoneyTotal};
pub use role::{Department, Region, Role};
pub use webhook::{DeliveryStatus, WebhookEvent};
