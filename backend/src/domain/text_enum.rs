/// A closed set of values stored as text and exchanged as snake_case strings:
/// `as_str`, `FromStr`, `ALL`, serde and the OpenAPI enum from one list.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        // Written by hand: utoipa's derive does not see serde renames made inside a macro and
        // would publish the Rust variant names instead of the values on the wire.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),+]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(format!(
                        "unknown value {other:?}; one of {}",
                        [$($text),+].join(", ")
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// Reads a JSON text column holding a list of enum values; unknown values are dropped
/// (they can only come from a newer version of the service).
pub fn list_from_json<T: std::str::FromStr>(text: &str) -> Vec<T> {
    serde_json::from_str::<Vec<String>>(text).unwrap_or_default().iter().filter_map(|s| s.parse().ok()).collect()
}

pub fn list_to_json<T: std::fmt::Display>(items: &[T]) -> String {
    serde_json::to_string(&items.iter().map(|t| t.to_string()).collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into())
}
