-- PostgreSQL's dialect of src/sql/002-portfolio.sql.

-- The joint organisation's portfolio: its period, cost keys, projects with
-- their budgets, milestones, dependencies and status history, the shared
-- infrastructure, and the decisions of its bodies. doc/schema.md describes
-- them.

CREATE TABLE organisation (
	id           TEXT PRIMARY KEY REFERENCES party(id) ON DELETE CASCADE,
	period_start BIGINT,
	period_end   BIGINT CHECK (period_end >= period_start),
	version      BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE cost_key (
	org_id   TEXT NOT NULL REFERENCES party(id) ON DELETE CASCADE,
	id       TEXT NOT NULL,
	title    TEXT NOT NULL CHECK (title <> ''),
	method   TEXT NOT NULL CHECK (method IN ('fixed', 'equal', 'population',
	           'usage', 'nested')),
	unit     TEXT,               -- usage: what is counted
	of_party TEXT,               -- population: the group whose members pay
	parties  TEXT,               -- JSON array: equal, population
	year     BIGINT,            -- population: year of the figures
	position BIGINT NOT NULL,
	version  BIGINT NOT NULL DEFAULT 1,
	PRIMARY KEY (org_id, id)
);

-- Fixed and nested shares in basis points (1/100 %), usage in units.
CREATE TABLE cost_key_part (
	org_id   TEXT NOT NULL,
	key_id   TEXT NOT NULL,
	position BIGINT NOT NULL,
	party_id TEXT,
	sub_key  TEXT,
	weight   BIGINT NOT NULL CHECK (weight >= 0),
	PRIMARY KEY (org_id, key_id, position),
	FOREIGN KEY (org_id, key_id) REFERENCES cost_key(org_id, id)
		ON DELETE CASCADE,
	CHECK ((party_id IS NULL) <> (sub_key IS NULL))
);

CREATE TABLE project (
	org_id     TEXT NOT NULL REFERENCES party(id) ON DELETE CASCADE,
	id         TEXT NOT NULL,
	title      TEXT NOT NULL CHECK (title <> ''),
	body       TEXT,
	lead       TEXT NOT NULL REFERENCES party(id),
	parties    TEXT NOT NULL,    -- JSON array of party ids
	serves     TEXT NOT NULL,    -- JSON array of STRATEGY/ITEM
	start_date TEXT NOT NULL,
	end_date   TEXT NOT NULL CHECK (end_date >= start_date),
	status     TEXT NOT NULL CHECK (status IN ('planned', 'running', 'done',
	             'stopped')),
	light      TEXT NOT NULL CHECK (light IN ('green', 'yellow', 'red')),
	cost_key   TEXT,
	position   BIGINT NOT NULL,
	version    BIGINT NOT NULL DEFAULT 1,
	PRIMARY KEY (org_id, id)
);

CREATE TABLE project_status (
	org_id     TEXT NOT NULL,
	project_id TEXT NOT NULL,
	position   BIGINT NOT NULL,
	date       TEXT NOT NULL,
	status     TEXT NOT NULL,
	light      TEXT NOT NULL,
	note       TEXT,
	PRIMARY KEY (org_id, project_id, position),
	FOREIGN KEY (org_id, project_id) REFERENCES project(org_id, id)
		ON DELETE CASCADE
);

-- Money in Rappen.
CREATE TABLE budget_line (
	org_id     TEXT NOT NULL,
	project_id TEXT NOT NULL,
	year       BIGINT NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('investment', 'operation')),
	amount     BIGINT NOT NULL CHECK (amount >= 0),
	position   BIGINT NOT NULL,
	PRIMARY KEY (org_id, project_id, year, kind),
	FOREIGN KEY (org_id, project_id) REFERENCES project(org_id, id)
		ON DELETE CASCADE
);

CREATE TABLE project_milestone (
	org_id     TEXT NOT NULL,
	project_id TEXT NOT NULL,
	id         TEXT NOT NULL,
	title      TEXT NOT NULL CHECK (title <> ''),
	due        TEXT NOT NULL,
	done       BIGINT NOT NULL CHECK (done IN (0, 1)),
	body       TEXT,
	position   BIGINT NOT NULL,
	PRIMARY KEY (org_id, project_id, id),
	FOREIGN KEY (org_id, project_id) REFERENCES project(org_id, id)
		ON DELETE CASCADE
);

-- Finish-to-start: project_id starts lag_days after depends_on ends.
CREATE TABLE dependency (
	org_id     TEXT NOT NULL,
	project_id TEXT NOT NULL,
	depends_on TEXT NOT NULL,
	lag_days   BIGINT NOT NULL DEFAULT 0 CHECK (lag_days >= 0),
	position   BIGINT NOT NULL,
	PRIMARY KEY (org_id, project_id, depends_on),
	FOREIGN KEY (org_id, project_id) REFERENCES project(org_id, id)
		ON DELETE CASCADE
);

CREATE TABLE component (
	org_id     TEXT NOT NULL REFERENCES party(id) ON DELETE CASCADE,
	id         TEXT NOT NULL,
	title      TEXT NOT NULL CHECK (title <> ''),
	kind       TEXT NOT NULL CHECK (kind IN ('site', 'data-centre',
	             'network', 'platform', 'application', 'service')),
	function   TEXT,
	owner      TEXT NOT NULL REFERENCES party(id),
	operator   TEXT REFERENCES party(id),
	users      TEXT NOT NULL,    -- JSON array of party ids
	cost       BIGINT CHECK (cost >= 0),  -- Rappen a year, NULL unknown
	plan_date  TEXT,
	build_date TEXT,
	run_date   TEXT,
	retire_date TEXT,
	depends_on TEXT NOT NULL,    -- JSON array of component ids
	body       TEXT,
	position   BIGINT NOT NULL,
	version    BIGINT NOT NULL DEFAULT 1,
	PRIMARY KEY (org_id, id)
);

CREATE TABLE decision (
	org_id   TEXT NOT NULL REFERENCES party(id) ON DELETE CASCADE,
	id       TEXT NOT NULL,
	date     TEXT NOT NULL,
	body_id  TEXT NOT NULL,
	subject  TEXT NOT NULL CHECK (subject <> ''),
	outcome  TEXT NOT NULL CHECK (outcome <> ''),
	links    TEXT NOT NULL,      -- JSON array: project:ID, component:ID, ...
	position BIGINT NOT NULL,
	version  BIGINT NOT NULL DEFAULT 1,
	PRIMARY KEY (org_id, id)
);
