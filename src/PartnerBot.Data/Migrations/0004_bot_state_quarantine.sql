-- Bot state documents that could not be read (damaged, an older format, an unknown record) are moved here
-- instead of being thrown away, so they can be diagnosed; the conversation starts again without them.
CREATE TABLE bot_state_quarantine (
    reference      TEXT NOT NULL PRIMARY KEY,
    key            TEXT NOT NULL,
    etag           TEXT NOT NULL,
    document       TEXT NOT NULL,
    problem        TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    quarantined_at TEXT NOT NULL
);

-- The expiry sweep deletes by age.
CREATE INDEX bot_state_updated_at ON bot_state (updated_at);
