-- Failed sign-ins per username, kept in the database so that the count and the lock change in one
-- atomic statement (an in-memory counter let parallel attempts slip past the lock while their
-- passwords were being hashed). Keyed by the name typed, not by user id, so that names that are not
-- accounts are throttled the same way and the answer does not reveal which accounts exist.
CREATE TABLE server_sign_in_throttle (
    username     TEXT        PRIMARY KEY,
    -- attempts reserved since the last success or the end of the last lock; a success deletes the row
    attempts     INTEGER     NOT NULL,
    locked_until TIMESTAMPTZ,
    last_attempt TIMESTAMPTZ NOT NULL
);
CREATE INDEX server_sign_in_throttle_last ON server_sign_in_throttle (last_attempt);
