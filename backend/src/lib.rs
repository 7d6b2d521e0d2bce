//! zhuxiang (助乡): the platform of the national action for social organizations in rural
//! revitalization. See ARCHITECTURE.md in the design folder for the layout.

pub mod audit;
pub mod auth;
pub mod bootstrap;
pub mod bounds;
pub mod cache;
pub mod campaigns;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod extractors;
pub mod families;
pub mod geo;
pub mod http;
pub mod i18n;
pub mod jobs;
pub mod matching;
pub mod needs;
pub mod openapi;
pub mod ops;
pub mod organizations;
pub mod pairings;
pub mod projects;
pub mod routing;
pub mod seed;
pub mod serde_ext;
pub mod sheets;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod users;

#[doc(hidden)]
pub use paste;
