-- Offline full-text search. Contentless: the text already lives in messages, so the index
-- stores only tokens. unicode61 folds case and, with remove_diacritics 2, Latin accents; it
-- leaves Cyrillic ё alone, so the indexed copy maps ё to е (and search queries do the same
-- in core, see text/search_folding.h).
CREATE VIRTUAL TABLE messages_fts USING fts5 (
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.text IS NOT NULL BEGIN
    INSERT INTO messages_fts (rowid, body) VALUES (new.id, replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'));
END;

CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
    DELETE FROM messages_fts WHERE rowid = old.id;
    INSERT INTO messages_fts (rowid, body)
        SELECT new.id, replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е') WHERE new.text IS NOT NULL;
END;

CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    DELETE FROM messages_fts WHERE rowid = old.id;
END;

INSERT INTO messages_fts (rowid, body)
    SELECT id, replace(replace(text, 'ё', 'е'), 'Ё', 'Е') FROM messages WHERE text IS NOT NULL;
