//! Authentication (passwords, JWT access tokens, rotating refresh tokens, API tokens) and the
//! `Caller` every protected handler extracts; scope rules live in `scope.rs`, in one place.

pub mod caller;
pub mod jwt;
pub mod known_users;
pub mod password;
pub mod refresh;
pub mod routes;
pub mod scope;
pub mod throttle;
pub mod tokens;

pub use caller::Caller;

// Random secrets live on a lower floor: configuration makes one too (the JWT secret).
pub use crate::secrets::{random_token, token_digest};

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("auth", "Login, token refresh, logout and the current user");
    r.tag("api-tokens", "Service accounts for third-party integrations");
    crate::routes!(r;
        routes::login, routes::refresh_session, routes::logout, routes::me,
        tokens::list_tokens, tokens::create_token, tokens::get_token, tokens::revoke_token,
    );
}
