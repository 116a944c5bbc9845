-- PostgreSQL's dialect of src/sql/005-archimate-deferred.sql:
-- am_concept's reference to its model becomes a deferred foreign key,
-- checked at the commit (an import is one transaction). PostgreSQL
-- changes the constraint in place; SQLite had to make the table anew.
ALTER TABLE am_concept ALTER CONSTRAINT am_concept_model_id_fkey
	DEFERRABLE INITIALLY DEFERRED;
