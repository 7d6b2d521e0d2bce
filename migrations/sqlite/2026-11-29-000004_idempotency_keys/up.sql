-- Responses of creates sent with an Idempotency-Key, replayed when the same caller retries.
CREATE TABLE idempotency_keys (
    actor_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status BIGINT,
    location TEXT,
    etag TEXT,
    body TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (actor_id, idempotency_key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
