// SqliteServerStore's administration of a school: its classes, the teachers attached to them,
// verification, admins, and students moving between classes. Each change and its audit row
// are one transaction.
#include <algorithm>
#include <map>

#include "store/database.h"
#include "store/kind_names_json.h"
#include "store/sqlite_commit.h"
#include "store/sqlite_server_store.h"
#include "store/transaction.h"

namespace parta::server {

namespace {

using store::Durability;
using store::Statement;
using store::Transaction;

const char* assignmentName(TeacherAssignment assignment) {
    return assignment == TeacherAssignment::ClassTeacher ? "class_teacher" : "teaches";
}

// The audit's words for attaching and detaching, so the log tells the two kinds apart.
const char* assignmentAuditAction(TeacherAssignment assignment, bool assigned) {
    if (assignment == TeacherAssignment::ClassTeacher) return assigned ? "assign_class_teacher" : "detach_class_teacher";
    return assigned ? "assign_subject_teacher" : "detach_subject_teacher";
}

}  // namespace

bool SqliteServerStore::createClass(const Administration& by, const std::string& classId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    database_->statement("INSERT OR IGNORE INTO classes (school_id, id, created_at) VALUES (?, ?, ?)")
        .bind(1, by.schoolId)
        .bind(2, classId)
        .bind(3, by.nowMs)
        .run();
    const bool created = database_->changes() == 1;
    if (created) appendAudit(by.schoolId, by.nowMs, by.actorId, "create_class", std::nullopt, std::nullopt, std::nullopt, classId);
    commitOrThrow(*database_, transaction);
    return created;
}

bool SqliteServerStore::classExists(std::int64_t schoolId, const std::string& classId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query = database_->statement("SELECT EXISTS (SELECT 1 FROM classes WHERE school_id = ? AND id = ?)")
                           .bind(1, schoolId)
                           .bind(2, classId);
    const bool exists = query.step() && query.integer(0) != 0;
    query.reset();
    throwIfFailed();
    return exists;
}

std::vector<SchoolClass> SqliteServerStore::classes(std::int64_t schoolId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_);
    std::vector<SchoolClass> found;
    std::map<std::string, std::size_t> indexOf;
    Statement& classRows = database_->statement(
        "SELECT c.id, (SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'student' "
        "WHERE u.school_id = c.school_id AND u.student_of = c.id AND u.deleted_at IS NULL) "
        "FROM classes c WHERE c.school_id = ? ORDER BY c.id");
    classRows.bind(1, schoolId);
    while (classRows.step()) {
        indexOf[classRows.text(0)] = found.size();
        SchoolClass schoolClass;
        schoolClass.id = classRows.text(0);
        schoolClass.students = static_cast<int>(classRows.integer(1));
        found.push_back(std::move(schoolClass));
    }
    std::vector<std::tuple<std::string, std::string, std::int64_t>> assignments;
    Statement& assignmentRows = database_->statement(
        "SELECT a.class_id, a.assignment, a.user_id FROM class_assignments a JOIN users u ON u.id = a.user_id "
        "WHERE a.school_id = ? AND u.deleted_at IS NULL ORDER BY u.name, u.id");
    assignmentRows.bind(1, schoolId);
    while (assignmentRows.step()) {
        assignments.emplace_back(assignmentRows.text(0), assignmentRows.text(1), assignmentRows.integer(2));
    }
    for (const auto& [classId, assignment, userId] : assignments) {
        const auto schoolClass = indexOf.find(classId);
        if (schoolClass == indexOf.end()) continue;
        SchoolClass& target = found[schoolClass->second];
        (assignment == "class_teacher" ? target.classTeachers : target.subjectTeachers).push_back(userLocked(userId));
    }
    throwIfFailed();
    return found;
}

std::vector<SchoolPerson> SqliteServerStore::people(std::int64_t schoolId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_);
    std::vector<std::int64_t> ids;
    Statement& query =
        database_->statement("SELECT id FROM users WHERE school_id = ? AND deleted_at IS NULL ORDER BY name, id").bind(1, schoolId);
    while (query.step()) ids.push_back(query.integer(0));
    query.reset();
    std::vector<SchoolPerson> found;
    found.reserve(ids.size());
    for (const std::int64_t id : ids) found.push_back({userLocked(id), subjectOf(id)});
    throwIfFailed();
    return found;
}

bool SqliteServerStore::verifyTeacher(const Administration& by, std::int64_t userId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    database_->statement("UPDATE users SET verified = 1 WHERE id = ? AND school_id = ? AND verified = 0")
        .bind(1, userId)
        .bind(2, by.schoolId)
        .run();
    const bool verified = database_->changes() == 1;
    if (verified) appendAudit(by.schoolId, by.nowMs, by.actorId, "verify_teacher", userId, std::nullopt, std::nullopt);
    commitOrThrow(*database_, transaction);
    return verified;
}

AssignmentOutcome SqliteServerStore::setAssignment(const Administration& by, const AssignmentChange& change) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    database_->statement(change.assigned
                             ? "INSERT OR IGNORE INTO class_assignments (school_id, user_id, class_id, assignment) VALUES (?, ?, ?, ?)"
                             : "DELETE FROM class_assignments WHERE school_id = ? AND user_id = ? AND class_id = ? AND assignment = ?")
        .bind(1, by.schoolId)
        .bind(2, change.userId)
        .bind(3, change.classId)
        .bind(4, std::string_view(assignmentName(change.assignment)))
        .run();
    AssignmentOutcome outcome;
    outcome.changed = database_->changes() == 1;
    if (outcome.changed) {
        appendAudit(by.schoolId, by.nowMs, by.actorId, assignmentAuditAction(change.assignment, change.assigned),
                    change.userId, std::nullopt, std::nullopt, change.classId);
        outcome.revokedInvites = revokeInvitesLocked(by, change.revokeInviteIds, true);
    }
    commitOrThrow(*database_, transaction);
    return outcome;
}

AdminAppointment SqliteServerStore::setAdmin(const Administration& by, std::int64_t userId, bool admin) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    if (!admin) {
        // Counted inside the transaction, so two admins dismissing each other at once cannot
        // both succeed and leave the school with nobody to run it.
        Statement& admins = database_->statement(
            "SELECT count(*), coalesce(sum(r.user_id = ?2), 0) FROM user_roles r JOIN users u ON u.id = r.user_id "
            "WHERE r.school_id = ?1 AND r.role = 'admin' AND u.deleted_at IS NULL");
        admins.bind(1, by.schoolId).bind(2, userId);
        const bool step = admins.step();
        const std::int64_t count = step ? admins.integer(0) : 0;
        const bool isAdmin = step && admins.integer(1) != 0;
        admins.reset();
        if (isAdmin && count == 1) return AdminAppointment::LastAdmin;
    }
    database_->statement(admin ? "INSERT OR IGNORE INTO user_roles (school_id, user_id, role) VALUES (?, ?, 'admin')"
                               : "DELETE FROM user_roles WHERE school_id = ? AND user_id = ? AND role = 'admin'")
        .bind(1, by.schoolId)
        .bind(2, userId)
        .run();
    const bool changed = database_->changes() == 1;
    if (changed) {
        appendAudit(by.schoolId, by.nowMs, by.actorId, admin ? "appoint_admin" : "dismiss_admin", userId, std::nullopt,
                    std::nullopt);
    }
    commitOrThrow(*database_, transaction);
    return changed ? AdminAppointment::Changed : AdminAppointment::Unchanged;
}

std::vector<std::int64_t> SqliteServerStore::classChatsLocked(std::int64_t schoolId, const std::string& classId,
                                                              const std::vector<std::string>& kinds) {
    Statement& query = database_->statement(
        "SELECT id FROM chats WHERE school_id = ? AND class_id = ? AND kind IN (SELECT value FROM json_each(?)) ORDER BY id");
    query.bind(1, schoolId).bind(2, classId).bind(3, kindNamesJson(kinds));
    std::vector<std::int64_t> ids;
    while (query.step()) ids.push_back(query.integer(0));
    query.reset();
    return ids;
}

bool SqliteServerStore::joinLocked(std::int64_t schoolId, std::int64_t chatId, std::int64_t userId) {
    database_->statement("INSERT OR IGNORE INTO memberships (school_id, chat_id, user_id, role) VALUES (?, ?, ?, 'member')")
        .bind(1, schoolId)
        .bind(2, chatId)
        .bind(3, userId)
        .run();
    if (database_->changes() != 1) return false;
    appendEvent(schoolId, "membership", chatId, userId, std::nullopt);
    return true;
}

bool SqliteServerStore::leaveLocked(std::int64_t schoolId, std::int64_t chatId, std::int64_t userId) {
    database_->statement("DELETE FROM memberships WHERE school_id = ? AND chat_id = ? AND user_id = ?")
        .bind(1, schoolId)
        .bind(2, chatId)
        .bind(3, userId)
        .run();
    if (database_->changes() != 1) return false;
    appendEvent(schoolId, "membership_removed", chatId, userId, std::nullopt);
    return true;
}

StudentMoveOutcome SqliteServerStore::moveStudent(const Administration& by, std::int64_t userId,
                                                  const std::string& classId, const ClassChatKinds& kinds) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    StudentMoveOutcome outcome;
    Statement& current =
        database_->statement("SELECT student_of FROM users WHERE id = ? AND school_id = ?").bind(1, userId).bind(2, by.schoolId);
    const std::string oldClass = current.step() ? current.optionalText(0).value_or("") : std::string();
    current.reset();
    if (oldClass == classId) return outcome;

    database_->statement("UPDATE users SET student_of = ? WHERE id = ?").bind(1, classId).bind(2, userId).run();
    outcome.moved = true;
    outcome.changedPeople.push_back(userId);
    auto noteChat = [&outcome](std::int64_t chatId) {
        if (std::find(outcome.changedChats.begin(), outcome.changedChats.end(), chatId) == outcome.changedChats.end()) {
            outcome.changedChats.push_back(chatId);
        }
    };
    for (const std::int64_t chatId : classChatsLocked(by.schoolId, oldClass, kinds.ofStudents)) {
        if (leaveLocked(by.schoolId, chatId, userId)) noteChat(chatId);
    }
    for (const std::int64_t chatId : classChatsLocked(by.schoolId, classId, kinds.ofStudents)) {
        if (joinLocked(by.schoolId, chatId, userId)) noteChat(chatId);
    }

    // Each parent follows the child, and stays in the old class's chats while another child is there.
    std::vector<std::pair<std::int64_t, bool>> parents;  // the parent, and whether another child stays
    Statement& parentRows = database_->statement(
        "SELECT p.parent_id, EXISTS (SELECT 1 FROM parent_children o JOIN users sibling ON sibling.id = o.child_id "
        "WHERE o.parent_id = p.parent_id AND o.child_id != p.child_id AND sibling.student_of = ?2 "
        "AND sibling.deleted_at IS NULL) FROM parent_children p JOIN users parent ON parent.id = p.parent_id "
        "WHERE p.child_id = ?1 AND parent.deleted_at IS NULL ORDER BY p.parent_id");
    parentRows.bind(1, userId).bind(2, oldClass);
    while (parentRows.step()) parents.emplace_back(parentRows.integer(0), parentRows.integer(1) != 0);
    parentRows.reset();
    for (const auto& [parentId, siblingStays] : parents) {
        outcome.changedPeople.push_back(parentId);
        if (!siblingStays) {
            for (const std::int64_t chatId : classChatsLocked(by.schoolId, oldClass, kinds.ofParents)) {
                if (leaveLocked(by.schoolId, chatId, parentId)) noteChat(chatId);
            }
        }
        for (const std::int64_t chatId : classChatsLocked(by.schoolId, classId, kinds.ofParents)) {
            if (joinLocked(by.schoolId, chatId, parentId)) noteChat(chatId);
        }
    }
    database_->statement("UPDATE roster_entries SET user_id = NULL WHERE school_id = ? AND class_id = ? AND user_id = ?")
        .bind(1, by.schoolId)
        .bind(2, oldClass)
        .bind(3, userId)
        .run();
    appendAudit(by.schoolId, by.nowMs, by.actorId, "move_student", userId, std::nullopt, std::nullopt, classId);
    commitOrThrow(*database_, transaction);
    return outcome;
}

}  // namespace parta::server
