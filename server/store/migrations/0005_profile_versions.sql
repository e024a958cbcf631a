-- A version of each person's profile, the Subject the policy decides for (roles, verification,
-- class, assignments, children), so that sync sends `me` again whenever it changed since the
-- client's cursor (docs/protocol.md). Triggers bump it, so no write that changes a profile can
-- forget to.
ALTER TABLE users ADD COLUMN profile_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER profile_role_added AFTER INSERT ON user_roles BEGIN
    UPDATE users SET profile_version = profile_version + 1 WHERE id = NEW.user_id;
END;
CREATE TRIGGER profile_role_removed AFTER DELETE ON user_roles BEGIN
    UPDATE users SET profile_version = profile_version + 1 WHERE id = OLD.user_id;
END;
CREATE TRIGGER profile_assignment_added AFTER INSERT ON class_assignments BEGIN
    UPDATE users SET profile_version = profile_version + 1 WHERE id = NEW.user_id;
END;
CREATE TRIGGER profile_assignment_removed AFTER DELETE ON class_assignments BEGIN
    UPDATE users SET profile_version = profile_version + 1 WHERE id = OLD.user_id;
END;
CREATE TRIGGER profile_child_added AFTER INSERT ON parent_children BEGIN
    UPDATE users SET profile_version = profile_version + 1 WHERE id = NEW.parent_id;
END;
CREATE TRIGGER profile_child_removed AFTER DELETE ON parent_children BEGIN
    UPDATE users SET profile_version = profile_version + 1 WHERE id = OLD.parent_id;
END;
-- A child's class is part of each parent's profile too (me.children[].classId).
CREATE TRIGGER profile_person_changed AFTER UPDATE OF verified, student_of ON users
WHEN OLD.verified IS NOT NEW.verified OR OLD.student_of IS NOT NEW.student_of BEGIN
    UPDATE users SET profile_version = profile_version + 1
        WHERE id = NEW.id OR id IN (SELECT parent_id FROM parent_children WHERE child_id = NEW.id);
END;
