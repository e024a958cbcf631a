-- Only people who manage a chat receive these events (see docs/protocol.md). Invite codes
-- are bearer secrets and stay on the server; the client keeps the state it shows.
CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    state TEXT NOT NULL,
    created_by INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER
) STRICT;
CREATE INDEX invites_by_chat ON invites (chat_id);

CREATE TABLE join_requests (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    state TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX join_requests_by_chat ON join_requests (chat_id, state);
