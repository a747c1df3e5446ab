-- The activity ledger as one b-tree keyed by (conversation_key, activity_id) (issue 13). It was a rowid table with
-- two indexes (its primary key and expires_at), so a turn's take wrote three pages and its completion, which moves
-- expires_at, wrote the table's page and two of the expires_at index's: about 7 of a turn's 11.5 WAL pages at one
-- conversation. Now a take and a completion each write the one leaf the conversation's entries share (and, for a
-- press's answer, its overflow page). Every lookup is by the key; only the purge asks by expires_at, and it now
-- reads the table through, which is what it does rarely and a turn does never.
-- Expired entries read as absent everywhere (a take takes them over, a find skips them), so only live ones move.
CREATE TABLE processed_activities_keyed (
    conversation_key TEXT NOT NULL,
    activity_id      TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('InFlight', 'Done')),
    taken_at         TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    answer           TEXT,
    PRIMARY KEY (conversation_key, activity_id)
) WITHOUT ROWID;

INSERT INTO processed_activities_keyed (conversation_key, activity_id, status, taken_at, expires_at, answer)
SELECT conversation_key, activity_id, status, taken_at, expires_at, answer
FROM processed_activities
WHERE expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now');

DROP TABLE processed_activities;

ALTER TABLE processed_activities_keyed RENAME TO processed_activities;
