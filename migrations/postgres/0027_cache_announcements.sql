-- Changes the servers' short memory holds (app::db::cache) are announced when they
-- commit, so every instance forgets them at once (app::db::cache_events listens):
-- NOTIFY kt_cache with '<name>:<key>' or '<name>'. Only these tables announce; order
-- writes take no part. The session table gets its trigger from the server once the
-- session store has created it (app::db::sessions).
CREATE FUNCTION announce_cache_change() RETURNS trigger AS $$
DECLARE
    changed jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
BEGIN
    IF TG_NARGS > 1 THEN
        PERFORM pg_notify('kt_cache', TG_ARGV[0] || ':' || (changed ->> TG_ARGV[1]));
    ELSE
        PERFORM pg_notify('kt_cache', TG_ARGV[0]);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER users_announce AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION announce_cache_change('benutzer', 'id');
CREATE TRIGGER role_assignments_announce AFTER INSERT OR UPDATE OR DELETE ON role_assignments
    FOR EACH ROW EXECUTE FUNCTION announce_cache_change('benutzer', 'user_id');
CREATE TRIGGER regions_announce AFTER INSERT OR UPDATE OR DELETE ON regions
    FOR EACH STATEMENT EXECUTE FUNCTION announce_cache_change('rds');
CREATE TRIGGER agencies_announce AFTER INSERT OR UPDATE OR DELETE ON agencies
    FOR EACH STATEMENT EXECUTE FUNCTION announce_cache_change('agenturen');
