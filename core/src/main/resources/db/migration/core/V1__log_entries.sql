-- The transparency log's sequenced entries (Tessera-style): a record is in the database if and only
-- if it has a durable log index. Indices come from the single-row counter below, locked FOR UPDATE
-- inside the writing transaction, so they are dense (no gaps: a rolled-back transaction also rolls
-- back its increment) and commit in index order (the row lock serialises appenders).
CREATE TABLE log_counter (
  id   smallint PRIMARY KEY CHECK (id = 1),
  next bigint   NOT NULL CHECK (next >= 0)
);
INSERT INTO log_counter (id, next) VALUES (1, 0);

CREATE TABLE log_entry (
  idx        bigint      PRIMARY KEY CHECK (idx >= 0),
  record     bytea       NOT NULL CHECK (octet_length(record) BETWEEN 1 AND 65535),
  sha256     bytea       NOT NULL CHECK (octet_length(sha256) = 32),
  type       text        NOT NULL,
  subject    text        NOT NULL,
  actor      text        NOT NULL,
  logged_at  timestamptz NOT NULL
);
CREATE INDEX log_entry_sha256 ON log_entry (sha256);
CREATE INDEX log_entry_subject ON log_entry (subject, idx);

-- Salts and canonical values that open a record's confidential-field commitments. Never logged.
CREATE TABLE record_secret (
  idx             bigint NOT NULL REFERENCES log_entry (idx),
  field           text   NOT NULL,
  salt            bytea  NOT NULL CHECK (octet_length(salt) = 32),
  canonical_value bytea  NOT NULL,
  PRIMARY KEY (idx, field)
);
