-- Whether a message may have attachments or a poll. A page of messages looks those up only for
-- the marked messages, and most pages have none: the three lookups were a fifth of reading a
-- latest-50 page. The mark is set by every copy that arrives with either and never cleared,
-- so it may be stale (an attachment moved on, the message was deleted; the lookup then finds
-- nothing) but is never missing.
ALTER TABLE messages ADD COLUMN may_have_details INTEGER NOT NULL DEFAULT 0;
UPDATE messages SET may_have_details = 1
WHERE id IN (SELECT message_id FROM attachments UNION SELECT message_id FROM polls);
