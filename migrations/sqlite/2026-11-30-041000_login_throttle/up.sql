-- Login throttling (API.md: per user and per address), shared by every instance on this
-- database: one row per key, counting the attempts of the window that opened at its first one.
CREATE TABLE login_throttle (
    throttle_key TEXT PRIMARY KEY NOT NULL,
    window_start TIMESTAMP NOT NULL,
    attempts BIGINT NOT NULL
);
CREATE INDEX login_throttle_window_idx ON login_throttle (window_start);
