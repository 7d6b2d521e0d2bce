//! The signature a receiver checks: `X-Zhuxiang-Signature: t=<unix seconds>,v1=<hex>`, where
//! `<hex>` is HMAC-SHA256 keyed with the subscription's secret over `<t>.<body>`. The time is
//! signed with the body, so a receiver that refuses old times (5 minutes is usual) cannot be
//! sent a captured request again later. The README shows a receiver's check.

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const HEADER: &str = "X-Zhuxiang-Signature";

/// The header's value for `body` sent at `unix_seconds`.
pub fn sign(secret: &str, unix_seconds: i64, body: &[u8]) -> String {
    format!("t={unix_seconds},v1={}", hex::encode(mac(secret, unix_seconds, body).finalize().into_bytes()))
}

fn mac(secret: &str, unix_seconds: i64, body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC accepts any key length");
    mac.update(unix_seconds.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// A receiver's check, as the README shows it: the header is well formed, its time within
/// `tolerance` seconds of `now`, and its MAC the body's (compared in constant time).
pub fn verify(secret: &str, header: &str, body: &[u8], now: i64, tolerance: i64) -> bool {
    let mut t = None;
    let mut v1 = None;
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", v)) => t = v.parse::<i64>().ok(),
            Some(("v1", v)) => v1 = hex::decode(v).ok(),
            _ => {}
        }
    }
    let (Some(t), Some(v1)) = (t, v1) else { return false };
    if (now - t).abs() > tolerance {
        return false;
    }
    mac(secret, t, body).verify_slice(&v1).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_is_the_hmac_of_the_time_and_body() {
        // Computed apart (Python's hmac) over "0.what do ya want for nothing?" with key "Jefe".
        assert_eq!(sign("Jefe", 0, b"what do ya want for nothing?"), "t=0,v1=37f471929915ccd2cbbe79feb84ffcff4f2bb25e15fc41c2506687331ae179cc");
    }

    #[test]
    fn a_receiver_refuses_a_changed_body_another_key_or_an_old_time() {
        let body = br#"{"event":"project.landed"}"#;
        let header = sign("whsec_a", 1_700_000_000, body);
        assert!(verify("whsec_a", &header, body, 1_700_000_100, 300));
        assert!(!verify("whsec_a", &header, br#"{"event":"project.landed "}"#, 1_700_000_100, 300));
        assert!(!verify("whsec_b", &header, body, 1_700_000_100, 300));
        assert!(!verify("whsec_a", &header, body, 1_700_000_301, 300), "replayed 301 s later");
        assert!(!verify("whsec_a", "t=1700000000", body, 1_700_000_000, 300));
        assert!(!verify("whsec_a", "garbage", body, 1_700_000_000, 300));
    }
}
