-- POST /api/v1/auftraege with an Idempotency-Key: the key, per user, names the order the
-- first request filed, so a retry after a timeout gets that order instead of a second
-- one. Written in the draft's own transaction; the primary key makes a parallel retry
-- fail instead of filing twice. Keys are kept for 24 hours.
CREATE TABLE idempotency_keys (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    -- SHA-256 of the request's fields: the same key with other fields is refused
    fingerprint TEXT NOT NULL,
    order_id BIGINT NOT NULL REFERENCES orders(id),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Page-cache generation (0007), as on every table.
CREATE TRIGGER idempotency_keys_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON idempotency_keys
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
