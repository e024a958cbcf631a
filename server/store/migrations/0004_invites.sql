-- Invite links and join requests (docs/invite-links.md; docs/protocol.md, "Invites and
-- joining"). Every row keeps its school, and the foreign keys carry it, as in 0001: an invite
-- admits only to a chat of its own school, and a request only joins a person of that school.

-- Only the SHA-256 of a code is kept (lower-case hex), as for session tokens: a copy of the
-- database admits nobody. Revoking keeps the row, for the list and the audit.
CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    code_hash TEXT NOT NULL UNIQUE CHECK (length(code_hash) = 64),
    -- The destination: a chat, else a class (class_id), else the school. A chat's class is
    -- copied here so that a class's links are found by class whatever they admit to.
    chat_id INTEGER,
    class_id TEXT CHECK (class_id IS NULL OR length(class_id) BETWEEN 1 AND 64),
    granted_role TEXT NOT NULL CHECK (granted_role IN ('teacher', 'student', 'parent')),
    label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 256),
    created_by INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL CHECK (expires_at > created_at),
    usage_limit INTEGER NOT NULL CHECK (usage_limit BETWEEN 1 AND 1000),
    -- Accepted uses, a join request filed counting as one.
    uses INTEGER NOT NULL DEFAULT 0 CHECK (uses BETWEEN 0 AND usage_limit),
    requires_approval INTEGER NOT NULL CHECK (requires_approval IN (0, 1)),
    revoked_at INTEGER,
    UNIQUE (school_id, id),
    FOREIGN KEY (school_id, chat_id) REFERENCES chats (school_id, id),
    FOREIGN KEY (school_id, created_by) REFERENCES users (school_id, id)
) STRICT;
CREATE INDEX invites_by_school ON invites (school_id, class_id);

-- A request filed by a link that needs approval. A parent's names their child in their own
-- words: one printed link per class serves every parent, and the join page shows no roster.
CREATE TABLE join_requests (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL,
    invite_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    child_name TEXT CHECK (child_name IS NULL OR length(child_name) BETWEEN 1 AND 256),
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined')),
    created_at INTEGER NOT NULL,
    decided_by INTEGER,
    decided_at INTEGER,
    FOREIGN KEY (school_id, invite_id) REFERENCES invites (school_id, id),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id),
    FOREIGN KEY (school_id, decided_by) REFERENCES users (school_id, id),
    CHECK ((state = 'pending') = (decided_by IS NULL AND decided_at IS NULL))
) STRICT;
CREATE INDEX join_requests_by_school ON join_requests (school_id, state);
-- One pending request per person and link: a second answers REQUEST_ALREADY_PENDING.
CREATE UNIQUE INDEX join_requests_pending ON join_requests (invite_id, user_id) WHERE state = 'pending';
