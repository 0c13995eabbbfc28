-- POST /api/v1/auftraege with an Idempotency-Key: the key, per user, names the order the
-- first request filed, so a retry after a timeout gets that order instead of a second
-- one. Written in the draft's own transaction; the primary key makes a parallel retry
-- fail instead of filing twice. Keys are kept for 24 hours.
CREATE TABLE idempotency_keys (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    -- SHA-256 of the request's fields: the same key with other fields is refused
    fingerprint TEXT NOT NULL,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
