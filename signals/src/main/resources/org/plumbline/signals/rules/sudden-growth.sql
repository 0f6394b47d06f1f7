-- id: sudden-growth
-- title: Sudden growth against the account's own history
-- severity: medium
-- applies-to: *
-- rationale: A step change in what an account consumes often marks a new use. Comparing whole weeks
--   (the last 7 days against each of the 4 weeks before) makes the rule blind to weekly cycles: a
--   week always holds one of each weekday.
-- evidence: cost in the last 7 days was {last_week_cost:2}, {ratio:1} times the highest of the {weeks:0}
--   weeks before (highest {previous_max_cost:2}, average {previous_avg_cost:2})
--
-- Threshold: last week above 3 times the highest earlier week and at least 100.00 more; needs at least
-- 2 complete earlier weeks. Usage only: a reservation bought upfront, a tax, a credit or a correction is
-- not growth in what the account consumes, and would otherwise look like a step.
-- Known limit: a whole-month charge period's cost counts on its first day (docs/signals.md, Charge
-- periods), so an account billed in whole-month usage rows shows its month in the week of the 1st.
WITH bounds AS (
  SELECT max(day) AS last_day FROM usage_daily
),
daily AS (
  SELECT u.account_id, u.day, sum(u.cost) AS cost
  FROM usage_daily u JOIN account_engagement ae ON ae.account_id = u.account_id
  WHERE u.charge_category = 'Usage'
  GROUP BY u.account_id, u.day
),
weekly AS (
  SELECT d.account_id, CAST(floor((b.last_day - d.day) / 7) AS INTEGER) AS weeks_ago,
         sum(d.cost) AS cost, count(*) AS days
  FROM daily d CROSS JOIN bounds b
  WHERE d.day > b.last_day - 35
  GROUP BY d.account_id, CAST(floor((b.last_day - d.day) / 7) AS INTEGER)
),
previous AS (
  SELECT account_id, max(cost) AS max_cost, avg(CAST(cost AS DOUBLE)) AS avg_cost, count(*) AS weeks
  FROM weekly
  WHERE weeks_ago >= 1 AND weeks_ago <= 4 AND days = 7
  GROUP BY account_id
  HAVING count(*) >= 2
)
SELECT w.account_id, b.last_day - 6 AS window_start, b.last_day AS window_end,
       w.cost AS last_week_cost, p.max_cost AS previous_max_cost, p.avg_cost AS previous_avg_cost, p.weeks,
       CAST(w.cost AS DOUBLE) / CAST(p.max_cost AS DOUBLE) AS ratio
FROM weekly w JOIN previous p ON p.account_id = w.account_id CROSS JOIN bounds b
WHERE w.weeks_ago = 0 AND w.days = 7 AND p.max_cost > 0
  AND w.cost > 3 * p.max_cost AND w.cost - p.max_cost >= 100
