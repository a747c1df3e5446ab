-- Activities taken by a turn, so a channel's re-delivery of the same activity is answered once.
CREATE TABLE processed_activities (
    conversation_key TEXT NOT NULL,
    activity_id      TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('InFlight', 'Done')),
    taken_at         TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    PRIMARY KEY (conversation_key, activity_id)
);

CREATE INDEX ix_processed_activities_expires_at ON processed_activities (expires_at);
