-- am_concept's reference to its model becomes a deferred foreign key.
--
-- An import writes a new model's concepts 64 rows to an INSERT. A foreign
-- key checked at each statement makes SQLite keep a statement journal for
-- every such INSERT, so that it can undo the statement alone: a copy of
-- each page it touches, written to a temporary file (714 MB over the first
-- import of 200,000 elements and relationships each, into a database of
-- 63 MB). Checked at the commit, as every
-- import is one transaction anyway, the INSERT needs none (it is written
-- INSERT OR FAIL, so its other constraints need none either).
--
-- SQLite cannot change a constraint in place: the table is made anew and
-- its rows copied, in the order of their rowids. Nothing refers to
-- am_concept, so nothing else changes.

CREATE TABLE am_concept_new (
	id          TEXT PRIMARY KEY,
	model_id    TEXT NOT NULL REFERENCES am_model(id) ON DELETE CASCADE
	            DEFERRABLE INITIALLY DEFERRED,
	relation    INTEGER NOT NULL CHECK (relation IN (0, 1)),
	type        TEXT NOT NULL,      -- xsi:type: Goal, Association, ...
	source      TEXT,               -- relationships: identifiers
	target      TEXT,
	-- the konkordat item this element became, or NULL
	strategy_id TEXT,
	item_id     TEXT,
	-- names and documentation in every language, properties, attributes
	-- (accessType, modifier, isDirected, other namespaces) and elements
	-- of other namespaces, as JSON
	data        TEXT NOT NULL,
	position    INTEGER NOT NULL,   -- order in the file
	version     INTEGER NOT NULL DEFAULT 1
);
INSERT INTO am_concept_new (rowid, id, model_id, relation, type, source,
	target, strategy_id, item_id, data, position, version)
	SELECT rowid, id, model_id, relation, type, source, target,
	strategy_id, item_id, data, position, version FROM am_concept
	ORDER BY rowid;
DROP TABLE am_concept;
ALTER TABLE am_concept_new RENAME TO am_concept;
CREATE INDEX am_concept_model ON am_concept(model_id, position);
CREATE INDEX am_concept_item ON am_concept(strategy_id, item_id)
	WHERE item_id IS NOT NULL;
