-- PostgreSQL's dialect of src/sql/008-audit-append-only.sql: the audit
-- log is append-only, for konkordat and any other client of the database.
-- A row is added and stays: an UPDATE, a DELETE or a TRUNCATE of it fails
-- as a broken constraint (SQLSTATE 23000), as SQLite's RAISE(ABORT) in a
-- trigger does.

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the audit log is append-only'
		USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
	FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
	FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
	FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
