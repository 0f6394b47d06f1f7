-- A second-factor secret the server has made and shown to its user but that is not on yet: the user
-- turns it on by entering a code from it. Kept here rather than round-tripped through the form, so a
-- session cannot put a secret of its own choosing on the account.
ALTER TABLE server_user ADD COLUMN totp_pending_secret TEXT;
