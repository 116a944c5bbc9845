-- PostgreSQL's dialect of src/sql/006-audit-check.sql: the audit log's
-- check of its action written as comparisons, as in SQLite, so that both
-- schemas say the same. PostgreSQL changes the check in place.
ALTER TABLE audit DROP CONSTRAINT audit_action_check,
	ADD CONSTRAINT audit_action_check CHECK (action = 'insert' OR
	action = 'update' OR action = 'delete');
