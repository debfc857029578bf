-- Digest subscriptions and the posts made for them.
CREATE TABLE subscriptions (
    id             INTEGER PRIMARY KEY,
    guild_id       INTEGER NOT NULL,
    channel_id     INTEGER NOT NULL UNIQUE,
    local_time     TEXT    NOT NULL,              -- 'HH:MM' in the subscription's timezone
    timezone       TEXT    NOT NULL,              -- IANA name, e.g. 'Europe/Paris'
    created_by     INTEGER NOT NULL,
    created_at     TEXT    NOT NULL,              -- ISO 8601, UTC
    status         TEXT    NOT NULL DEFAULT 'active'
                   CHECK (status IN ('active', 'failing', 'paused')),
    failure_reason TEXT,
    failures       INTEGER NOT NULL DEFAULT 0     -- consecutive failed days
);
CREATE INDEX subscriptions_guild ON subscriptions (guild_id);

-- One row per subscription and local date: the uniqueness that makes posting idempotent.
CREATE TABLE digest_posts (
    id              INTEGER PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    local_date      TEXT    NOT NULL,             -- 'YYYY-MM-DD' in the subscription's timezone
    status          TEXT    NOT NULL
                    CHECK (status IN ('posting', 'posted', 'failed', 'skipped')),
    late            INTEGER NOT NULL DEFAULT 0,
    message_id      INTEGER,
    reason          TEXT,
    store_version   TEXT,
    at              TEXT    NOT NULL,             -- when claimed or finished, ISO 8601 UTC
    UNIQUE (subscription_id, local_date)
);
