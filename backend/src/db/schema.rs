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

diesel::table! {
    organizations (id) {
        id -> Text,
        name -> Text,
        credit_code -> Text,
        credit_code_check_failed -> Bool,
        legal_form -> Text,
        registration_level -> Text,
        province_code -> Text,
        category -> Text,
        specialties -> Text,
        party_org -> Bool,
        recommended_by -> Nullable<Text>,
        status -> Text,
        status_reason -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        credit_code_confirmed_by -> Nullable<Text>,
        credit_code_confirmed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    offers (id) {
        id -> Text,
        organization_id -> Text,
        title -> Text,
        assistance_types -> Text,
        preferred_province_codes -> Text,
        preferred_regions -> Text,
        capacity_fen -> BigInt,
        description -> Text,
        active -> Bool,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    pairings (id) {
        id -> Text,
        county_code -> Text,
        lead_organization_id -> Text,
        assistance_types -> Text,
        channel -> Text,
        status -> Text,
        planned_funds_fen -> BigInt,
        planned_projects -> BigInt,
        commitment -> Text,
        start_date -> Nullable<Date>,
        end_date -> Nullable<Date>,
        review_flag -> Bool,
        review_reason -> Nullable<Text>,
        need_id -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        confirmed_by -> Nullable<Text>,
    }
}

diesel::table! {
    pairing_members (pairing_id, organization_id) {
        pairing_id -> Text,
        organization_id -> Text,
        consent -> Text,
        consent_at -> Nullable<Timestamp>,
        consent_by -> Nullable<Text>,
    }
}

diesel::table! {
    pairing_events (id) {
        id -> Text,
        pairing_id -> Text,
        at -> Timestamp,
        actor_label -> Text,
        from_status -> Nullable<Text>,
        to_status -> Text,
        reason -> Text,
        consent -> Nullable<Text>,
        organization_id -> Nullable<Text>,
    }
}

diesel::table! {
    cultivation_records (id) {
        id -> Text,
        pairing_id -> Text,
        record_date -> Date,
        trainings -> BigInt,
        trainees -> BigInt,
        local_organizations -> BigInt,
        volunteers -> BigInt,
        social_workers -> BigInt,
        note -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    needs (id) {
        id -> Text,
        county_code -> Text,
        assistance_type -> Text,
        title -> Text,
        description -> Text,
        budget_estimate_fen -> BigInt,
        beneficiaries -> BigInt,
        priority -> Text,
        status -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    jobs (id) {
        id -> Text,
        kind -> Text,
        status -> Text,
        done -> BigInt,
        total -> BigInt,
        result_json -> Nullable<Text>,
        error -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    idempotency_keys (actor_id, idempotency_key) {
        actor_id -> Text,
        idempotency_key -> Text,
        method -> Text,
        path -> Text,
        status -> Nullable<BigInt>,
        location -> Nullable<Text>,
        etag -> Nullable<Text>,
        body -> Nullable<Text>,
        created_at -> Timestamp,
        request_hash -> Text,
    }
}

diesel::table! {
    campaigns (id) {
        id -> Text,
        year -> BigInt,
        theme -> Text,
        province_codes -> Text,
        county_codes -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    docking_events (id) {
        id -> Text,
        campaign_id -> Text,
        event_date -> Date,
        place -> Text,
        county_code -> Text,
        organization_ids -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    projects (id) {
        id -> Text,
        title -> Text,
        county_code -> Text,
        province_code -> Text,
        pairing_id -> Nullable<Text>,
        need_id -> Nullable<Text>,
        event_id -> Nullable<Text>,
        campaign_id -> Nullable<Text>,
        assistance_type -> Text,
        planned_funds_fen -> BigInt,
        funds_in_place_fen -> BigInt,
        beneficiaries_planned -> BigInt,
        beneficiaries_reached -> BigInt,
        government_purchase -> Bool,
        contract_number -> Nullable<Text>,
        contract_amount_fen -> Nullable<BigInt>,
        sustainability -> Text,
        status -> Text,
        stage -> BigInt,
        suspended_from -> Nullable<Text>,
        signed_at -> Nullable<Timestamp>,
        landing_declared_at -> Nullable<Timestamp>,
        landing_declared_by -> Nullable<Text>,
        landing_confirmed_at -> Nullable<Timestamp>,
        landing_confirmed_by -> Nullable<Text>,
        last_activity_at -> Timestamp,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        review_flag -> Bool,
        review_reason -> Nullable<Text>,
        brand_id -> Nullable<Text>,
    }
}

diesel::table! {
    project_organizations (project_id, organization_id) {
        project_id -> Text,
        organization_id -> Text,
        role -> Text,
        consent -> Text,
        consent_at -> Nullable<Timestamp>,
        consent_by -> Nullable<Text>,
    }
}

diesel::table! {
    project_events (id) {
        id -> Text,
        project_id -> Text,
        at -> Timestamp,
        actor_label -> Text,
        from_status -> Nullable<Text>,
        to_status -> Text,
        note -> Text,
    }
}

diesel::table! {
    project_updates (id) {
        id -> Text,
        project_id -> Text,
        update_date -> Date,
        narrative -> Text,
        funds_delta_fen -> BigInt,
        beneficiaries_delta -> BigInt,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    login_throttle (throttle_key) {
        throttle_key -> Text,
        window_start -> Timestamp,
        attempts -> BigInt,
    }
}

diesel::joinable!(project_organizations -> projects (project_id));
diesel::joinable!(docking_events -> campaigns (campaign_id));
diesel::joinable!(pairing_members -> pairings (pairing_id));
diesel::joinable!(pairing_members -> organizations (organization_id));
diesel::joinable!(pairings -> counties (county_code));
diesel::joinable!(offers -> organizations (organization_id));
diesel::joinable!(needs -> counties (county_code));
diesel::table! {
    brands (id) {
        id -> Text,
        name -> Text,
        line -> Text,
        focus -> Text,
        owner_organization_id -> Text,
        description -> Text,
        started_year -> Nullable<BigInt>,
        status -> Text,
        province_code -> Text,
        review_flag -> Bool,
        review_reason -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        dossier -> Text,
        dossier_at -> Timestamp,
        funds_in_place_fen -> BigInt,
        counties_reached -> BigInt,
    }
}

diesel::table! {
    brand_partners (brand_id, organization_id) {
        brand_id -> Text,
        organization_id -> Text,
    }
}

diesel::table! {
    case_collections (id) {
        id -> Text,
        title -> Text,
        year -> BigInt,
        deadline -> Date,
        description -> Text,
        status -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    cases (id) {
        id -> Text,
        collection_id -> Text,
        title -> Text,
        organization_id -> Text,
        province_code -> Text,
        brand_id -> Nullable<Text>,
        line -> Text,
        county_codes -> Text,
        background -> Text,
        approach -> Text,
        results -> Text,
        lessons -> Text,
        consent_to_publish -> Bool,
        status -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    case_projects (case_id, project_id) {
        case_id -> Text,
        project_id -> Text,
    }
}

diesel::table! {
    attachments (id) {
        id -> Text,
        entity -> Text,
        entity_id -> Text,
        filename -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        content -> Binary,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    status_events (id) {
        id -> Text,
        entity -> Text,
        entity_id -> Text,
        at -> Timestamp,
        actor_label -> Text,
        from_status -> Nullable<Text>,
        to_status -> Text,
        reason -> Text,
    }
}

diesel::table! {
    project_rollup (county_code, assistance_type, status, year, government_purchase) {
        county_code -> Text,
        province_code -> Text,
        assistance_type -> Text,
        status -> Text,
        year -> BigInt,
        government_purchase -> Bool,
        projects -> BigInt,
        planned_hi -> BigInt,
        planned_lo -> BigInt,
        in_place_hi -> BigInt,
        in_place_lo -> BigInt,
        contract_hi -> BigInt,
        contract_lo -> BigInt,
        ben_planned_hi -> BigInt,
        ben_planned_lo -> BigInt,
        ben_reached_hi -> BigInt,
        ben_reached_lo -> BigInt,
    }
}

diesel::table! {
    project_month_rollup (county_code, assistance_type, published, month) {
        county_code -> Text,
        province_code -> Text,
        assistance_type -> Text,
        published -> Bool,
        month -> Text,
        docked -> BigInt,
        landed -> BigInt,
        funds_hi -> BigInt,
        funds_lo -> BigInt,
        ben_hi -> BigInt,
        ben_lo -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    provinces,
    counties,
    east_west_pairs,
    users,
    refresh_tokens,
    api_tokens,
    audit_events,
    organizations,
    offers,
    pairings,
    pairing_members,
    pairing_events,
    cultivation_records,
    needs,
    jobs,
    idempotency_keys,
    campaigns,
    docking_events,
    projects,
    project_organizations,
    project_events,
    project_updates,
    brands,
    brand_partners,
    case_collections,
    cases,
    case_projects,
    attachments,
    status_events,
    project_rollup,
    project_month_rollup,
);

diesel::allow_columns_to_appear_in_same_group_by_clause!(pairing_members::organization_id, pairings::status);
