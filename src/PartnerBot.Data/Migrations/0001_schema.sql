-- PartnerBot embedded schema, version 1.
-- Ids are tenant ids (GUID strings) compared without case, as Partner Center treats them.
-- Times are UTC ISO-8601 text with a fixed width, so text order is time order.

CREATE TABLE customers (
    id                  TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
    domain              TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    company_name        TEXT    NOT NULL,
    registration_number TEXT,
    has_azure_plan      INTEGER NOT NULL DEFAULT 0 CHECK (has_azure_plan IN (0, 1)),
    -- 'demo', 'synthetic' or 'manual': lets the seeders stay idempotent and benchmarks clean up.
    source              TEXT    NOT NULL DEFAULT 'manual',
    created_at          TEXT    NOT NULL
);

CREATE INDEX ix_customers_source ON customers (source);

CREATE TABLE billing_profiles (
    customer_id   TEXT NOT NULL PRIMARY KEY COLLATE NOCASE REFERENCES customers (id) ON DELETE CASCADE,
    company_name  TEXT NOT NULL,
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    email         TEXT NOT NULL,
    culture       TEXT NOT NULL,
    language      TEXT NOT NULL,
    address_line1 TEXT NOT NULL,
    address_line2 TEXT,
    address_line3 TEXT,
    city          TEXT,
    state         TEXT,
    postal_code   TEXT,
    country       TEXT NOT NULL,
    phone_number  TEXT,
    etag          TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE purchase_permissions (
    customer_id TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE REFERENCES customers (id) ON DELETE CASCADE,
    is_allowed  INTEGER NOT NULL DEFAULT 0 CHECK (is_allowed IN (0, 1)),
    policy_id   TEXT,
    updated_at  TEXT    NOT NULL
);

-- Lists are JSON arrays of strings: they are read whole and never queried inside.
CREATE TABLE country_validation_rules (
    country_code             TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
    is_city_required         INTEGER NOT NULL,
    is_state_required        INTEGER NOT NULL,
    is_postal_code_required  INTEGER NOT NULL,
    is_phone_number_required INTEGER NOT NULL,
    postal_code_regex        TEXT,
    phone_number_regex       TEXT,
    supported_states         TEXT    NOT NULL DEFAULT '[]',
    supported_cultures       TEXT    NOT NULL,
    supported_languages      TEXT    NOT NULL,
    default_culture          TEXT    NOT NULL
);

CREATE TABLE staff (
    aad_object_id TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    display_name  TEXT NOT NULL,
    email         TEXT
);

CREATE TABLE staff_roles (
    aad_object_id TEXT NOT NULL COLLATE NOCASE REFERENCES staff (aad_object_id) ON DELETE CASCADE,
    role          TEXT NOT NULL,
    granted_at    TEXT NOT NULL,
    PRIMARY KEY (aad_object_id, role)
);

-- No foreign key to customers: a refusal for an id that no longer exists must still be recorded.
CREATE TABLE audit_log (
    seq                  INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    id                   TEXT    NOT NULL UNIQUE,
    at                   TEXT    NOT NULL,
    customer_id          TEXT    NOT NULL COLLATE NOCASE,
    customer_name        TEXT    NOT NULL,
    actor_aad_object_id  TEXT    NOT NULL,
    actor_name           TEXT    NOT NULL,
    action               TEXT    NOT NULL,
    outcome              TEXT    NOT NULL,
    changes              TEXT    NOT NULL DEFAULT '[]',
    activity_id          TEXT,
    operation_id         TEXT,
    reason               TEXT
);

CREATE INDEX ix_audit_log_customer_at ON audit_log (customer_id, at DESC, seq DESC);

-- Operation ids already applied (Partner Center's MS-RequestId): a replay changes nothing twice.
CREATE TABLE applied_operations (
    operation_id TEXT NOT NULL PRIMARY KEY,
    kind         TEXT NOT NULL,
    customer_id  TEXT NOT NULL COLLATE NOCASE,
    applied_at   TEXT NOT NULL
);

-- The Bot Framework's IStorage: one JSON document per key, with its etag for optimistic concurrency.
CREATE TABLE bot_state (
    key        TEXT NOT NULL PRIMARY KEY,
    etag       TEXT NOT NULL,
    document   TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One row per data seed run, so a seed that ran once never runs again (even after its rows were edited).
CREATE TABLE data_seeds (
    name       TEXT NOT NULL PRIMARY KEY,
    applied_at TEXT NOT NULL
);
