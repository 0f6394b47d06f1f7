-- The intake of concerns (issue 10). Every column that holds what a reporter or recipient wrote is
-- ciphertext (HPKE to the report's key); what is in the clear is what the deadlines and the lookup need:
-- the status, days (never a finer time), which recipients hold the report's key, the linked case.

-- The installation's salt for receipt derivation (one row, made on first use).
CREATE TABLE intake_setting (
  id           smallint PRIMARY KEY CHECK (id = 1),
  receipt_salt bytea NOT NULL CHECK (octet_length(receipt_salt) = 32)
);

-- A recipient's HPKE key pair: the private key wrapped (AES-256-GCM) under Argon2id of their password.
CREATE TABLE intake_recipient (
  account         text  PRIMARY KEY,
  public_key      bytea NOT NULL CHECK (octet_length(public_key) = 32),
  wrapped_private bytea NOT NULL,
  password_salt   bytea NOT NULL CHECK (octet_length(password_salt) = 16)
);

CREATE TABLE concern (
  id              bigint  PRIMARY KEY,
  receipt_lookup  bytea   NOT NULL UNIQUE CHECK (octet_length(receipt_lookup) = 32),
  public_key      bytea   NOT NULL CHECK (octet_length(public_key) = 32),
  -- the report's private key under the key derived from the receipt
  receipt_wrapped bytea   NOT NULL,
  -- salt and canonical report that open the logged commitment, sealed to the report's key
  opening         bytea   NOT NULL,
  status          text    NOT NULL CHECK (status IN ('received', 'acknowledged', 'under review', 'feedback given', 'closed')),
  received_on     date    NOT NULL,
  acknowledged_on date,
  feedback_on     date,
  closed_on       date,
  -- the day its ciphertext was deleted, the retention time after it closed (the log keeps the commitment)
  purged_on       date,
  case_id         bigint  REFERENCES case_file (id),
  log_index       bigint  NOT NULL REFERENCES log_entry (idx),
  version         integer NOT NULL DEFAULT 1
);
CREATE SEQUENCE concern_id_seq OWNED BY concern.id;

-- The report's private key sealed to each recipient's public key.
CREATE TABLE concern_key (
  concern_id bigint NOT NULL REFERENCES concern (id) ON DELETE CASCADE,
  account    text   NOT NULL,
  sealed     bytea  NOT NULL,
  PRIMARY KEY (concern_id, account)
);

CREATE TABLE concern_message (
  concern_id bigint  NOT NULL REFERENCES concern (id) ON DELETE CASCADE,
  seq        integer NOT NULL CHECK (seq >= 0),
  sender     text    NOT NULL CHECK (sender IN ('reporter', 'recipient')),
  written_on date    NOT NULL,
  sealed     bytea   NOT NULL,
  PRIMARY KEY (concern_id, seq)
);
