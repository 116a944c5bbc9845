-- PostgreSQL's dialect of src/sql/009-audit-actor.sql: the party and the
-- role of who made a change, where the writer knows them.

ALTER TABLE audit ADD COLUMN actor_party TEXT,
	ADD COLUMN actor_role TEXT;
