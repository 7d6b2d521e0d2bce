//! The API suite: runs on SQLite always, and on PostgreSQL when TEST_DATABASE_URL is set.

mod audit;
mod auth;
mod bootstrap;
mod brands;
mod cases;
mod concurrency;
mod contract;
mod errors;
mod geo;
mod helpers;
mod import;
mod logs;
mod matrix;
mod money;
mod needs;
mod open_data;
mod ops;
mod organizations;
mod pairings;
mod projects;
mod security;
mod sheets;
mod statistics;
mod tokens;
mod users;
