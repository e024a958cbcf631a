-- Everything a member sees in a chat, readable with no network (issue 4). Ids are the
-- server's int64 ids; the local store never invents one, so sync can always upsert by id.

-- The signed-in subject the permission policy decides for: at most one row.
CREATE TABLE me (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    user_id INTEGER NOT NULL,
    roles TEXT NOT NULL  -- JSON array of role names, as the server sent them
) STRICT;

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL
) STRICT;

CREATE TABLE chats (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- Denormalised so the chat list is one ordered index walk, not an aggregate per chat.
    last_message_id INTEGER NOT NULL DEFAULT 0,
    last_activity INTEGER NOT NULL
) STRICT;
CREATE INDEX chats_by_activity ON chats (last_activity DESC, id DESC);

CREATE TABLE memberships (
    chat_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (chat_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,  -- server id, so id order is server order
    chat_id INTEGER NOT NULL,
    sender_id INTEGER NOT NULL,
    server_time INTEGER NOT NULL,
    text TEXT,  -- NULL once deleted, or once the retention cap evicted the body
    reply_to INTEGER,
    edited_at INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0,
    client_id TEXT,  -- the idempotency key of our own messages
    pinned INTEGER NOT NULL DEFAULT 0
) STRICT;
-- Covers the page query and the unread count without touching the table rows.
CREATE INDEX messages_by_chat ON messages (chat_id, id, sender_id, deleted);
-- The bodies the retention cap may evict, oldest first: counting them walks this small index
-- instead of the whole table.
CREATE INDEX messages_evictable ON messages (id) WHERE text IS NOT NULL AND pinned = 0;

-- The newest message this device's user has read in each chat.
CREATE TABLE read_state (
    chat_id INTEGER PRIMARY KEY,
    last_read_id INTEGER NOT NULL
) STRICT;

-- The opaque position in the server's event stream; written in the same transaction as the
-- page it follows, so it never runs ahead of the data.
CREATE TABLE sync_state (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    cursor TEXT NOT NULL
) STRICT;

-- Messages written here and not yet confirmed by sync. seq keeps the order they were written.
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id TEXT NOT NULL UNIQUE,
    chat_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    reply_to INTEGER,
    created_at INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'in_flight', 'accepted', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    failure_code TEXT,
    http_status INTEGER
) STRICT;
CREATE INDEX outbox_by_chat ON outbox (chat_id, seq);

CREATE TABLE drafts (
    chat_id INTEGER PRIMARY KEY,
    text TEXT NOT NULL
) STRICT;
