-- Search indexing in one pass per transaction instead of one per message.
-- FTS5 writes its pending in-memory index out as a new segment at every statement savepoint,
-- and the per-message upsert opens one, so triggers that indexed each message as it was
-- written produced one tiny segment per message and spent half of a sync page merging them.
-- The triggers now only note which messages' text changed; MessageStore::indexPendingSearchText()
-- brings messages_fts up to date before each write transaction commits.
DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_update;
DROP TRIGGER messages_fts_delete;

CREATE TABLE search_index_pending (
    message_id INTEGER PRIMARY KEY,
    -- Whether messages_fts holds a row for the message now, i.e. whether the pass must
    -- remove one before indexing the current text. Set by the first change in a transaction;
    -- later changes keep it, because messages_fts does not move until the pass.
    indexed INTEGER NOT NULL
) STRICT;

CREATE TRIGGER search_pending_after_insert AFTER INSERT ON messages WHEN new.text IS NOT NULL BEGIN
    INSERT INTO search_index_pending (message_id, indexed) VALUES (new.id, 0) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER search_pending_after_update AFTER UPDATE OF text ON messages
WHEN old.text IS NOT new.text BEGIN
    INSERT INTO search_index_pending (message_id, indexed) VALUES (old.id, old.text IS NOT NULL)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER search_pending_after_delete AFTER DELETE ON messages WHEN old.text IS NOT NULL BEGIN
    INSERT INTO search_index_pending (message_id, indexed) VALUES (old.id, 1) ON CONFLICT DO NOTHING;
END;
