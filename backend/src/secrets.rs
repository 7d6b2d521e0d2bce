//! Random secrets and their stored digests, for configuration (the generated JWT secret) and
//! for authentication (refresh and API tokens).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A random secret of `bytes` bytes from the OS generator, base64url without padding.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// What an API token's secret starts with, so a bearer is told from a JWT without a lookup.
pub const API_TOKEN_PREFIX: &str = "zxt_";

/// Refresh and API tokens are stored only as this digest: a leaked table grants nothing.
/// (They are long random secrets, so a fast hash is enough; passwords use Argon2id.)
pub fn token_digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}
