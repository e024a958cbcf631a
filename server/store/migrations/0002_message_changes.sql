-- Changes to what the server has (docs/protocol.md, "Client → server: changes to what the
-- server has"): edits, deletions, polls and their votes, read positions, and the idempotency
-- keys that make each change happen once. Every row keeps its school, and the foreign keys
-- carry it, as in 0001.

-- Lets rows below name a message together with its school.
CREATE UNIQUE INDEX messages_by_school ON messages (school_id, id);

-- A moderator's or the sender's deletion: who and when, for the audit log (001 §3.4.7 makes
-- the class teacher answerable for removing content). The message keeps its row and place;
-- its text is cleared in the same transaction, since deletion is final.
CREATE TABLE message_deletions (
    school_id INTEGER NOT NULL,
    message_id INTEGER PRIMARY KEY,
    deleted_by INTEGER NOT NULL,
    deleted_at INTEGER NOT NULL,
    FOREIGN KEY (school_id, message_id) REFERENCES messages (school_id, id),
    FOREIGN KEY (school_id, deleted_by) REFERENCES users (school_id, id)
) STRICT;

-- A poll belongs to its message and never changes after it (docs/protocol.md, merge rules).
CREATE TABLE polls (
    school_id INTEGER NOT NULL,
    message_id INTEGER PRIMARY KEY,
    question TEXT NOT NULL,
    multiple_choice INTEGER NOT NULL CHECK (multiple_choice IN (0, 1)),
    FOREIGN KEY (school_id, message_id) REFERENCES messages (school_id, id),
    UNIQUE (school_id, message_id)
) STRICT;

-- Option ids count from 1 within their poll: votes name them, and they say nothing of others.
CREATE TABLE poll_options (
    school_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    option_id INTEGER NOT NULL CHECK (option_id BETWEEN 1 AND 10),
    text TEXT NOT NULL,
    PRIMARY KEY (message_id, option_id),
    FOREIGN KEY (school_id, message_id) REFERENCES polls (school_id, message_id)
) STRICT, WITHOUT ROWID;

-- Each person's current choice: one row per option chosen; none, no vote.
CREATE TABLE poll_votes (
    school_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    option_id INTEGER NOT NULL,
    PRIMARY KEY (message_id, user_id, option_id),
    FOREIGN KEY (message_id, option_id) REFERENCES poll_options (message_id, option_id),
    FOREIGN KEY (school_id, message_id) REFERENCES polls (school_id, message_id),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id)
) STRICT, WITHOUT ROWID;

-- How far each person has read each chat; it only moves forward.
CREATE TABLE read_positions (
    school_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    last_read_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, chat_id),
    FOREIGN KEY (school_id, chat_id) REFERENCES chats (school_id, id),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id),
    FOREIGN KEY (school_id, last_read_id) REFERENCES messages (school_id, id)
) STRICT, WITHOUT ROWID;

-- Every change a client's outbox sent, by its idempotency key (user, clientId), with what its
-- answer needs, kept for the life of the message as messages' keys are: a repeat finds its row,
-- changes nothing, and answers what the first did.
CREATE TABLE change_requests (
    school_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    client_id TEXT NOT NULL CHECK (length(client_id) = 36),
    kind TEXT NOT NULL CHECK (kind IN ('edit', 'delete', 'vote', 'read')),
    chat_id INTEGER NOT NULL,
    -- edit, delete, vote: the message changed; read: the read position answered
    message_id INTEGER NOT NULL,
    -- edit: the text it set (cleared when the message is deleted) and its editedAt
    text TEXT,
    edited_at INTEGER,
    -- vote: the options chosen, a JSON array of ids
    option_ids TEXT CHECK (option_ids IS NULL OR json_valid(option_ids)),
    PRIMARY KEY (user_id, client_id),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id),
    FOREIGN KEY (school_id, chat_id) REFERENCES chats (school_id, id),
    FOREIGN KEY (school_id, message_id) REFERENCES messages (school_id, id),
    CHECK ((kind = 'edit') = (text IS NOT NULL AND edited_at IS NOT NULL)),
    CHECK ((kind = 'vote') = (option_ids IS NOT NULL))
) STRICT, WITHOUT ROWID;
CREATE INDEX change_requests_by_message ON change_requests (message_id) WHERE kind = 'edit';

-- The log gains the changes' event types. SQLite cannot alter a CHECK, so the table is
-- rebuilt (sqlite.org/lang_altertable.html, "other kinds of table schema changes"): the same
-- ids, and the same AUTOINCREMENT high-water mark, so every cursor handed out stays valid.
CREATE TABLE events_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    type TEXT NOT NULL CHECK (type IN ('chat', 'membership', 'message', 'message_edited', 'message_deleted',
                                       'poll_votes', 'read_state')),
    chat_id INTEGER NOT NULL,
    -- membership: whose; poll_votes: the voter's; read_state: the reader's, the only one who sees it
    user_id INTEGER,
    -- message, message_edited, message_deleted, poll_votes: which
    message_id INTEGER,
    FOREIGN KEY (school_id, chat_id) REFERENCES chats (school_id, id),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id),
    FOREIGN KEY (school_id, message_id) REFERENCES messages (school_id, id),
    CHECK ((type IN ('membership', 'poll_votes', 'read_state')) = (user_id IS NOT NULL)),
    CHECK ((type IN ('message', 'message_edited', 'message_deleted', 'poll_votes')) = (message_id IS NOT NULL))
) STRICT;
INSERT INTO events_new (id, school_id, type, chat_id, user_id, message_id)
    SELECT id, school_id, type, chat_id, user_id, message_id FROM events ORDER BY id;
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'events') WHERE name = 'events_new';
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_by_school ON events (school_id, id);
