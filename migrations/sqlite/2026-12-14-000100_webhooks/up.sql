-- Webhooks for integrators (webhooks/): a subscription to events, scoped like an API token; the
-- events written in the transaction of the change (the outbox), one delivery per subscription
-- that may see the event, each attempt of which is a job run by any instance.
CREATE TABLE webhook_subscriptions (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    -- The key of the HMAC signature: shown once, kept to sign.
    secret TEXT NOT NULL,
    -- A JSON array of event names.
    events_json TEXT NOT NULL,
    role TEXT NOT NULL,
    province_code TEXT,
    county_code TEXT,
    organization_id TEXT,
    enabled BOOLEAN NOT NULL,
    disabled_reason TEXT,
    -- Failed attempts in a row: so many disable the subscription.
    failures BIGINT NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX webhook_subscriptions_enabled ON webhook_subscriptions (enabled);

CREATE TABLE webhook_events (
    id TEXT PRIMARY KEY NOT NULL,
    event TEXT NOT NULL,
    -- The body every delivery of the event sends, byte for byte.
    payload_json TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions (id),
    event_id TEXT NOT NULL REFERENCES webhook_events (id),
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP,
    last_attempt_at TIMESTAMP,
    response_status BIGINT,
    latency_ms BIGINT,
    error TEXT,
    -- The delivery a person asked to send again, if this is its copy.
    redelivery_of TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at);
-- The daily sweep forgets events no delivery refers to any more (webhooks/store.rs forget_old).
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);

-- A job that must wait (a delivery's next attempt after a failure) is not claimed before this.
ALTER TABLE jobs ADD COLUMN not_before TIMESTAMP;
