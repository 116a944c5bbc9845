-- The common strategy of a joint organisation, its common fields of action
-- and goals, the mappings of the parties' items onto them with the people's
-- decisions, and the runs of the alignment engine. doc/schema.md describes
-- them.

-- One row per version: NUMBER counts them per organisation; the highest is
-- the current one. An adopted row is frozen; the next align copies it into
-- a new draft (BASED_ON).
CREATE TABLE common_strategy (
	id           TEXT PRIMARY KEY,
	org_id       TEXT NOT NULL REFERENCES party(id) ON DELETE CASCADE,
	number       INTEGER NOT NULL CHECK (number >= 1),
	title        TEXT NOT NULL CHECK (title <> ''),
	period_start INTEGER,
	period_end   INTEGER CHECK (period_end >= period_start),
	status       TEXT NOT NULL CHECK (status IN ('draft', 'adopted')),
	adopted_at   TEXT,
	adopted_by   TEXT,
	based_on     TEXT REFERENCES common_strategy(id),
	version      INTEGER NOT NULL DEFAULT 1,
	UNIQUE (org_id, number),
	CHECK ((status = 'adopted') = (adopted_at IS NOT NULL))
);

-- Common fields of action and goals; ids c001, c002, ... per strategy.
CREATE TABLE common_item (
	common_id      TEXT NOT NULL REFERENCES common_strategy(id)
	                 ON DELETE CASCADE,
	id             TEXT NOT NULL,
	kind           TEXT NOT NULL CHECK (kind IN ('field', 'goal')),
	parent_id      TEXT,          -- a goal's common field, or NULL
	label          TEXT,          -- as people named it; NULL: not renamed
	proposed_label TEXT NOT NULL, -- the engine's (its central item's title)
	position       INTEGER NOT NULL,
	version        INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (common_id, id)
);

-- A party's item (STRATEGY/ITEM) on a common item. No foreign key into
-- item: a decision outlives an item that a re-import removed, and applies
-- again if it comes back.
CREATE TABLE mapping (
	common_id      TEXT NOT NULL,
	strategy_id    TEXT NOT NULL,
	item_id        TEXT NOT NULL,
	common_item_id TEXT NOT NULL,
	relation       TEXT NOT NULL CHECK (relation IN ('equivalent',
	                 'broader', 'narrower', 'related')),
	score          REAL CHECK (score >= 0 AND score <= 1),
	explanation    TEXT,          -- JSON: {"why": ..., "central": ...}
	decision       TEXT NOT NULL CHECK (decision IN ('proposed',
	                 'accepted', 'rejected')),
	decided_by     TEXT,
	decided_at     TEXT,
	version        INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (common_id, strategy_id, item_id, common_item_id),
	FOREIGN KEY (common_id, common_item_id)
		REFERENCES common_item(common_id, id) ON DELETE CASCADE
);

-- At most one equivalent that is not rejected per item.
CREATE UNIQUE INDEX mapping_one_equivalent ON mapping (common_id,
	strategy_id, item_id) WHERE relation = 'equivalent' AND
	decision <> 'rejected';

CREATE INDEX mapping_by_common_item ON mapping (common_id, common_item_id);

CREATE TABLE alignment_run (
	seq       INTEGER PRIMARY KEY,
	common_id TEXT NOT NULL REFERENCES common_strategy(id) ON DELETE CASCADE,
	at        TEXT NOT NULL,
	actor     TEXT NOT NULL,
	settings  TEXT NOT NULL,      -- JSON: min_score, lexicon
	groups    INTEGER NOT NULL,
	items     INTEGER NOT NULL,
	proposed  INTEGER NOT NULL,   -- mappings proposed anew
	kept      INTEGER NOT NULL    -- decided mappings kept
);
