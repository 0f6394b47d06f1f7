-- id: bulk-communications-processing
-- title: Bulk communications processing
-- severity: critical
-- applies-to: *
-- exempt-purposes: communications-processing
-- rationale: Storing audio at scale while transcribing or translating it at scale is what bulk processing
--   of intercepted communications looks like from metering alone (the motivating case: about a million
--   calls an hour archived in one European region and transcribed). Any engagement not declared for
--   communications processing that shows both is flagged for human review; the rule never looks at
--   content, only at how much storage grows and how many audio-hours are transcribed.
-- evidence: object storage grew {storage_growth_tb_per_day:1} TB/day over {days:0} days in {region}
--   (now {storage_tb:1} TB held); {audio_hours_per_day:0} audio-hours/day transcribed;
--   {translation_mchars_per_day:1} million characters/day translated; declared purposes: {purposes}
--
-- Thresholds: storage in one region growing by at least 1 TB a day over the last 30 days of data, and
-- at least 10,000 audio-hours a day transcribed or 1,000 million characters a day translated.
WITH bounds AS (
  SELECT max(day) AS last_day, max(day) - 29 AS first_day FROM usage_daily
),
storage AS (
  SELECT u.account_id, coalesce(u.region, '(no region)') AS region, u.day, sum(u.amount) AS bytes
  FROM usage_daily u CROSS JOIN bounds b
  WHERE u.metric = 'storage_bytes' AND u.day >= b.first_day AND u.day <= b.last_day
  GROUP BY u.account_id, coalesce(u.region, '(no region)'), u.day
),
span AS (
  SELECT account_id, region, min(day) AS d0, max(day) AS d1 FROM storage GROUP BY account_id, region
),
growth AS (
  SELECT s.account_id, s.region, p.d0, p.d1,
         sum(CASE WHEN s.day = p.d1 THEN s.bytes ELSE 0 END) AS bytes_end,
         sum(CASE WHEN s.day = p.d0 THEN s.bytes ELSE 0 END) AS bytes_start
  FROM storage s JOIN span p ON s.account_id = p.account_id AND s.region = p.region
  GROUP BY s.account_id, s.region, p.d0, p.d1
),
ranked AS (
  SELECT account_id, region, d0, d1, bytes_end, (bytes_end - bytes_start) / (d1 - d0) AS growth_per_day,
         row_number() OVER (PARTITION BY account_id ORDER BY bytes_end - bytes_start DESC, region) AS rk
  FROM growth
  WHERE d1 > d0
),
speech AS (
  SELECT u.account_id,
         sum(CASE WHEN u.metric = 'speech_to_text_hours' THEN u.amount ELSE 0 END) AS audio_hours,
         sum(CASE WHEN u.metric = 'translation_characters' THEN u.amount ELSE 0 END) AS characters,
         count(DISTINCT u.day) AS days
  FROM usage_daily u CROSS JOIN bounds b
  WHERE u.metric IN ('speech_to_text_hours', 'translation_characters')
    AND u.day >= b.first_day AND u.day <= b.last_day
  GROUP BY u.account_id
)
SELECT r.account_id, r.d0 AS window_start, r.d1 AS window_end, r.region AS subject, r.region,
       r.growth_per_day / 1e12 AS storage_growth_tb_per_day, r.bytes_end / 1e12 AS storage_tb,
       r.d1 - r.d0 + 1 AS days,
       sp.audio_hours / sp.days AS audio_hours_per_day,
       sp.characters / sp.days / 1e6 AS translation_mchars_per_day
FROM ranked r JOIN speech sp ON sp.account_id = r.account_id
WHERE r.rk = 1
  AND r.growth_per_day >= 1e12
  AND (sp.audio_hours / sp.days >= 10000 OR sp.characters / sp.days >= 1e9)
