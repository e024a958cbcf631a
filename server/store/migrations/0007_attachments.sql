-- Attachments (issue 13): the metadata of each upload. The bytes are a file named by their
-- SHA-256 in the attachments folder (--attachments), outside the database, so the same photo
-- sent twice is stored once and a backup of the database stays small.
--
-- An upload belongs to the chat it was made for (the policy's attach_file was decided there)
-- and to its uploader until a message of theirs in that chat carries it; from then on anyone
-- who may read the chat may download it. One upload is carried by at most one message, so
-- `message_id` is a column here rather than a table of pairs; deleting the message deletes
-- its attachments' rows, since deletion is final.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    uploader_id INTEGER NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),  -- lower-case hex: the file's name
    size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
    -- As the server read it from the content (libmagic), never as the client named it.
    mime_type TEXT NOT NULL CHECK (length(mime_type) BETWEEN 1 AND 128),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 256),
    created_at INTEGER NOT NULL,
    message_id INTEGER REFERENCES messages (id),
    position INTEGER CHECK (position IS NULL OR position BETWEEN 0 AND 9),  -- within its message
    CHECK ((message_id IS NULL) = (position IS NULL)),
    FOREIGN KEY (school_id, chat_id) REFERENCES chats (school_id, id),
    FOREIGN KEY (school_id, uploader_id) REFERENCES users (school_id, id)
) STRICT;
CREATE INDEX attachments_by_message ON attachments (message_id, position) WHERE message_id IS NOT NULL;
