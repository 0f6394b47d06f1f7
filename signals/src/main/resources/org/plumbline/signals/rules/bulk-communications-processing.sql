-- id: bulk-communications-processing
-- title: Bulk communications processing
-- severity: critical
-- applies-to: *
-- exempt-purposes: communications-processing
-- rationale: Transcribing or translating speech at the scale of a telephone network, day after day, while
--   storage grows, is what bulk processing of intercepted communications looks like from metering alone
--   (the motivating case: about a million calls an hour archived in one European region and
--   transcribed). A tenth, or a fiftieth, of that scale is still mass surveillance. Any engagement not
--   declared for communications processing that shows it is flagged for human review; the rule never
--   looks at content, only at how many audio-hours are transcribed and how storage grows.
-- evidence: {audio_hours_per_day:0} audio-hours/day transcribed and {translation_mchars_per_day:1} million
--   characters/day translated on {days:0} days; object storage in {region} grew
--   {storage_growth_gb_per_day:1} GB/day over those days (now {storage_tb:1} TB held); declared purposes:
--   {purposes}
--
-- Thresholds (docs/signals.md, "Bulk communications processing", gives the arithmetic):
--   * A bulk day: at least 1,000 audio-hours transcribed, or 500 million characters translated.
--   * The pattern: at least 7 bulk days in the last 30 days of data, averaging at least 2,000 audio-hours
--     (or 1,000 million characters) a day. 100,000 calls a day of about 1.8 minutes is 3,000 audio-hours; 2,000
--     leaves room for quiet days and shorter calls. The largest legitimate uses that are not communications
--     processing are in the hundreds of audio-hours a day (a large emergency call centre, a broadcaster
--     captioning twenty channels around the clock, a research archive), so they stay at least twice below.
--     A bulk day counts at half the average's threshold so that a partial last day (an export cut in the
--     middle of a day) does not hide a pattern that began seven days ago.
--   * Storage growing alongside: in some region, the least-squares slope of bytes held per day, from the day
--     before the pattern's first bulk day to the last day, is at least 0.1 GB a day. That is the text of the
--     transcripts alone at the lowest bulk scale (about 50 kB per audio-hour); the audio itself is 50 to 1,000
--     times more. A slope, not first and last day, so that one late or corrected day does not decide it.
--   Days are whole UTC days of usage_daily, whatever the rows' charge periods (hourly, daily, monthly).
WITH bounds AS (
  SELECT max(day) AS last_day, max(day) - 29 AS first_day FROM usage_daily
),
speech_daily AS (
  SELECT u.account_id, u.day,
         sum(CASE WHEN u.metric = 'speech_to_text_hours' THEN u.amount ELSE 0 END) AS audio_hours,
         sum(CASE WHEN u.metric = 'translation_characters' THEN u.amount ELSE 0 END) AS characters
  FROM usage_daily u CROSS JOIN bounds b
  WHERE u.metric IN ('speech_to_text_hours', 'translation_characters')
    AND u.day >= b.first_day AND u.day <= b.last_day
  GROUP BY u.account_id, u.day
),
pattern AS (
  SELECT account_id, min(day) AS d0, count(*) AS days,
         avg(audio_hours) AS audio_hours_per_day, avg(characters) AS characters_per_day
  FROM speech_daily
  WHERE audio_hours >= 1000 OR characters >= 5e8
  GROUP BY account_id
  HAVING count(*) >= 7 AND (avg(audio_hours) >= 2000 OR avg(characters) >= 1e9)
),
storage AS (
  SELECT u.account_id, coalesce(u.region, '(no region)') AS region, u.day, sum(u.amount) AS bytes
  FROM usage_daily u JOIN pattern p ON p.account_id = u.account_id CROSS JOIN bounds b
  WHERE u.metric = 'storage_bytes' AND u.day >= p.d0 - 1 AND u.day <= b.last_day
  GROUP BY u.account_id, coalesce(u.region, '(no region)'), u.day
),
growth AS (
  SELECT account_id, region, regr_slope(bytes, day) AS growth_per_day, max_by(bytes, day) AS bytes_end,
         count(*) AS storage_days
  FROM storage GROUP BY account_id, region
  HAVING count(*) >= 2
),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY account_id ORDER BY growth_per_day DESC, region) AS rk
  FROM growth
)
-- Figures are rounded (to a kilobyte a day, a megabyte held, a thousandth of an hour or a character): a
-- least-squares slope or an average summed in another order differs in its last digits between engines, and
-- a finding must be the same finding on DuckDB and on Spark.
SELECT p.account_id, p.d0 AS window_start, b.last_day AS window_end, r.region AS subject, r.region,
       round(r.growth_per_day / 1e9, 6) AS storage_growth_gb_per_day, round(r.bytes_end / 1e12, 6) AS storage_tb,
       p.days, round(p.audio_hours_per_day, 3) AS audio_hours_per_day,
       round(p.characters_per_day / 1e6, 6) AS translation_mchars_per_day
FROM pattern p JOIN ranked r ON r.account_id = p.account_id AND r.rk = 1 CROSS JOIN bounds b
WHERE r.growth_per_day >= 1e8
