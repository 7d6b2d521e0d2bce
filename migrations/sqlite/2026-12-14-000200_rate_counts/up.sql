-- Rate-limit counts shared by instances on one PostgreSQL (ops/rate_limit.rs): each instance's
-- requests per key and minute, written once a second; a lone SQLite instance keeps them in memory.
CREATE TABLE rate_counts (
    key TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    instance TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (key, window_start, instance)
);
CREATE INDEX rate_counts_window ON rate_counts (window_start);
