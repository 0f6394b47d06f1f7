-- Findings raised by usage signals (scans of FOCUS metering). Each row is a fact proven by its
-- finding.raised record (log_index) and is never changed: the table is append-only like the other
-- proven facts. finding_key is the signals module's stable identity (SHA-256 of rule, account,
-- subject and window), unique, so the same finding over the same window is raised at most once no
-- matter how often a scan sees it. case_id is the case it opened or was added to.
CREATE TABLE usage_finding (
  id            bigserial   PRIMARY KEY,
  finding_key   text        NOT NULL UNIQUE CHECK (finding_key ~ '^[0-9a-f]{64}$'),
  engagement_id bigint      NOT NULL REFERENCES engagement (id),
  case_id       bigint      NOT NULL REFERENCES case_file (id),
  opened_case   boolean     NOT NULL,
  account       text        NOT NULL,
  rule          text        NOT NULL,
  title         text        NOT NULL,
  severity      text        NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  subject       text        NOT NULL,
  window_start  date        NOT NULL,
  window_end    date        NOT NULL CHECK (window_end >= window_start),
  figures       text        NOT NULL,
  evidence      text        NOT NULL,
  raised_by     text        NOT NULL,
  raised_at     timestamptz NOT NULL,
  log_index     bigint      NOT NULL REFERENCES log_entry (idx)
);
CREATE INDEX usage_finding_case ON usage_finding (case_id);
CREATE INDEX usage_finding_account ON usage_finding (engagement_id, account);

CREATE TRIGGER usage_finding_append_only BEFORE UPDATE OR DELETE ON usage_finding
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
