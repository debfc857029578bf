-- What people and channels follow, and the alerts sent to them when the store changes.
CREATE TABLE follows (
    id             INTEGER PRIMARY KEY,
    follower       TEXT    NOT NULL,              -- 'user:<id>' (by DM) or 'channel:<id>'
    guild_id       INTEGER NOT NULL,              -- where the follow was made
    kind           TEXT    NOT NULL CHECK (kind IN ('actor', 'topic')),
    target         TEXT    NOT NULL,              -- the actor's or topic's id
    created_by     INTEGER NOT NULL,
    created_at     TEXT    NOT NULL,              -- ISO 8601, UTC
    UNIQUE (follower, kind, target)
);
CREATE INDEX follows_guild ON follows (guild_id);

-- Whether a follower can be reached: closed DMs and deleted channels are marked, skipped.
CREATE TABLE followers (
    follower       TEXT    PRIMARY KEY,
    status         TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'unreachable')),
    reason         TEXT,
    seen_version   INTEGER NOT NULL DEFAULT 0     -- store versions up to this one are covered
);

-- One alert per follower and store version, claimed before sending: never twice.
CREATE TABLE follow_alerts (
    follower       TEXT    NOT NULL,
    version_id     INTEGER NOT NULL REFERENCES store_versions (id),
    status         TEXT    NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    message_id     INTEGER,
    reason         TEXT,
    at             TEXT    NOT NULL,
    PRIMARY KEY (follower, version_id)
);
