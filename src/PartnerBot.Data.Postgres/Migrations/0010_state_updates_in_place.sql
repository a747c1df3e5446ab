-- Every turn rewrites its conversation's state row and updates its ledger entry. An update that changes no indexed
-- column and finds room on the row's page is a HOT update: no new index entries, less write-ahead log, less to
-- vacuum. The indexes on bot_state.updated_at and processed_activities.expires_at made every such update change an
-- indexed column; they served only the sweeps (BotStateSweep: once an hour by default, over rows kept an hour for the
-- ledger and BotState:ExpireAfter for states), which now scan the tables instead. Pages are left half empty for the
-- new versions. At 32 conversations, 100,000 customers: write-ahead log records per turn 17.7 -> 12.0, bytes
-- 3,763 -> 3,239 (issue 13, docs/benchmarks.md).
DROP INDEX bot_state_updated_at;
DROP INDEX ix_processed_activities_expires_at;
ALTER TABLE bot_state SET (fillfactor = 50);
ALTER TABLE processed_activities SET (fillfactor = 50);
