-- Attachment metadata only: the files themselves are fetched on demand and never stored here.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL
) STRICT;
CREATE INDEX attachments_by_message ON attachments (message_id);

CREATE TABLE polls (
    message_id INTEGER PRIMARY KEY,
    question TEXT NOT NULL,
    multiple_choice INTEGER NOT NULL
) STRICT;

CREATE TABLE poll_options (
    message_id INTEGER NOT NULL,
    option_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (message_id, option_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE poll_votes (
    message_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    option_id INTEGER NOT NULL,
    PRIMARY KEY (message_id, user_id, option_id)
) STRICT, WITHOUT ROWID;
