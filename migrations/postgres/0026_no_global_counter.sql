-- The data generation (0007) is gone: every write transaction took its one row first, so
-- all writers – of every agency, kind and instance – ran one after another, only so that
-- a page cache could tell whether anything had changed. There is no page cache any more
-- (lists are rendered for each request); writers now lock only the rows they touch.
DROP FUNCTION count_data_generation() CASCADE;
DROP TABLE data_generation;
