-- The outbox also carries changes to what the server already has (issue 13): edits and
-- deletions of messages, poll votes and read positions, made offline like new messages and
-- delivered the same way: exactly once (each has its own clientId, the server's idempotency
-- key) and in order per chat (they share the chat's queue, ordered by seq).
-- kind 'message' is a new message (text, reply_to). The others name the message they change
-- in message_id; for 'read' it is the newest message read. 'edit' keeps its new text in text,
-- 'vote' its choice in option_ids (a JSON array; [] withdraws the vote); the rest keep ''.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'message'
    CHECK (kind IN ('message', 'edit', 'delete', 'vote', 'read'));
ALTER TABLE outbox ADD COLUMN message_id INTEGER;
ALTER TABLE outbox ADD COLUMN option_ids TEXT;
-- Every page read overlays the pending edits, deletions and votes (MessageStore::messages);
-- this keeps that lookup empty-handed at once when there are none, however many read
-- positions wait.
CREATE INDEX outbox_pending_changes ON outbox (seq) WHERE kind IN ('edit', 'delete', 'vote');
