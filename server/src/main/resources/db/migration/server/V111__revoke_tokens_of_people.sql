-- Bearer tokens are for machine clients only: a token issued to a person let whoever held it act as that
-- person, past their password and second factor, with records naming the person. Issuing one is refused
-- since then (409); this revokes any that were issued before, so that upgrading closes the hole too.
UPDATE server_api_token SET revoked_at = now()
WHERE revoked_at IS NULL
  AND user_id IN (SELECT id FROM server_user WHERE role <> 'enforcement-system');
