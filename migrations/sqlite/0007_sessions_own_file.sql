-- Sessions moved to a file of their own beside the database (app::db::sessions::session_db):
-- session writes no longer change the data generation. Signed-in users sign in once more.
DROP TABLE IF EXISTS tower_sessions;
