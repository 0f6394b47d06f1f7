-- id: service-outside-declared-purposes
-- title: Service outside the declared purposes
-- severity: medium
-- applies-to: *
-- rationale: Each declared purpose implies the service categories and AI meters an engagement is
--   expected to use (core's purposes.json). Sustained use of a category or an AI meter (speech-to-text,
--   translation, model tokens) that none of the declared purposes implies means the declaration no
--   longer describes the work.
-- evidence: {subject_kind} "{subject}" used on {days:0} of the last 30 days (cost {cost:2}), not implied
--   by the declared purposes: {purposes}
--
-- Threshold: cost of at least 1.00 (categories) or any metered quantity (AI meters) in the last 30 days.
WITH bounds AS (
  SELECT max(day) AS last_day, max(day) - 29 AS first_day FROM usage_daily
),
allowed_category AS (
  SELECT DISTINCT ep.engagement_id, lower(pe.value) AS category
  FROM engagement_purpose ep JOIN purpose_expectation pe
    ON pe.kind = 'category' AND (pe.purpose = ep.purpose OR pe.purpose = '*')
),
allowed_metric AS (
  SELECT DISTINCT ep.engagement_id, pe.value AS metric
  FROM engagement_purpose ep JOIN purpose_expectation pe
    ON pe.kind = 'metric' AND (pe.purpose = ep.purpose OR pe.purpose = '*')
),
recent AS (
  SELECT u.account_id, u.service_category, u.metric, u.day, u.cost, u.amount
  FROM usage_daily u CROSS JOIN bounds b
  WHERE u.charge_category = 'Usage' AND u.day >= b.first_day AND u.day <= b.last_day
),
-- Use is summed per account and subject first, and only those few rows are matched against the
-- engagements and their purposes (an account is in at most one engagement, so a subject is allowed or
-- not for all of an account's rows at once).
category_use AS (
  SELECT account_id, service_category, min(day) AS window_start, max(day) AS window_end,
         count(DISTINCT day) AS days, sum(cost) AS cost, sum(amount) AS amount
  FROM recent WHERE service_category IS NOT NULL
  GROUP BY account_id, service_category
),
metric_use AS (
  SELECT account_id, metric, min(day) AS window_start, max(day) AS window_end,
         count(DISTINCT day) AS days, sum(cost) AS cost, sum(amount) AS amount
  FROM recent WHERE metric IN ('speech_to_text_hours', 'translation_characters', 'model_tokens')
  GROUP BY account_id, metric
),
by_category AS (
  SELECT c.account_id, 'service category' AS subject_kind, c.service_category AS subject,
         c.window_start, c.window_end, c.days, c.cost, c.amount
  FROM category_use c
  JOIN account_engagement ae ON ae.account_id = c.account_id
  LEFT JOIN allowed_category a ON a.engagement_id = ae.engagement_id AND a.category = lower(c.service_category)
  WHERE a.category IS NULL AND c.cost >= 1
),
by_metric AS (
  SELECT m.account_id, 'AI meter' AS subject_kind, m.metric AS subject,
         m.window_start, m.window_end, m.days, m.cost, m.amount
  FROM metric_use m
  JOIN account_engagement ae ON ae.account_id = m.account_id
  LEFT JOIN allowed_metric a ON a.engagement_id = ae.engagement_id AND a.metric = m.metric
  WHERE a.metric IS NULL AND m.amount > 0
)
SELECT account_id, window_start, window_end, subject, subject_kind, days, cost, amount FROM by_category
UNION ALL
SELECT account_id, window_start, window_end, subject, subject_kind, days, cost, amount FROM by_metric
