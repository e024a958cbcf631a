-- A new message is noted for the search index by MessageStore::upsertMessage, the only code
-- that inserts messages, instead of by a trigger. Without a trigger, storing a message writes
-- one row, so SQLite needs no statement journal for it: a sync page stores about a tenth faster.
-- Updates and deletes, which come from several places (edits, retention, wipe), keep theirs.
DROP TRIGGER search_pending_after_insert;
