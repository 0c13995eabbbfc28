-- An uploaded CSV file between preview and confirmation. It is not an order: confirming
-- turns it into a draft (all rows or none) and deletes it; unconfirmed uploads expire.
CREATE TABLE csv_imports (
    id BIGSERIAL PRIMARY KEY,
    -- random, in the preview's address
    token TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    file_name TEXT NOT NULL,
    -- the file decoded to UTF-8
    content TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX csv_imports_created ON csv_imports(created_at);
