-- The server's own tables: people and machine clients, their roles and credentials.
-- Core owns V1..V99; the server's migrations start at V100 so the two never collide.

CREATE TABLE server_user (
    id            BIGSERIAL PRIMARY KEY,
    username      TEXT        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
    display_name  TEXT        NOT NULL,
    role          TEXT        NOT NULL CHECK (role IN ('account-manager', 'reviewer', 'approver',
                                  'external-investigator', 'auditor', 'enforcement-system', 'admin')),
    -- Argon2id in PHC string form; NULL for machine clients, which only ever use bearer tokens.
    password_hash TEXT,
    -- Base32 TOTP secret (RFC 6238); NULL when the user has not enrolled a second factor.
    totp_secret   TEXT,
    -- An approver who also sits on the top rung of the escalation ladder (leadership).
    leadership    BOOLEAN     NOT NULL DEFAULT FALSE,
    disabled      BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A browser session. Only the SHA-256 of the cookie value is stored, so a copy of this table
-- does not let anyone log in.
CREATE TABLE server_session (
    token_hash BYTEA       PRIMARY KEY,
    user_id    BIGINT      NOT NULL REFERENCES server_user (id) ON DELETE CASCADE,
    csrf_token TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX server_session_user ON server_session (user_id);

-- Bearer tokens for machine clients (e.g. the enforcement system). Stored hashed, like sessions.
CREATE TABLE server_api_token (
    id         BIGSERIAL   PRIMARY KEY,
    user_id    BIGINT      NOT NULL REFERENCES server_user (id) ON DELETE CASCADE,
    name       TEXT        NOT NULL,
    token_hash BYTEA       NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);
