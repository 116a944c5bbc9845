-- Who made a change, beyond the name the audit log always had: the party
-- they acted for and their role in the joint organisation, when the
-- writer knows them (the server does; the command line knows only the
-- name). NULL in the rows written before, and where unknown.

ALTER TABLE audit ADD COLUMN actor_party TEXT;
ALTER TABLE audit ADD COLUMN actor_role TEXT;
