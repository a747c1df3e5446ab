-- Changes sent to a remote system of record, recorded before the call and moved to audit_log once its
-- outcome is known (IAuditOutbox), as in the embedded store. A row left here after a crash is replayed on start.
CREATE TABLE audit_outbox (
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
