-- Bot state documents that could not be read (damaged, an older format, an unknown record) are moved here
-- instead of being thrown away, so they can be diagnosed; the conversation starts again without them.
CREATE TABLE bot_state_quarantine (
    reference      text        NOT NULL PRIMARY KEY,
    key            text        NOT NULL,
    etag           text        NOT NULL,
    document       text        NOT NULL,
    problem        text        NOT NULL,
    updated_at     timestamptz NOT NULL,
    quarantined_at timestamptz NOT NULL
);

-- The expiry sweep deletes by age.
CREATE INDEX bot_state_updated_at ON bot_state (updated_at);
