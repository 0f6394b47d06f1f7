-- id: region-outside-declared-regions
-- title: Usage in a region that was not declared
-- severity: high
-- applies-to: *
-- rationale: Where data is stored and processed decides which law applies to it and who can reach it.
--   Usage in a region the engagement did not declare (engagements that declare no region are not
--   checked) means the declaration is wrong or the work moved.
-- evidence: usage in region {subject} on {days:0} of the last 30 days (cost {cost:2}); declared regions:
--   {regions}
--
-- Threshold: cost of at least 1.00 in the undeclared region in the last 30 days.
-- Not places: providers bill services that run everywhere under a region that names no place (AWS writes
-- RegionId "global" for Route 53 or CloudFront, as the FOCUS 1.0 sample shows; Azure "Global", "Unassigned"
-- and "Intercontinental" for bandwidth and marketplace charges). Such usage cannot contradict a declaration
-- of where data is, so those values are not checked.
WITH bounds AS (
  SELECT max(day) AS last_day, max(day) - 29 AS first_day FROM usage_daily
),
declared AS (
  SELECT DISTINCT engagement_id FROM engagement_region
)
SELECT u.account_id, min(u.day) AS window_start, max(u.day) AS window_end, lower(u.region) AS subject,
       count(DISTINCT u.day) AS days, sum(u.cost) AS cost
FROM usage_daily u
JOIN account_engagement ae ON ae.account_id = u.account_id
JOIN declared d ON d.engagement_id = ae.engagement_id
CROSS JOIN bounds b
LEFT JOIN engagement_region er ON er.engagement_id = ae.engagement_id AND er.region = lower(u.region)
WHERE u.charge_category = 'Usage' AND u.region IS NOT NULL AND er.region IS NULL
  AND lower(u.region) NOT IN ('global', 'unassigned', 'intercontinental', 'unknown', 'none', 'external')
  AND u.day >= b.first_day AND u.day <= b.last_day
GROUP BY u.account_id, lower(u.region)
HAVING sum(u.cost) >= 1
