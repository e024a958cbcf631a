// SqliteServerStore's class rosters: the students and parents a class expects (003 §2.1), and
// the accounts matched to them.
#include "store/database.h"
#include "store/sqlite_commit.h"
#include "store/sqlite_server_store.h"
#include "store/transaction.h"

namespace parta::server {

namespace {

using store::Durability;
using store::Statement;
using store::Transaction;

const char* kindName(RosterKind kind) { return kind == RosterKind::Student ? "student" : "parent"; }

// The accounts an entry of a class may be matched to (?2 the school, ?3 the class): for
// a student entry the class's students, for a parent entry the parents of one of them. One rule
// for the list the admin picks from (rosterAccounts) and for the check of a match.
constexpr const char* kStudentsOfClass =
    "SELECT u.id, u.name FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'student' "
    "WHERE u.school_id = ?2 AND u.student_of = ?3 AND u.deleted_at IS NULL";
constexpr const char* kParentsOfClass =
    "SELECT DISTINCT parent.id, parent.name FROM parent_children p JOIN users parent ON parent.id = p.parent_id "
    "JOIN users child ON child.id = p.child_id WHERE p.school_id = ?2 AND child.student_of = ?3 "
    "AND parent.deleted_at IS NULL";

std::string accountsOfClassQuery(RosterKind kind) { return kind == RosterKind::Student ? kStudentsOfClass : kParentsOfClass; }

// An entry's account counts as activated while it is live and still of the entry's class: the
// student of it, or a parent of a student of it. A student moved away is unmatched by the move;
// a parent whose child left stays matched, but no longer counts.
constexpr const char* kRosterColumns =
    "SELECT e.id, e.class_id, e.kind, e.name, e.user_id, e.created_at, "
    "CASE WHEN e.user_id IS NULL THEN 0 "
    "WHEN e.kind = 'student' THEN EXISTS (SELECT 1 FROM users u WHERE u.id = e.user_id AND u.deleted_at IS NULL "
    "  AND u.student_of = e.class_id) "
    "ELSE EXISTS (SELECT 1 FROM parent_children p JOIN users child ON child.id = p.child_id "
    "  JOIN users parent ON parent.id = p.parent_id WHERE p.parent_id = e.user_id AND parent.deleted_at IS NULL "
    "  AND child.student_of = e.class_id AND child.deleted_at IS NULL) END "
    "FROM roster_entries e ";

}  // namespace

std::vector<RosterEntry> SqliteServerStore::rosterLocked(Statement& query) {
    std::vector<RosterEntry> entries;
    std::vector<std::optional<std::int64_t>> accounts;
    while (query.step()) {
        RosterEntry entry;
        entry.id = query.integer(0);
        entry.classId = query.text(1);
        entry.kind = query.text(2) == "student" ? RosterKind::Student : RosterKind::Parent;
        entry.name = query.text(3);
        entry.createdAt = query.integer(5);
        entry.activated = query.integer(6) != 0;
        accounts.push_back(query.optionalInteger(4));
        entries.push_back(std::move(entry));
    }
    query.reset();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (accounts[i]) entries[i].account = userLocked(*accounts[i]);
    }
    return entries;
}

std::vector<RosterEntry> SqliteServerStore::roster(std::int64_t schoolId, const std::string& classId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_);
    Statement& query = database_->statement(std::string(kRosterColumns) +
                                            "WHERE e.school_id = ? AND e.class_id = ? ORDER BY e.kind DESC, e.name, e.id");
    query.bind(1, schoolId).bind(2, classId);
    std::vector<RosterEntry> entries = rosterLocked(query);
    throwIfFailed();
    return entries;
}

std::vector<store::User> SqliteServerStore::rosterAccounts(std::int64_t schoolId, const std::string& classId, RosterKind kind) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_);
    Statement& query = database_->statement("SELECT id, name FROM (" + accountsOfClassQuery(kind) + ") ORDER BY name, id");
    query.bind(2, schoolId).bind(3, classId);
    std::vector<store::User> accounts;
    while (query.step()) accounts.push_back({query.integer(0), query.text(1), kindName(kind)});
    query.reset();
    throwIfFailed();
    return accounts;
}

std::optional<RosterEntry> SqliteServerStore::rosterEntry(std::int64_t schoolId, std::int64_t entryId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_);
    Statement& query = database_->statement(std::string(kRosterColumns) + "WHERE e.school_id = ? AND e.id = ?");
    query.bind(1, schoolId).bind(2, entryId);
    std::vector<RosterEntry> entries = rosterLocked(query);
    throwIfFailed();
    if (entries.empty()) return std::nullopt;
    return std::move(entries.front());
}

std::int64_t SqliteServerStore::addRosterEntry(const Administration& by, const NewRosterEntry& entry) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    Statement& insert = database_->statement(
        "INSERT INTO roster_entries (school_id, class_id, kind, name, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id");
    insert.bind(1, by.schoolId).bind(2, entry.classId).bind(3, std::string_view(kindName(entry.kind))).bind(4, entry.name).bind(5, by.nowMs);
    const std::int64_t id = insert.step() ? insert.integer(0) : 0;
    insert.reset();
    appendAudit(by.schoolId, by.nowMs, by.actorId, "add_roster_entry", std::nullopt, std::nullopt, std::nullopt, entry.classId);
    commitOrThrow(*database_, transaction);
    return id;
}

RosterLink SqliteServerStore::linkRosterEntry(const Administration& by, std::int64_t entryId,
                                              std::optional<std::int64_t> userId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    Statement& entry = database_->statement("SELECT class_id, kind, user_id FROM roster_entries WHERE school_id = ? AND id = ?")
                           .bind(1, by.schoolId)
                           .bind(2, entryId);
    if (!entry.step()) {
        entry.reset();
        return RosterLink::UnknownEntry;
    }
    const std::string classId = entry.text(0);
    const bool student = entry.text(1) == "student";
    const std::optional<std::int64_t> current = entry.optionalInteger(2);
    entry.reset();
    if (current == userId) return RosterLink::Unchanged;
    if (userId) {
        Statement& ofClass = database_->statement("SELECT EXISTS (SELECT 1 FROM (" +
                                                  accountsOfClassQuery(student ? RosterKind::Student : RosterKind::Parent) +
                                                  ") WHERE id = ?1)");
        ofClass.bind(1, *userId).bind(2, by.schoolId).bind(3, classId);
        const bool matches = ofClass.step() && ofClass.integer(0) != 0;
        ofClass.reset();
        if (!matches) return RosterLink::NotOfClass;
        Statement& taken = database_->statement(
            "SELECT EXISTS (SELECT 1 FROM roster_entries WHERE class_id = ? AND user_id = ? AND school_id = ?)");
        taken.bind(1, classId).bind(2, *userId).bind(3, by.schoolId);
        const bool isTaken = taken.step() && taken.integer(0) != 0;
        taken.reset();
        if (isTaken) return RosterLink::AccountTaken;
    }
    database_->statement("UPDATE roster_entries SET user_id = ? WHERE id = ?").bind(1, userId).bind(2, entryId).run();
    appendAudit(by.schoolId, by.nowMs, by.actorId, userId ? "link_roster_entry" : "unlink_roster_entry",
                userId ? userId : current, std::nullopt, std::nullopt, classId);
    commitOrThrow(*database_, transaction);
    return RosterLink::Linked;
}

bool SqliteServerStore::removeRosterEntry(const Administration& by, std::int64_t entryId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    Statement& entry = database_->statement("SELECT class_id, user_id FROM roster_entries WHERE school_id = ? AND id = ?")
                           .bind(1, by.schoolId)
                           .bind(2, entryId);
    const bool found = entry.step();
    const std::string classId = found ? entry.text(0) : std::string();
    const std::optional<std::int64_t> userId = found ? entry.optionalInteger(1) : std::nullopt;
    entry.reset();
    if (!found) return false;
    database_->statement("DELETE FROM roster_entries WHERE id = ?").bind(1, entryId).run();
    appendAudit(by.schoolId, by.nowMs, by.actorId, "remove_roster_entry", userId, std::nullopt, std::nullopt, classId);
    commitOrThrow(*database_, transaction);
    return true;
}

}  // namespace parta::server
