-- People who sign in through an OpenID Connect provider. A person is the pair (issuer, subject): the
-- provider's stable identifier for them, never an email address or a username, which the provider may
-- let people change or give to someone else later. One account has at most one external identity.
-- (V110, not the next free number: other branches take V104 onwards for their own tables.)
CREATE TABLE server_external_identity (
    issuer          TEXT        NOT NULL CHECK (length(issuer) BETWEEN 1 AND 2000),
    subject         TEXT        NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    user_id         BIGINT      NOT NULL UNIQUE REFERENCES server_user (id) ON DELETE CASCADE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_sign_in_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (issuer, subject)
);
