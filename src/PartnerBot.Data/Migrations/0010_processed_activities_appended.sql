-- The activity ledger as a rowid table again, its key in a unique index of its own (issue 13). Migration 0009 made it
-- one b-tree keyed by (conversation_key, activity_id), but that b-tree is an index b-tree, which keeps at most ~1 KB of
-- a row in its leaf at 4 KB pages: a press's answer (1.7-2.7 KB) spilled into an overflow page of its own, so an entry
-- took ~1.2 pages (45,000 pages for 56,000 entries in a benchmark run), and a take landed at a random place in its
-- conversation's range (activity ids are random), a leaf no connection's cache still held: 13.5 page reads per turn
-- from the file. A rowid table keeps a row up to ~4 KB in its leaf, and appends: a take and its completion, moments
-- apart, write the same rightmost leaf, which stays cached. The key's index holds ~70 bytes an entry, so it stays small
-- enough to stay cached too. Still no index on expires_at: only the purge asks by it, rarely.
CREATE TABLE processed_activities_appended (
    conversation_key TEXT NOT NULL,
    activity_id      TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('InFlight', 'Done')),
    taken_at         TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    answer           TEXT,
    PRIMARY KEY (conversation_key, activity_id)
);

INSERT INTO processed_activities_appended (conversation_key, activity_id, status, taken_at, expires_at, answer)
SELECT conversation_key, activity_id, status, taken_at, expires_at, answer
FROM processed_activities
WHERE expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
ORDER BY taken_at;

DROP TABLE processed_activities;

ALTER TABLE processed_activities_appended RENAME TO processed_activities;
