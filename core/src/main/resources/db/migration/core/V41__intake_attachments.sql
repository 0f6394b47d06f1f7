-- Files a reporter attaches to a report (issue 10). The file's bytes and, separately, its name and media type
-- are HPKE ciphertext to the report's key, like its messages; in the clear are only the report, the file's
-- number within it and the day it was added. Its size shows, as every ciphertext's length does.
CREATE TABLE concern_attachment (
  concern_id  bigint  NOT NULL REFERENCES concern (id) ON DELETE CASCADE,
  seq         integer NOT NULL CHECK (seq >= 0),
  added_on    date    NOT NULL,
  -- {"name", "type"} as JSON, sealed to the report's key
  sealed_about bytea  NOT NULL,
  -- the file's bytes, sealed to the report's key
  sealed      bytea   NOT NULL,
  PRIMARY KEY (concern_id, seq)
);
