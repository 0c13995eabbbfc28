-- A batch order of the Zentrale (Sammelauftrag): one action that files one change order
-- per agency, each implemented by that agency's RIM like any other order (Weisung
-- 202505010: every Liegenschaftspostfach is locked centrally). The orders stay whole
-- orders of their agency; the batch only groups them (SQLite).
CREATE TABLE order_batches (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    directive_id INTEGER REFERENCES directives(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    justification TEXT NOT NULL,
    created_at TEXT NOT NULL
);

ALTER TABLE orders ADD COLUMN batch_id INTEGER REFERENCES order_batches(id);
CREATE INDEX orders_batch ON orders(batch_id) WHERE batch_id IS NOT NULL;
