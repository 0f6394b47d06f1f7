-- Domain tables. Each row that a record proves carries the log index of that record.

CREATE TABLE customer (
  id         bigserial   PRIMARY KEY,
  name       text        NOT NULL UNIQUE,
  kind       text        NOT NULL CHECK (kind IN ('ministry', 'agency', 'unit')),
  country    char(2)     NOT NULL,
  parent_id  bigint      REFERENCES customer (id),
  created_at timestamptz NOT NULL,
  log_index  bigint      NOT NULL REFERENCES log_entry (idx)
);

CREATE TABLE engagement (
  id             bigserial   PRIMARY KEY,
  reference      text        NOT NULL UNIQUE,
  customer_id    bigint      NOT NULL REFERENCES customer (id),
  version        int         NOT NULL CHECK (version >= 1),
  status         text        NOT NULL CHECK (status IN ('active', 'suspended', 'terminated')),
  severity       int         CHECK (severity BETWEEN 1 AND 5),
  next_review_at timestamptz NOT NULL,
  created_at     timestamptz NOT NULL
);

-- Declarations: one row per version; amendments add rows, nothing is updated in place.
CREATE TABLE engagement_version (
  engagement_id       bigint      NOT NULL REFERENCES engagement (id),
  version             int         NOT NULL CHECK (version >= 1),
  accounts            text[]      NOT NULL,
  billing_account     text        NOT NULL,
  services            text[]      NOT NULL,
  regions             text[]      NOT NULL,
  contract_reference  text        NOT NULL,
  purposes            text[]      NOT NULL,
  data_categories     text[]      NOT NULL,
  prohibited_uses     text[]      NOT NULL,
  attested_by         text        NOT NULL,
  attestation         text        NOT NULL,
  declared_by         text        NOT NULL,
  declared_at         timestamptz NOT NULL,
  log_index           bigint      NOT NULL REFERENCES log_entry (idx),
  PRIMARY KEY (engagement_id, version)
);

CREATE TABLE case_file (
  id             bigserial   PRIMARY KEY,
  engagement_id  bigint      REFERENCES engagement (id),
  origin         text        NOT NULL CHECK (origin IN ('finding', 'concern', 'periodic-review', 'manual')),
  origin_ref     text,
  title          text        NOT NULL,
  summary        text        NOT NULL,
  confidential   boolean     NOT NULL,
  state          text        NOT NULL CHECK (state IN ('open', 'in-review', 'escalated', 'decided', 'closed')),
  level          text        NOT NULL CHECK (level IN ('reviewer', 'approver', 'leadership')),
  assignee       text,
  due_at         timestamptz NOT NULL,
  severity       int         CHECK (severity BETWEEN 1 AND 5),
  opened_by      text        NOT NULL,
  opened_at      timestamptz NOT NULL,
  version        int         NOT NULL,
  log_index      bigint      NOT NULL REFERENCES log_entry (idx)
);
CREATE INDEX case_file_engagement ON case_file (engagement_id);
CREATE INDEX case_file_state ON case_file (state, due_at);

CREATE TABLE case_event (
  id         bigserial   PRIMARY KEY,
  case_id    bigint      NOT NULL REFERENCES case_file (id),
  from_state text        NOT NULL,
  to_state   text        NOT NULL,
  level      text        NOT NULL,
  note       text        NOT NULL,
  actor      text        NOT NULL,
  at         timestamptz NOT NULL,
  log_index  bigint      NOT NULL REFERENCES log_entry (idx)
);
CREATE INDEX case_event_case ON case_event (case_id, id);

CREATE TABLE assessment (
  id               bigserial   PRIMARY KEY,
  case_id          bigint      NOT NULL REFERENCES case_file (id),
  scale            int         NOT NULL CHECK (scale BETWEEN 1 AND 5),
  scope            int         NOT NULL CHECK (scope BETWEEN 1 AND 5),
  irremediability  int         NOT NULL CHECK (irremediability BETWEEN 1 AND 5),
  likelihood       int         NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  severity         int         NOT NULL CHECK (severity BETWEEN 1 AND 5),
  priority         int         NOT NULL CHECK (priority BETWEEN 1 AND 5),
  leverage         text        NOT NULL CHECK (leverage IN ('low', 'medium', 'high')),
  relation         text        NOT NULL CHECK (relation IN ('cause', 'contribute', 'directly-linked')),
  rationale        text        NOT NULL,
  assessor         text        NOT NULL,
  at               timestamptz NOT NULL,
  log_index        bigint      NOT NULL REFERENCES log_entry (idx)
);
CREATE INDEX assessment_case ON assessment (case_id, id);

-- Content-addressed evidence blobs (review material people supply, never customer content).
CREATE TABLE blob (
  sha256  bytea  PRIMARY KEY CHECK (octet_length(sha256) = 32),
  size    bigint NOT NULL CHECK (size >= 0),
  content bytea  NOT NULL
);

CREATE TABLE evidence (
  id          bigserial   PRIMARY KEY,
  case_id     bigint      NOT NULL REFERENCES case_file (id),
  sha256      bytea       NOT NULL REFERENCES blob (sha256),
  size        bigint      NOT NULL,
  media_type  text        NOT NULL,
  file_name   text        NOT NULL,
  description text        NOT NULL,
  attached_by text        NOT NULL,
  at          timestamptz NOT NULL,
  log_index   bigint      NOT NULL REFERENCES log_entry (idx)
);
CREATE INDEX evidence_case ON evidence (case_id, id);

CREATE TABLE case_comment (
  id      bigserial   PRIMARY KEY,
  case_id bigint      NOT NULL REFERENCES case_file (id),
  author  text        NOT NULL,
  body    text        NOT NULL,
  at      timestamptz NOT NULL
);
CREATE INDEX case_comment_case ON case_comment (case_id, id);

CREATE TABLE decision (
  id         bigserial   PRIMARY KEY,
  case_id    bigint      NOT NULL UNIQUE REFERENCES case_file (id),
  kind       text        NOT NULL CHECK (kind IN ('no-action', 'conditions', 'suspend', 'terminate')),
  accounts   text[]      NOT NULL,
  services   text[]      NOT NULL,
  conditions text        NOT NULL,
  rationale  text        NOT NULL,
  decider    text        NOT NULL,
  level      text        NOT NULL CHECK (level IN ('reviewer', 'approver', 'leadership')),
  at         timestamptz NOT NULL,
  log_index  bigint      NOT NULL REFERENCES log_entry (idx)
);

CREATE TABLE directive (
  id            bigserial   PRIMARY KEY,
  decision_id   bigint      NOT NULL REFERENCES decision (id),
  engagement_id bigint      NOT NULL REFERENCES engagement (id),
  action        text        NOT NULL CHECK (action IN ('suspend', 'terminate')),
  accounts      text[]      NOT NULL,
  services      text[]      NOT NULL,
  effective_at  timestamptz NOT NULL,
  ack_deadline  timestamptz NOT NULL,
  payload       bytea       NOT NULL,
  signature     bytea       NOT NULL,
  issued_at     timestamptz NOT NULL,
  -- the directive's log index doubles as the fetch cursor: indices commit in order
  log_index     bigint      NOT NULL UNIQUE REFERENCES log_entry (idx)
);

CREATE TABLE directive_ack (
  directive_id bigint      PRIMARY KEY REFERENCES directive (id),
  client       text        NOT NULL,
  outcome      text        NOT NULL CHECK (outcome IN ('applied', 'failed')),
  detail       text        NOT NULL,
  acked_at     timestamptz NOT NULL,
  log_index    bigint      NOT NULL REFERENCES log_entry (idx)
);
