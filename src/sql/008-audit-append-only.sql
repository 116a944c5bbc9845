-- The audit log is append-only: what was done and by whom cannot be
-- rewritten or erased afterwards, not by konkordat and not by another
-- program that opens the file with SQLite. A row is added and stays.

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
