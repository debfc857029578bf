-- Problems users report with an answer, and what the curators did about them.
CREATE TABLE reports (
    id             INTEGER PRIMARY KEY,
    reporter       TEXT    NOT NULL,              -- 'user:<id>' on Discord, 'console:<name>' locally
    reporter_name  TEXT    NOT NULL,              -- as shown when reported (never a mention)
    guild_id       INTEGER,                       -- where the answer was (none in the console)
    channel_id     INTEGER,
    message_id     INTEGER,
    asked          TEXT    NOT NULL,              -- the command as typed, e.g. '/actor name:Bazoum'
    store_version  TEXT    NOT NULL,              -- the store that answered
    what           TEXT    NOT NULL,              -- what is wrong, in the reporter's words
    detail         TEXT    NOT NULL DEFAULT '',
    footnotes      TEXT    NOT NULL,              -- JSON: the footnotes shown, [{number, link, label, quote}]
    shown          TEXT    NOT NULL,              -- the answer's text as the reporter saw it
    status         TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at     TEXT    NOT NULL,              -- ISO 8601, UTC
    closed_at      TEXT,
    closed_by      TEXT,
    resolution     TEXT                           -- what the curator did, when closing
);
CREATE INDEX reports_status ON reports (status, id);
CREATE INDEX reports_reporter ON reports (reporter, created_at);
