-- The peer of bench/cost-scale: the same shares as konkordat cost computes,
-- aggregated by one plain SQL query in the sqlite3 shell (floating point,
-- no rounding to the Rappen).
.mode csv
.headers on
WITH pop AS (
  SELECT m.group_id, m.member_id, p.population,
         SUM(p.population) OVER (PARTITION BY m.group_id) AS total
  FROM membership m JOIN party p ON p.id = m.member_id
),
shares AS (
  SELECT kp.party_id AS party, b.year, b.amount * kp.weight / 10000.0 AS share
  FROM budget_line b
  JOIN project pr ON pr.org_id = b.org_id AND pr.id = b.project_id
  JOIN cost_key_part kp ON kp.org_id = pr.org_id AND kp.key_id = pr.cost_key
  WHERE kp.party_id IS NOT NULL
  UNION ALL
  SELECT pop.member_id, b.year,
         b.amount * kp.weight / 10000.0 * pop.population / pop.total
  FROM budget_line b
  JOIN project pr ON pr.org_id = b.org_id AND pr.id = b.project_id
  JOIN cost_key_part kp ON kp.org_id = pr.org_id AND kp.key_id = pr.cost_key
  JOIN cost_key ck ON ck.org_id = kp.org_id AND ck.id = kp.sub_key
  JOIN pop ON pop.group_id = ck.of_party
  WHERE kp.sub_key IS NOT NULL
)
SELECT party, year, printf('%.2f', SUM(share) / 100.0) AS chf
FROM shares GROUP BY party, year ORDER BY party, year;
