-- Store versions, reload audit and record history (what is new for a digest).
ALTER TABLE subscriptions ADD COLUMN skip_when_quiet INTEGER NOT NULL DEFAULT 0;

CREATE TABLE store_versions (
    id         INTEGER PRIMARY KEY,
    version    TEXT    NOT NULL,                  -- content hash of the store's files
    loaded_at  TEXT    NOT NULL,
    loaded_by  TEXT    NOT NULL,                  -- 'startup', 'SIGHUP' or a Discord user
    sources    INTEGER NOT NULL,
    actors     INTEGER NOT NULL,
    facts      INTEGER NOT NULL,
    topics     INTEGER NOT NULL,
    diff       TEXT    NOT NULL                   -- JSON of StoreDiff against the previous one
);

CREATE TABLE record_history (
    kind         TEXT NOT NULL CHECK (kind IN ('facts', 'actors', 'sources', 'topics')),
    record_id    TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    first_seen   TEXT NOT NULL,
    last_changed TEXT NOT NULL,
    removed_at   TEXT,
    PRIMARY KEY (kind, record_id)
);
CREATE INDEX record_history_changed ON record_history (last_changed);
