-- PostgreSQL's dialect of src/sql/003-archimate.sql.

-- What konkordat keeps of ArchiMate models imported from exchange files or
-- Archi's CSV: every element, relationship, property definition,
-- organisation folder and view, so that an export gives back what came in.
-- doc/interop.md describes the mapping; doc/schema.md the conventions.

-- One imported model, keyed by its identifier: importing a file with the
-- same model identifier again updates that model in place.
CREATE TABLE am_model (
	id          TEXT PRIMARY KEY,   -- the model's identifier
	-- the party whose strategy holds the goals, fields, principles and
	-- measures of the model, and that strategy
	party_id    TEXT NOT NULL REFERENCES party(id),
	strategy_id TEXT NOT NULL,
	-- 1 when the import made the party (and its strategy) from the
	-- model's name: the export then writes the model, not the party
	made_party  BIGINT NOT NULL CHECK (made_party IN (0, 1)),
	-- the field that holds goals no field of the model realises, or NULL
	spare_field TEXT,
	-- names, documentation, properties, other attributes and elements of
	-- the model itself, as JSON; <metadata> as XML text
	head        TEXT NOT NULL,
	metadata    TEXT,
	-- <viewpoints> as XML text, kept whole
	viewpoints  TEXT,
	position    BIGINT NOT NULL,   -- order of first import
	version     BIGINT NOT NULL DEFAULT 1
);

-- Elements and relationships. Identifiers are global (xs:ID in one
-- exported file): an identifier belongs to one model.
CREATE TABLE am_concept (
	id          TEXT PRIMARY KEY,
	model_id    TEXT NOT NULL REFERENCES am_model(id) ON DELETE CASCADE,
	relation    BIGINT NOT NULL CHECK (relation IN (0, 1)),
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
	position    BIGINT NOT NULL,   -- order in the file
	version     BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX am_concept_model ON am_concept(model_id, position);
CREATE INDEX am_concept_item ON am_concept(strategy_id, item_id)
	WHERE item_id IS NOT NULL;

CREATE TABLE am_propdef (
	model_id TEXT NOT NULL REFERENCES am_model(id) ON DELETE CASCADE,
	id       TEXT NOT NULL,
	data     TEXT NOT NULL,        -- type, names, documentation as JSON
	position BIGINT NOT NULL,
	version  BIGINT NOT NULL DEFAULT 1,
	PRIMARY KEY (model_id, id)
);

-- The organisations (folders) of a model, one row per <item> in document
-- order; depth 0 is an <item> right under <organizations>, and a new
-- <organizations> starts wherever grp changes. A run of items that only
-- refer to a concept (<item identifierRef="..."/>, most of them) shares
-- one row: a model of a million elements has a million of them.
CREATE TABLE am_folder (
	model_id TEXT NOT NULL REFERENCES am_model(id) ON DELETE CASCADE,
	position BIGINT NOT NULL,
	grp      BIGINT NOT NULL,     -- which <organizations> of the model
	depth    BIGINT NOT NULL,
	data     TEXT NOT NULL,        -- identifier, identifierRef, labels,
	                               -- documentation, as JSON
	PRIMARY KEY (model_id, position)
);

-- Views (diagrams), each kept as the XML text of its <view>.
CREATE TABLE am_view (
	id       TEXT PRIMARY KEY,
	model_id TEXT NOT NULL REFERENCES am_model(id) ON DELETE CASCADE,
	xml      TEXT NOT NULL,
	position BIGINT NOT NULL,
	version  BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX am_view_model ON am_view(model_id, position);

-- SQLite's functions that the store's statements on ArchiMate rows use,
-- for the same statements to run here: json_quote(T), T as a JSON string
-- ('null' for NULL); json_extract(J, '$.KEY'), the text of a member;
-- instr(S, T), T's place in S from 1, 0 if not there.
CREATE FUNCTION json_quote(t TEXT) RETURNS TEXT
	LANGUAGE sql IMMUTABLE
	RETURN coalesce(to_json(t)::text, 'null');
CREATE FUNCTION json_extract(j TEXT, path TEXT) RETURNS TEXT
	LANGUAGE sql IMMUTABLE
	RETURN (j::json) #>> string_to_array(substr(path, 3), '.');
CREATE FUNCTION instr(s TEXT, t TEXT) RETURNS BIGINT
	LANGUAGE sql IMMUTABLE
	RETURN strpos(s, t);
