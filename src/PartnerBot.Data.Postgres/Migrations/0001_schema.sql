-- PartnerBot on PostgreSQL, version 1: the same tables as the embedded SQLite schema.
-- Ids are tenant ids (GUID strings) compared without case, as Partner Center treats them: each id column
-- has a unique index on lower(id) and every lookup compares lower() on both sides.

CREATE TABLE customers (
    id                  text        NOT NULL PRIMARY KEY,
    domain              text        NOT NULL,
    company_name        text        NOT NULL,
    registration_number text,
    has_azure_plan      boolean     NOT NULL DEFAULT false,
    -- 'demo', 'synthetic' or 'manual': lets the seeders stay idempotent and benchmarks clean up.
    source              text        NOT NULL DEFAULT 'manual',
    created_at          timestamptz NOT NULL
);

CREATE UNIQUE INDEX ux_customers_id ON customers (lower(id));
CREATE UNIQUE INDEX ux_customers_domain ON customers (lower(domain));
CREATE INDEX ix_customers_source ON customers (source);

CREATE TABLE billing_profiles (
    customer_id   text        NOT NULL PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    company_name  text        NOT NULL,
    first_name    text        NOT NULL,
    last_name     text        NOT NULL,
    email         text        NOT NULL,
    culture       text        NOT NULL,
    language      text        NOT NULL,
    address_line1 text        NOT NULL,
    address_line2 text,
    address_line3 text,
    city          text,
    state         text,
    postal_code   text,
    country       text        NOT NULL,
    phone_number  text,
    etag          text        NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- Other instances refresh their in-memory search index from the rows changed since they last looked.
CREATE INDEX ix_billing_profiles_updated_at ON billing_profiles (updated_at);

CREATE TABLE purchase_permissions (
    customer_id text        NOT NULL PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    is_allowed  boolean     NOT NULL DEFAULT false,
    policy_id   text,
    updated_at  timestamptz NOT NULL
);

-- Lists are JSON arrays of strings, read whole. Flags are 0/1 integers so the rules migration is the
-- embedded store's, byte for byte.
CREATE TABLE country_validation_rules (
    country_code             text    NOT NULL PRIMARY KEY,
    is_city_required         integer NOT NULL,
    is_state_required        integer NOT NULL,
    is_postal_code_required  integer NOT NULL,
    is_phone_number_required integer NOT NULL,
    postal_code_regex        text,
    phone_number_regex       text,
    supported_states         text    NOT NULL DEFAULT '[]',
    supported_cultures       text    NOT NULL,
    supported_languages      text    NOT NULL,
    default_culture          text    NOT NULL
);

CREATE TABLE staff (
    aad_object_id text NOT NULL PRIMARY KEY,
    display_name  text NOT NULL,
    email         text
);

CREATE UNIQUE INDEX ux_staff_id ON staff (lower(aad_object_id));

CREATE TABLE staff_roles (
    aad_object_id text        NOT NULL REFERENCES staff (aad_object_id) ON DELETE CASCADE,
    role          text        NOT NULL,
    granted_at    timestamptz NOT NULL,
    PRIMARY KEY (aad_object_id, role)
);

-- No foreign key to customers: a refusal for an id that no longer exists must still be recorded.
CREATE TABLE audit_log (
    seq                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                   uuid        NOT NULL UNIQUE,
    at                   timestamptz NOT NULL,
    customer_id          text        NOT NULL,
    customer_name        text        NOT NULL,
    actor_aad_object_id  text        NOT NULL,
    actor_name           text        NOT NULL,
    action               text        NOT NULL,
    outcome              text        NOT NULL,
    changes              text        NOT NULL DEFAULT '[]',
    activity_id          text,
    operation_id         text,
    reason               text
);

CREATE INDEX ix_audit_log_customer_at ON audit_log (lower(customer_id), at DESC, seq DESC);

-- Operation ids already applied (Partner Center's MS-RequestId): a replay changes nothing twice.
CREATE TABLE applied_operations (
    operation_id text        NOT NULL PRIMARY KEY,
    kind         text        NOT NULL,
    customer_id  text        NOT NULL,
    applied_at   timestamptz NOT NULL
);

-- The Bot Framework's IStorage: one JSON document per key, with its etag for optimistic concurrency.
-- The document is text, exactly as the state serializer wrote it.
CREATE TABLE bot_state (
    key        text        NOT NULL PRIMARY KEY,
    etag       text        NOT NULL,
    document   text        NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Activities taken by some instance, so a Teams retry of the same activity is answered once.
CREATE TABLE processed_activities (
    conversation_key text        NOT NULL,
    activity_id      text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('InFlight', 'Done')),
    taken_at         timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (conversation_key, activity_id)
);

CREATE INDEX ix_processed_activities_expires_at ON processed_activities (expires_at);

-- One row per data seed run, so a seed that ran once never runs again (even after its rows were edited).
CREATE TABLE data_seeds (
    name       text        NOT NULL PRIMARY KEY,
    applied_at timestamptz NOT NULL
);
