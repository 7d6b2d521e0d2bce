// Written by hand to match migrations/*/…_foundation (both dialects share these column types).

diesel::table! {
    provinces (code) {
        code -> Text,
        name -> Text,
        short_name -> Text,
        region -> Text,
    }
}

diesel::table! {
    counties (code) {
        code -> Text,
        name -> Text,
        prefecture_code -> Text,
        prefecture -> Text,
        province_code -> Text,
        longitude -> Nullable<Double>,
        latitude -> Nullable<Double>,
        key_county -> Bool,
        version -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    east_west_pairs (east_province_code, west_province_code) {
        east_province_code -> Text,
        west_province_code -> Text,
        notes -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        password_hash -> Text,
        display_name -> Text,
        role -> Text,
        province_code -> Nullable<Text>,
        county_code -> Nullable<Text>,
        organization_id -> Nullable<Text>,
        disabled -> Bool,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        family_id -> Text,
        user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        rotated_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        name -> Text,
        token_hash -> Text,
        role -> Text,
        province_code -> Nullable<Text>,
        county_code -> Nullable<Text>,
        organization_id -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        version -> BigInt,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_label -> Text,
        action -> Text,
        entity_type -> Text,
        entity_id -> Text,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
        request_id -> Nullable<Text>,
    }
}

diesel::joinable!(counties -> provinces (province_code));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(
    provinces,
    counties,
    east_west_pairs,
    users,
    refresh_tokens,
    api_tokens,
    audit_events,
);
