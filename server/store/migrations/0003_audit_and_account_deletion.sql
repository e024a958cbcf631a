-- The audit log and account deletion (issue 13).

-- Every moderation and administration action, for the school's admins (policy view_audit_log,
-- docs/permissions.md). A row is written in the transaction of the action itself, so the log
-- holds exactly what happened, no more and no less.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    at INTEGER NOT NULL,
    actor_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 64),  -- the policy action's name
    user_id INTEGER,     -- the person acted on
    chat_id INTEGER,     -- the chat acted in
    message_id INTEGER,  -- the message acted on
    FOREIGN KEY (school_id, actor_id) REFERENCES users (school_id, id),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id),
    FOREIGN KEY (school_id, chat_id) REFERENCES chats (school_id, id),
    FOREIGN KEY (school_id, message_id) REFERENCES messages (school_id, id)
) STRICT;
CREATE INDEX audit_log_by_school ON audit_log (school_id, id);

-- A deleted account (001 §4.1.2) keeps its row, so that its messages keep a sender, under the
-- name «Удалённый пользователь»; the login is replaced and nobody signs in as it again.
ALTER TABLE users ADD COLUMN deleted_at INTEGER;

-- The log gains membership removals and profile changes. As in 0002 the table is rebuilt,
-- keeping every id and the AUTOINCREMENT high-water mark, so every cursor handed out stays valid.
CREATE TABLE events_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    type TEXT NOT NULL CHECK (type IN ('chat', 'membership', 'membership_removed', 'user', 'message',
                                       'message_edited', 'message_deleted', 'poll_votes', 'read_state')),
    -- user: a chat the person is (or was) in, so that exactly its readers learn the new profile
    chat_id INTEGER NOT NULL,
    -- membership, membership_removed, user: whose; poll_votes: the voter's; read_state: the
    -- reader's, the only one who sees it
    user_id INTEGER,
    -- message, message_edited, message_deleted, poll_votes: which
    message_id INTEGER,
    FOREIGN KEY (school_id, chat_id) REFERENCES chats (school_id, id),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id),
    FOREIGN KEY (school_id, message_id) REFERENCES messages (school_id, id),
    CHECK ((type IN ('membership', 'membership_removed', 'user', 'poll_votes', 'read_state')) = (user_id IS NOT NULL)),
    CHECK ((type IN ('message', 'message_edited', 'message_deleted', 'poll_votes')) = (message_id IS NOT NULL))
) STRICT;
INSERT INTO events_new (id, school_id, type, chat_id, user_id, message_id)
    SELECT id, school_id, type, chat_id, user_id, message_id FROM events ORDER BY id;
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'events') WHERE name = 'events_new';
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_by_school ON events (school_id, id);
