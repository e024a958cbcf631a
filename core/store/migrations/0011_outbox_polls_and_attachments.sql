-- A new message in the outbox may carry a poll and attachments (issue 14: teachers create
-- polls and attach files offline too). Both are JSON, NULL for none: the poll as it will be
-- sent ({"question", "multipleChoice", "options": [text, …]}), the attachments as the upload
-- answered them ([{"id", "name", "mimeType", "sizeBytes"}, …]) so the pending message shows them.
ALTER TABLE outbox ADD COLUMN poll TEXT;
ALTER TABLE outbox ADD COLUMN attachments TEXT;
