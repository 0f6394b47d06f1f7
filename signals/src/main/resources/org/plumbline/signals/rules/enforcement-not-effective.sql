-- id: enforcement-not-effective
-- title: Enforcement not effective
-- severity: critical
-- applies-to: *
-- rationale: A directive that suspends a service is only done when metering shows the service stopped.
--   Any usage of a suspended service (by ServiceName or ServiceCategory) in a charge period that starts
--   at or after the directive's effective time means the suspension has not taken effect.
-- evidence: {service} still used on account after directive {subject} took effect at
--   {effective_epoch:time}: usage on {days:0} day(s), last charge period starting {last_usage_epoch:time}
--   (cost on those days {cost:2})
SELECT u.account_id, d.directive_id AS subject, d.service, d.effective_epoch,
       min(u.day) AS window_start, max(u.day) AS window_end, count(DISTINCT u.day) AS days,
       sum(u.cost) AS cost, max(u.last_usage_epoch) AS last_usage_epoch
FROM usage_daily u
JOIN directive d ON d.account_id = u.account_id
  AND (lower(u.service_name) = lower(d.service) OR lower(u.service_category) = lower(d.service))
WHERE u.charge_category = 'Usage' AND u.last_usage_epoch >= d.effective_epoch
GROUP BY u.account_id, d.directive_id, d.service, d.effective_epoch
