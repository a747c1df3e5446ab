-- Changes sent to a remote system of record, recorded before the call and moved to audit_log once its
-- outcome is known (IAuditOutbox). A row left here after a crash is replayed on start. The embedded
-- store needs no outbox: it records the audit row in the same transaction as the change.
CREATE TABLE audit_outbox (
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
