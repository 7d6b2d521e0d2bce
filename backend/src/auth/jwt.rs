//! Short-lived access tokens: HS256 pinned, issuer, audience, expiry and not-before checked.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::NaiveDateTime;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

pub const ISSUER: &str = "zhuxiang";
pub const AUDIENCE: &str = "zhuxiang-api";
pub const ACCESS_TTL_SECS: i64 = 15 * 60;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    pub sub: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub jti: String,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// Tokens already verified, with their subject and validity: every request of a signed-in
    /// person sends the same token for 15 minutes, and checking its signature and claims again
    /// each time was a tenth of the server's work for a project's page. Only the exact string
    /// that passed is found here, and its times are checked at every use.
    verified: Mutex<HashMap<String, Verified>>,
}

#[derive(Clone)]
struct Verified {
    sub: String,
    nbf: i64,
    exp: i64,
}

/// Tokens remembered at most: about 1 MB; when full, the memory starts again (the next use of
/// each token verifies it once more).
const VERIFIED_MAX: usize = 4_096;

impl JwtKeys {
    pub fn new(secret: &str) -> Self {
        // Only HS256 is accepted: `alg: none` and any other algorithm fail here.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        // Expiry and not-before are checked in `verify` against the service clock instead.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        Self {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            validation,
            verified: Mutex::default(),
        }
    }

    pub fn issue(&self, user_id: &str, now: NaiveDateTime) -> anyhow::Result<String> {
        let now = now.and_utc().timestamp();
        let claims = Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id.into(),
            iat: now,
            nbf: now,
            exp: now + ACCESS_TTL_SECS,
            jti: uuid::Uuid::now_v7().to_string(),
        };
        Ok(jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?)
    }

    /// Returns the user id of a valid token. `now` comes from the service clock, so expiry is
    /// tested without sleeping.
    pub fn verify(&self, token: &str, now: NaiveDateTime) -> Option<String> {
        let remembered = self.verified.lock().unwrap_or_else(|e| e.into_inner()).get(token).cloned();
        let verified = match remembered {
            Some(v) => v,
            None => {
                let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).ok()?.claims;
                let v = Verified { sub: claims.sub, nbf: claims.nbf, exp: claims.exp };
                let mut verified = self.verified.lock().unwrap_or_else(|e| e.into_inner());
                if verified.len() >= VERIFIED_MAX {
                    verified.clear();
                }
                verified.insert(token.to_owned(), v.clone());
                v
            }
        };
        let now = now.and_utc().timestamp();
        const LEEWAY: i64 = 5;
        if verified.exp + LEEWAY <= now || verified.nbf - LEEWAY > now {
            return None;
        }
        Some(verified.sub)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn now() -> NaiveDateTime {
        chrono::Utc::now().naive_utc()
    }

    #[test]
    fn round_trip_and_expiry() {
        let keys = JwtKeys::new("a-test-secret-that-is-long-enough-000");
        let t = keys.issue("u1", now()).expect("issue");
        assert_eq!(keys.verify(&t, now()).as_deref(), Some("u1"));
        let later = now() + chrono::Duration::seconds(ACCESS_TTL_SECS + 10);
        assert_eq!(keys.verify(&t, later), None);
        let earlier = now() - chrono::Duration::seconds(60);
        assert_eq!(keys.verify(&t, earlier), None, "not yet valid");
    }

    #[test]
    fn rejects_other_keys_alg_none_and_tampering() {
        let keys = JwtKeys::new("a-test-secret-that-is-long-enough-000");
        let other = JwtKeys::new("another-secret-that-is-long-enough-1");
        let t = other.issue("u1", now()).expect("issue");
        assert_eq!(keys.verify(&t, now()), None);

        let good = keys.issue("u1", now()).expect("issue");
        // verified once and remembered: the forgeries below must still fail
        assert_eq!(keys.verify(&good, now()).as_deref(), Some("u1"));
        let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
        parts[0] = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        assert_eq!(keys.verify(&format!("{}.{}.", parts[0], parts[1]), now()), None);

        let claims = String::from_utf8(URL_SAFE_NO_PAD.decode(good.split('.').nth(1).expect("p")).expect("b64"))
            .expect("utf8")
            .replace("u1", "u2");
        let forged = format!(
            "{}.{}.{}",
            good.split('.').next().expect("h"),
            URL_SAFE_NO_PAD.encode(claims),
            good.split('.').nth(2).expect("s")
        );
        assert_eq!(keys.verify(&forged, now()), None);
    }
}
