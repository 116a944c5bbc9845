-- The peer of bench/report-national: the rows the planning report reads,
-- dumped as CSV by the sqlite3 shell (no sums, no layout): the parties, the
-- strategies and their items, the projects, their budget lines, the
-- components and the decisions.
.mode csv
.headers on
SELECT id, name, kind, bfs, population, standalone FROM party ORDER BY id;
SELECT id, party_id, title, period_start, period_end, status, language, vision
  FROM strategy ORDER BY party_id, id;
SELECT strategy_id, id, kind, parent_id, title, body, tags
  FROM item ORDER BY strategy_id, position;
SELECT org_id, id, title, lead, parties, serves, start_date, end_date, status,
       light, cost_key
  FROM project ORDER BY org_id, position;
SELECT org_id, project_id, year, kind, amount
  FROM budget_line ORDER BY org_id, project_id, position;
SELECT org_id, id, title, kind, function, owner, operator, cost, plan_date,
       build_date, run_date, retire_date
  FROM component ORDER BY org_id, position;
SELECT org_id, id, date, body_id, subject, outcome
  FROM decision ORDER BY org_id, position;
