//! zhuxiang (助乡): the platform of the national action for social organizations in rural
//! revitalization. See ARCHITECTURE.md in the design folder and `src/README.md` for the layout.

// The shared floors come first (`families!` below uses `routing`).

pub mod attachments;
pub mod background;
pub mod bootstrap;
pub mod bounds;
pub mod cache;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod extractors;
#[macro_use]
pub mod families;
pub mod history;
pub mod http;
pub mod i18n;
pub mod maintenance;
pub mod openapi;
pub mod ops;
pub mod pdf;
pub mod peers;
pub mod rich_text;
pub mod routing;
pub mod secrets;
pub mod seed;
pub mod serde_ext;
pub mod sheets;
pub mod startup;
pub mod state;
pub mod telemetry;

#[doc(hidden)]
pub use paste;

// Every endpoint family, once: its folder is declared as a module here and its `register` is
// served and documented (`families.rs`). A new family is one more name in this list.
families!(
    auth,
    users,
    geo,
    audit,
    organizations,
    matching,
    pairings,
    needs,
    jobs,
    projects,
    campaigns,
    brands,
    cases,
    showcase,
    statistics,
    open_data,
    evaluation,
    notifications,
    incidents,
    trainings,
    selections,
    year_end,
    webhooks
);
