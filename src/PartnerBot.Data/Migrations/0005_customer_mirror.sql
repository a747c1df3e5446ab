-- The local mirror of a remote system of record's customer list (Partner Center searches by prefix only):
-- what the search index needs, nothing more.
CREATE TABLE customer_mirror (
    id           TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    company_name TEXT NOT NULL,
    domain       TEXT NOT NULL
);

-- One row: when the last full listing was taken.
CREATE TABLE customer_mirror_sync (
    singleton INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
    synced_at TEXT    NOT NULL
);
