//! Needs (工作需求) raised by counties, and the invitations a county sends to the organizations
//! that match them.

pub mod model;
pub mod routes;
pub mod store;
