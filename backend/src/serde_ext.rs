//! Serde helpers for request shapes, apart from HTTP so models and stores can use them.

use serde::Deserialize;

/// For merge-patch fields that can be cleared: absent → `None`, `null` → `Some(None)`.
pub fn double_option<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}
