-- Parties, their strategies and items, the joint organisation's bodies,
-- milestones and agreements, and the audit log. doc/schema.md describes
-- these tables and those later migrations add.

CREATE TABLE party (
	id              TEXT PRIMARY KEY,
	name            TEXT NOT NULL CHECK (name <> ''),
	kind            TEXT NOT NULL CHECK (kind IN ('canton', 'city',
	                  'municipality', 'association', 'consortium',
	                  'joint-organisation')),
	bfs             INTEGER CHECK (bfs > 0),
	population      INTEGER CHECK (population >= 0),
	population_year INTEGER,
	-- 1 when the party has a file of its own (a party or organisation
	-- file); 0 when it is only defined as a member inside another's file.
	standalone      INTEGER NOT NULL DEFAULT 1 CHECK (standalone IN (0, 1)),
	version         INTEGER NOT NULL DEFAULT 1
);

-- Municipalities in an association or consortium; the parties of a joint
-- organisation.
CREATE TABLE membership (
	group_id  TEXT NOT NULL REFERENCES party(id) ON DELETE CASCADE,
	-- deferred: one import writes a group and its members in any order
	member_id TEXT NOT NULL REFERENCES party(id)
	          DEFERRABLE INITIALLY DEFERRED,
	position  INTEGER NOT NULL,
	PRIMARY KEY (group_id, member_id)
);
CREATE INDEX membership_member ON membership(member_id);

CREATE TABLE strategy (
	id           TEXT PRIMARY KEY,
	party_id     TEXT NOT NULL REFERENCES party(id),
	title        TEXT NOT NULL CHECK (title <> ''),
	period_start INTEGER NOT NULL,
	period_end   INTEGER NOT NULL CHECK (period_end >= period_start),
	doc_version  INTEGER NOT NULL DEFAULT 1,
	status       TEXT NOT NULL CHECK (status IN ('draft', 'adopted')),
	language     TEXT NOT NULL CHECK (language IN ('de', 'fr', 'it', 'en')),
	vision       TEXT,
	version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX strategy_party ON strategy(party_id);

-- Fields of action, goals, principles and measures share one table: they
-- share their columns, their ids are unique within the strategy across
-- kinds, and the alignment engine treats them alike. The views below give
-- each kind its own name.
CREATE TABLE item (
	strategy_id TEXT NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
	id          TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('field', 'goal', 'principle',
	              'measure')),
	parent_id   TEXT,            -- the field a goal belongs to
	title       TEXT NOT NULL CHECK (title <> ''),
	body        TEXT,
	position    INTEGER NOT NULL,
	tags        TEXT,            -- JSON array of strings, or NULL
	version     INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (strategy_id, id)
);

-- Which goals a measure realises.
CREATE TABLE realisation (
	strategy_id TEXT NOT NULL,
	measure_id  TEXT NOT NULL,
	goal_id     TEXT NOT NULL,
	position    INTEGER NOT NULL,
	PRIMARY KEY (strategy_id, measure_id, goal_id),
	FOREIGN KEY (strategy_id, measure_id) REFERENCES item(strategy_id, id)
		ON DELETE CASCADE,
	FOREIGN KEY (strategy_id, goal_id) REFERENCES item(strategy_id, id)
		ON DELETE CASCADE
);

CREATE VIEW field_of_action AS SELECT * FROM item WHERE kind = 'field';
CREATE VIEW goal AS SELECT * FROM item WHERE kind = 'goal';
CREATE VIEW principle AS SELECT * FROM item WHERE kind = 'principle';
CREATE VIEW measure AS SELECT * FROM item WHERE kind = 'measure';

CREATE TABLE body (
	org_id   TEXT NOT NULL REFERENCES party(id) ON DELETE CASCADE,
	id       TEXT NOT NULL,
	name     TEXT NOT NULL CHECK (name <> ''),
	kind     TEXT NOT NULL CHECK (kind IN ('steering-committee', 'board',
	           'office', 'working-group')),
	members  TEXT NOT NULL,      -- JSON array of party ids
	body     TEXT,
	position INTEGER NOT NULL,
	version  INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (org_id, id)
);

CREATE TABLE milestone (
	org_id   TEXT NOT NULL REFERENCES party(id) ON DELETE CASCADE,
	id       TEXT NOT NULL,
	title    TEXT NOT NULL CHECK (title <> ''),
	due      TEXT NOT NULL,      -- YYYY-MM-DD
	done     INTEGER NOT NULL CHECK (done IN (0, 1)),
	body     TEXT,
	position INTEGER NOT NULL,
	version  INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (org_id, id)
);

CREATE TABLE agreement (
	org_id     TEXT NOT NULL REFERENCES party(id) ON DELETE CASCADE,
	id         TEXT NOT NULL,
	title      TEXT NOT NULL CHECK (title <> ''),
	kind       TEXT NOT NULL CHECK (kind IN ('framework', 'project',
	             'operating')),
	parties    TEXT NOT NULL,    -- JSON array of party ids
	valid_from TEXT NOT NULL,    -- YYYY-MM-DD
	valid_to   TEXT,             -- YYYY-MM-DD or NULL when open-ended
	body       TEXT,
	position   INTEGER NOT NULL,
	version    INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (org_id, id)
);

-- Every change: who, when, what, before and after (JSON, NULL for none).
CREATE TABLE audit (
	seq    INTEGER PRIMARY KEY,
	at     TEXT NOT NULL,        -- UTC, ISO 8601
	actor  TEXT NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
	entity TEXT NOT NULL,        -- e.g. "goal kanton-luzern-2012/z1"
	before TEXT,
	after  TEXT
);
