-- A batch order of the Zentrale (Sammelauftrag): one action that files one change order
-- per agency, each implemented by that agency's RIM like any other order (Weisung
-- 202505010: every Liegenschaftspostfach is locked centrally). The orders stay whole
-- orders of their agency; the batch only groups them (PostgreSQL).
CREATE TABLE order_batches (
    id BIGSERIAL PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    directive_id BIGINT REFERENCES directives(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    justification TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

ALTER TABLE orders ADD COLUMN batch_id BIGINT REFERENCES order_batches(id);
CREATE INDEX orders_batch ON orders(batch_id) WHERE batch_id IS NOT NULL;

-- Page-cache generation (0007), as on every table.
CREATE TRIGGER order_batches_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON order_batches
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
