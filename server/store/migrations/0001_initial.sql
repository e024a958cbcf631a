-- The reference server's schema (issue 13). Every row belongs to a school, and the foreign keys
-- carry the school: a membership, a message or an event can only join a chat and a user of its
-- own school, so no query can cross schools by a wrong join (002 §2: «выделенное
-- информационное пространство»).

CREATE TABLE schools (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 256)
) STRICT;

-- A login is unique on the server, so signing in names no school. Only a name and a password:
-- no phone, e-mail or outside profile (001 §2.3).
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 64),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 256),
    password_hash TEXT NOT NULL,  -- crypto_pwhash_str: Argon2id with its own salt and cost
    verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    student_of TEXT CHECK (student_of IS NULL OR length(student_of) BETWEEN 1 AND 64),
    created_at INTEGER NOT NULL,
    UNIQUE (school_id, id)
) STRICT;

-- The policy's school roles (core/policy/school_role.h); a person may hold several.
CREATE TABLE user_roles (
    school_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'director', 'teacher', 'student', 'parent')),
    PRIMARY KEY (user_id, role),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id)
) STRICT;

-- The Subject's assignments: the classes a teacher curates or teaches in.
CREATE TABLE class_assignments (
    school_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    class_id TEXT NOT NULL CHECK (length(class_id) BETWEEN 1 AND 64),
    assignment TEXT NOT NULL CHECK (assignment IN ('class_teacher', 'teaches')),
    PRIMARY KEY (user_id, assignment, class_id),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id)
) STRICT;

CREATE TABLE parent_children (
    school_id INTEGER NOT NULL,
    parent_id INTEGER NOT NULL,
    child_id INTEGER NOT NULL,
    PRIMARY KEY (parent_id, child_id),
    FOREIGN KEY (school_id, parent_id) REFERENCES users (school_id, id),
    FOREIGN KEY (school_id, child_id) REFERENCES users (school_id, id)
) STRICT;

-- Only the SHA-256 of a session token is kept: a copy of the database signs nobody in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),  -- lower-case hex
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE chats (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    kind TEXT NOT NULL CHECK (kind IN ('school_channel', 'staff_channel', 'teachers_room', 'class_chat',
                                       'parents_chat', 'class_teachers_chat', 'subject_chat',
                                       'management_chat', 'direct')),
    class_id TEXT CHECK (class_id IS NULL OR length(class_id) BETWEEN 1 AND 64),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 256),
    created_at INTEGER NOT NULL,
    UNIQUE (school_id, id),
    -- docs/protocol.md: the four kinds that belong to a class carry it.
    CHECK (class_id IS NOT NULL OR kind NOT IN ('class_chat', 'parents_chat', 'class_teachers_chat', 'subject_chat'))
) STRICT;

CREATE TABLE memberships (
    school_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'moderator', 'member', 'readonly')),
    PRIMARY KEY (chat_id, user_id),
    FOREIGN KEY (school_id, chat_id) REFERENCES chats (school_id, id),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id)
) STRICT;
-- Sync filters the log by the reader's chats, and wakes a chat's members.
CREATE INDEX memberships_by_user ON memberships (user_id, chat_id);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    sender_id INTEGER NOT NULL,
    -- The sender's idempotency key (docs/protocol.md "Exactly once"), kept for the life of the
    -- message because a client never stops retrying a queued item.
    client_id TEXT,
    text TEXT NOT NULL,
    reply_to INTEGER REFERENCES messages (id),
    server_time INTEGER NOT NULL,
    edited_at INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    FOREIGN KEY (school_id, chat_id) REFERENCES chats (school_id, id),
    FOREIGN KEY (school_id, sender_id) REFERENCES users (school_id, id)
) STRICT;
CREATE UNIQUE INDEX messages_by_client_id ON messages (sender_id, client_id) WHERE client_id IS NOT NULL;

-- The per-school log sync reads. Its ids are the cursor; a row names what changed, and a page
-- renders that thing's current state, which is why a replay of the log from the start is also
-- the full snapshot a first sync or a reset needs.
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, so a cursor never names two events
    school_id INTEGER NOT NULL REFERENCES schools (id),
    type TEXT NOT NULL CHECK (type IN ('chat', 'membership', 'message')),
    chat_id INTEGER NOT NULL,
    user_id INTEGER,     -- membership: whose
    message_id INTEGER REFERENCES messages (id),  -- message: which
    FOREIGN KEY (school_id, chat_id) REFERENCES chats (school_id, id),
    CHECK ((type = 'membership') = (user_id IS NOT NULL)),
    CHECK ((type = 'message') = (message_id IS NOT NULL))
) STRICT;
CREATE INDEX events_by_school ON events (school_id, id);
