-- The data generation (app::db::generation): a counter that every committed change to
-- these tables counts up, so a page rendered after reading generation g may be shown
-- again while it is still g (server::page_cache).
--
-- The counter is taken BEFORE each statement (before its row locks), and every write
-- transaction of the application takes it as its first statement (BeginWrite): the
-- counter is always the first lock a writer holds, so it cannot deadlock with row locks.
-- A new table needs the trigger too; an integration test checks that every table has it.
CREATE TABLE data_generation (
    id SMALLINT PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO data_generation (id, value) VALUES (1, 0);

CREATE FUNCTION count_data_generation() RETURNS trigger AS $$
BEGIN
    UPDATE data_generation SET value = value + 1 WHERE id = 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER regions_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER agencies_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON agencies
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER offices_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON offices
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER areas_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON areas
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER concerns_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON concerns
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER mailboxes_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON mailboxes
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER directives_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON directives
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER users_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER role_assignments_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_assignments
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER login_attempts_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON login_attempts
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER audit_log_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER routing_entries_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_entries
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER orders_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON orders
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER routing_versions_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_versions
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER order_items_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON order_items
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER directive_scopes_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON directive_scopes
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER notifications_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON notifications
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER mail_outbox_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON mail_outbox
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER csv_imports_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON csv_imports
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER api_tokens_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_tokens
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
