-- The local mirror of a remote system of record's customer list (Partner Center searches by prefix only), shared
-- by every instance: what the search index needs, nothing more. As the embedded store's migration 0005.
CREATE TABLE customer_mirror (
    id           text NOT NULL,
    company_name text NOT NULL,
    domain       text NOT NULL
);

-- Ids are compared without case, as in the embedded store (COLLATE NOCASE there).
CREATE UNIQUE INDEX customer_mirror_id ON customer_mirror (lower(id));

-- One row: when the last full listing was taken.
CREATE TABLE customer_mirror_sync (
    singleton integer     NOT NULL PRIMARY KEY CHECK (singleton = 1),
    synced_at timestamptz NOT NULL
);
