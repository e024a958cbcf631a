-- Edits and deletions that arrive before the message they change (a page cut between them, a
-- moderator's deletion racing the copy). docs/protocol.md promises that the merge is a function
-- of the set of events, not of their order, so such a change is kept here until its message is
-- stored, and the message's insert then applies it (MessageStore::mergeEarlyChanges). One row
-- per (message, chat): the chat is checked when the message arrives, as it is for a change to a
-- stored message. A deletion keeps no text: nothing of a deleted message is stored anywhere.
CREATE TABLE early_message_changes (
    message_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    edited_at INTEGER,  -- NULL: no edit, or a deletion
    text TEXT,
    PRIMARY KEY (message_id, chat_id),
    CHECK (NOT deleted OR (text IS NULL AND edited_at IS NULL))
) STRICT, WITHOUT ROWID;
