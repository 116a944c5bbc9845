-- PostgreSQL's dialect of src/sql/007-application-id.sql. A PostgreSQL
-- database has no header for SQLite's PRAGMA application_id: konkordat's
-- mark, 0x4B4F4E4B ("KONK"), is the one row of a table, so that konkordat
-- knows one of its databases before it changes anything in it.
CREATE TABLE application_id (
	one   BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),  -- one row only
	value BIGINT NOT NULL
);
INSERT INTO application_id (value) VALUES (1263488587);
