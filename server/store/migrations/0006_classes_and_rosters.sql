-- The school's classes and their rosters (issue 13, "Administration and statistics").

-- A class the admin created (003 §2.1 «создавать классы»). Until now a class was only the
-- string its chats, students, assignments and links shared; those strings become the classes
-- the school already has, so nothing stored loses its class.
CREATE TABLE classes (
    school_id INTEGER NOT NULL REFERENCES schools (id),
    id TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),  -- the class's name too: «5А»
    created_at INTEGER NOT NULL,
    PRIMARY KEY (school_id, id)
) STRICT, WITHOUT ROWID;

INSERT OR IGNORE INTO classes (school_id, id, created_at)
    SELECT school_id, class_id, 0 FROM chats WHERE class_id IS NOT NULL
    UNION SELECT school_id, student_of, 0 FROM users WHERE student_of IS NOT NULL
    UNION SELECT school_id, class_id, 0 FROM class_assignments
    UNION SELECT school_id, class_id, 0 FROM invites WHERE class_id IS NOT NULL;

-- The students and parents a class expects, as the school's own records list them; the admin
-- reconciles the platform against them once a quarter (003 §2.1 «проводить сверку базы данных
-- по наполнению учеников 1 раз в квартал»), and activation is counted against them (003 §2.2).
-- An entry is linked to the account that person joined with, once the admin has matched them:
-- names typed by a parent at joining are their own words, so the match is never guessed.
CREATE TABLE roster_entries (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL,
    class_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('student', 'parent')),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 256),
    user_id INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id)
) STRICT;
CREATE INDEX roster_entries_by_class ON roster_entries (school_id, class_id, kind, name);
-- One account answers for one entry of a class's roster.
CREATE UNIQUE INDEX roster_entries_by_user ON roster_entries (class_id, user_id) WHERE user_id IS NOT NULL;

-- Administration acts on a class as often as on a person, and on invite links: the audit names
-- them.
ALTER TABLE audit_log ADD COLUMN class_id TEXT;
ALTER TABLE audit_log ADD COLUMN invite_id INTEGER;
