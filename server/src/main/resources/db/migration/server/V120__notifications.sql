-- Notifications (docs/server.md, "Notifications"): what each person wants to hear about, the webhooks an
-- administrator registered, and the outbox the background sender delivers from.

-- A person's e-mail address for notifications. Kept apart from server_user: it is theirs to set, and
-- only this feature reads it.
CREATE TABLE notify_address (
    user_id BIGINT PRIMARY KEY REFERENCES server_user (id) ON DELETE CASCADE,
    email   TEXT   NOT NULL CHECK (length(email) BETWEEN 3 AND 254)
);

-- A person's choice per kind of notification. No row: the kind's default (on).
CREATE TABLE notify_preference (
    user_id BIGINT  NOT NULL REFERENCES server_user (id) ON DELETE CASCADE,
    kind    TEXT    NOT NULL,
    email   BOOLEAN NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- An administrator's webhook. The secret is kept as it is (the sender must sign with it); it is shown once.
CREATE TABLE notify_webhook (
    id         BIGSERIAL   PRIMARY KEY,
    url        TEXT        NOT NULL CHECK (length(url) <= 2000),
    secret     TEXT        NOT NULL,
    kinds      TEXT[]      NOT NULL,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    removed_at TIMESTAMPTZ
);

-- How far the records of the log have been turned into notifications: the index of the next record to read.
-- Moved in the same transaction as the deliveries it derives, so that a record is derived once.
CREATE TABLE notify_cursor (
    id   SMALLINT PRIMARY KEY CHECK (id = 1),
    next BIGINT   NOT NULL CHECK (next >= 0)
);

-- Something that happened, once: the key (e.g. "case.review-due:case/12:2026-12-01T00:00:00Z") makes a
-- deadline, or a record derived twice, one event.
CREATE TABLE notify_event (
    id         BIGSERIAL   PRIMARY KEY,
    key        TEXT        NOT NULL UNIQUE,
    kind       TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    text       TEXT        NOT NULL,
    link       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- One message to one person (e-mail) or one webhook: the outbox. A row is claimed by moving next_attempt_at
-- past a lease; a sender that dies mid-send leaves it to be claimed again once the lease ends.
CREATE TABLE notify_delivery (
    id              BIGSERIAL   PRIMARY KEY,
    event_id        BIGINT      NOT NULL REFERENCES notify_event (id),
    channel         TEXT        NOT NULL CHECK (channel IN ('email', 'webhook')),
    user_id         BIGINT      REFERENCES server_user (id) ON DELETE CASCADE,
    webhook_id      BIGINT      REFERENCES notify_webhook (id),
    -- "user/<id>" or "webhook/<id>": one delivery per event and recipient, however often it is derived.
    target          TEXT        NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ,
    failed_at       TIMESTAMPTZ,
    last_error      TEXT,
    CHECK ((channel = 'email') = (user_id IS NOT NULL)),
    CHECK ((channel = 'webhook') = (webhook_id IS NOT NULL)),
    UNIQUE (event_id, target)
);
CREATE INDEX notify_delivery_due ON notify_delivery (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
