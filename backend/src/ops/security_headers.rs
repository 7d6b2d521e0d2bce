//! Security headers on every response: the SPA, the API explorer under `/docs/` and the API.
//!
//! One policy for the whole origin, since everything is served from it:
//! - scripts only from this origin (the SPA's bundles, the vendored Swagger UI's files; neither
//!   has an inline script nor needs `eval`);
//! - styles from this origin plus inline styles: Ant Design and ECharts write `<style>` elements
//!   and `style` attributes at run time (CSS-in-JS), Swagger UI sets `style` attributes. Inline
//!   styles cannot run code, so this is the usual trade;
//! - images and fonts from this origin plus `data:` (icons embedded in CSS) and `blob:` (charts
//!   saved as images);
//! - requests only to this origin; no plugins, no `<base>` or form posts elsewhere;
//! - never framed (`frame-ancestors 'none'`, and `X-Frame-Options: DENY` for older browsers).
//!
//! Headers a handler set itself are kept (`DefaultHeaders` only fills in missing ones).

use actix_web::middleware::DefaultHeaders;

pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; \
     connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; \
     form-action 'self'; frame-ancestors 'none'";

pub fn middleware() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        // Full URLs (with ids and filters) stay on this origin; other sites learn nothing.
        .add(("Referrer-Policy", "same-origin"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
}
