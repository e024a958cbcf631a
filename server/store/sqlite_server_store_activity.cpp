// SqliteServerStore's activity statistics: read-only queries over the people and their messages.
#include <map>

#include "store/database.h"
#include "store/sqlite_server_store.h"
#include "store/transaction.h"

namespace parta::server {

std::vector<TeacherActivity> SqliteServerStore::teacherActivity(std::int64_t schoolId,
                                                                const std::vector<activity::Week>& weeks) {
    std::lock_guard<std::mutex> lock(mutex_);
    // One transaction, so the teachers and the counts come from one snapshot.
    store::Transaction transaction(*database_);
    std::vector<TeacherActivity> teachers;
    std::map<std::int64_t, std::size_t> indexOf;
    store::Statement& people = database_->statement(
        "SELECT u.id, u.name, u.verified FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'teacher' "
        "WHERE u.school_id = ? AND u.deleted_at IS NULL ORDER BY u.name, u.id");
    people.bind(1, schoolId);
    while (people.step()) {
        indexOf[people.integer(0)] = teachers.size();
        teachers.push_back({people.integer(0), people.text(1), people.integer(2) != 0,
                            std::vector<int>(weeks.size(), 0)});
    }
    if (weeks.empty() || teachers.empty()) return teachers;

    // The weeks are contiguous and of one length, so a message's week is its offset from the
    // first one's start divided by that length.
    const std::int64_t from = weeks.front().startMs;
    const std::int64_t weekMs = weeks.front().endMs - weeks.front().startMs;
    store::Statement& counts = database_->statement(
        "SELECT sender_id, (server_time - ?1) / ?2, count(*) FROM messages "
        "WHERE school_id = ?3 AND server_time >= ?1 AND server_time < ?4 AND deleted = 0 "
        "AND sender_id IN (SELECT user_id FROM user_roles WHERE school_id = ?3 AND role = 'teacher') "
        "GROUP BY 1, 2");
    counts.bind(1, from).bind(2, weekMs).bind(3, schoolId).bind(4, weeks.back().endMs);
    while (counts.step()) {
        const auto teacher = indexOf.find(counts.integer(0));
        const std::int64_t week = counts.integer(1);
        if (teacher == indexOf.end() || week < 0 || week >= static_cast<std::int64_t>(weeks.size())) continue;
        teachers[teacher->second].messagesPerWeek[static_cast<std::size_t>(week)] = static_cast<int>(counts.integer(2));
    }
    return teachers;
}

std::vector<ClassActivation> SqliteServerStore::classActivation(std::int64_t schoolId) {
    std::lock_guard<std::mutex> lock(mutex_);
    // Activated: a roster entry matched to a live account still of its class (as roster()
    // counts it). Unlisted: a live account of the class that no entry of its roster names.
    store::Statement& query = database_->statement(
        "SELECT c.id, "
        "(SELECT count(*) FROM roster_entries e WHERE e.school_id = c.school_id AND e.class_id = c.id AND e.kind = 'student'), "
        "(SELECT count(*) FROM roster_entries e JOIN users u ON u.id = e.user_id WHERE e.school_id = c.school_id "
        "  AND e.class_id = c.id AND e.kind = 'student' AND u.student_of = c.id AND u.deleted_at IS NULL), "
        "(SELECT count(*) FROM roster_entries e WHERE e.school_id = c.school_id AND e.class_id = c.id AND e.kind = 'parent'), "
        "(SELECT count(*) FROM roster_entries e WHERE e.school_id = c.school_id AND e.class_id = c.id AND e.kind = 'parent' "
        "  AND EXISTS (SELECT 1 FROM parent_children p JOIN users child ON child.id = p.child_id "
        "  JOIN users parent ON parent.id = p.parent_id WHERE p.parent_id = e.user_id AND parent.deleted_at IS NULL "
        "  AND child.student_of = c.id AND child.deleted_at IS NULL)), "
        "(SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'student' "
        "  WHERE u.school_id = c.school_id AND u.student_of = c.id AND u.deleted_at IS NULL AND NOT EXISTS "
        "  (SELECT 1 FROM roster_entries e WHERE e.class_id = c.id AND e.user_id = u.id AND e.school_id = c.school_id)), "
        "(SELECT count(DISTINCT p.parent_id) FROM parent_children p JOIN users child ON child.id = p.child_id "
        "  JOIN users parent ON parent.id = p.parent_id WHERE p.school_id = c.school_id AND child.student_of = c.id "
        "  AND child.deleted_at IS NULL AND parent.deleted_at IS NULL AND NOT EXISTS "
        "  (SELECT 1 FROM roster_entries e WHERE e.class_id = c.id AND e.user_id = p.parent_id AND e.school_id = c.school_id)) "
        "FROM classes c WHERE c.school_id = ? ORDER BY c.id");
    query.bind(1, schoolId);
    std::vector<ClassActivation> classes;
    while (query.step()) {
        classes.push_back({query.text(0), static_cast<int>(query.integer(1)), static_cast<int>(query.integer(2)),
                           static_cast<int>(query.integer(3)), static_cast<int>(query.integer(4)),
                           static_cast<int>(query.integer(5)), static_cast<int>(query.integer(6))});
    }
    query.reset();
    throwIfFailed();
    return classes;
}

}  // namespace parta::server
