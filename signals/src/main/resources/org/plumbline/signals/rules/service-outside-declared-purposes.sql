-- id: service-outside-declared-purposes
-- title: Service outside the declared purposes
-- severity: medium
-- applies-to: *
-- rationale: Each declared purpose implies the service categories and AI meters an engagement is
--   expected to use (purposes.tsv). Sustained use of a category or an AI meter (speech-to-text,
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
  SELECT u.account_id, ae.engagement_id, u.service_category, u.metric, u.day, u.cost, u.amount
  FROM usage_daily u
  JOIN account_engagement ae ON ae.account_id = u.account_id
  CROSS JOIN bounds b
  WHERE u.charge_category = 'Usage' AND u.day >= b.first_day AND u.day <= b.last_day
),
by_category AS (
  SELECT r.account_id, 'service category' AS subject_kind, r.service_category AS subject,
         min(r.day) AS window_start, max(r.day) AS window_end, count(DISTINCT r.day) AS days,
         sum(r.cost) AS cost, sum(r.amount) AS amount
  FROM recent r
  LEFT JOIN allowed_category a ON a.engagement_id = r.engagement_id AND a.category = lower(r.service_category)
  WHERE a.category IS NULL AND r.service_category IS NOT NULL
  GROUP BY r.account_id, r.service_category
  HAVING sum(r.cost) >= 1
),
by_metric AS (
  SELECT r.account_id, 'AI meter' AS subject_kind, r.metric AS subject,
         min(r.day) AS window_start, max(r.day) AS window_end, count(DISTINCT r.day) AS days,
         sum(r.cost) AS cost, sum(r.amount) AS amount
  FROM recent r
  LEFT JOIN allowed_metric a ON a.engagement_id = r.engagement_id AND a.metric = r.metric
  WHERE a.metric IS NULL
    AND r.metric IN ('speech_to_text_hours', 'translation_characters', 'model_tokens')
  GROUP BY r.account_id, r.metric
  HAVING sum(r.amount) > 0
)
SELECT account_id, window_start, window_end, subject, subject_kind, days, cost, amount FROM by_category
UNION ALL
SELECT account_id, window_start, window_end, subject, subject_kind, days, cost, amount FROM by_metric
