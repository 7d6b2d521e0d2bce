//! Argon2id password hashing and the password policy.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{ApiError, ApiResult};
use crate::tr;

pub const MIN_LENGTH: usize = crate::bounds::PASSWORD_MIN;
const MAX_LENGTH: usize = crate::bounds::PASSWORD_MAX;

fn hasher() -> Argon2<'static> {
    // OWASP's recommended Argon2id setting (19 MiB, 2 passes, 1 lane).
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn check_policy(field: &str, password: &str) -> ApiResult<()> {
    let chars = password.chars().count();
    if chars < MIN_LENGTH {
        return Err(ApiError::field(
            field,
            tr!("至少 {MIN_LENGTH} 个字符", "must be at least {MIN_LENGTH} characters"),
        ));
    }
    if chars > MAX_LENGTH {
        return Err(ApiError::field(field, tr!("最多 {MAX_LENGTH} 个字符", "must be at most {MAX_LENGTH} characters")));
    }
    Ok(())
}

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

/// `hash` on the blocking pool, before any transaction: a deliberately slow hash must not hold a
/// connection, nor SQLite's write lock, while other writers queue behind it.
pub async fn hash_apart(password: String) -> ApiResult<String> {
    Ok(actix_web::web::block(move || hash(&password)).await??)
}

pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).map(|h| hasher().verify_password(password.as_bytes(), &h).is_ok()).unwrap_or(false)
}

/// Verifies against a fixed hash so a login for an unknown user costs as much as a real one
/// and response time does not reveal which usernames exist.
pub fn burn_time(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("not-a-real-password").unwrap_or_default());
    let _ = verify(password, dummy);
}

/// A strong password for the bootstrap admin, printed once.
pub fn generate() -> String {
    super::random_token(18)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = hash("correct horse battery").expect("hash");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("correct horse battery", &h));
        assert!(!verify("wrong horse battery", &h));
        assert!(!verify("x", "not a hash"));
    }

    #[test]
    fn policy_names_the_field() {
        let Err(ApiError::Validation(errs)) = check_policy("password", "short") else {
            panic!("expected a validation error");
        };
        assert_eq!(errs[0].field, "password");
        assert!(check_policy("password", "long enough pass").is_ok());
    }
}
