-- The last TOTP time step (Unix seconds / 30) a user's code was accepted for. A code is accepted only
-- for a later step, so a code that was seen (over a shoulder, in a proxy's log) cannot be used again
-- during the 90 seconds it would otherwise stay valid (RFC 6238 section 5.2).
ALTER TABLE server_user ADD COLUMN totp_last_step BIGINT;
