-- An Idempotency-Key is bound to its request: a retry with another body is refused, not
-- answered with the first response. Claims now commit together with their write and its
-- response, so a claim without a response is what a crash left behind under the earlier scheme:
-- it must not block retries. The replay records of API-token creates held the secret: gone.
DELETE FROM idempotency_keys WHERE status IS NULL OR path = '/api/v1/api-tokens';
ALTER TABLE idempotency_keys ADD COLUMN request_hash TEXT NOT NULL DEFAULT '';
