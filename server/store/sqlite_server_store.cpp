#include "store/sqlite_server_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "random/uuid.h"
#include "store/database.h"
#include "store/kind_names_json.h"
#include "store/server_migration_scripts.h"
#include "store/store_failure.h"
#include "store/sqlite_commit.h"
#include "store/transaction.h"

namespace parta::server {

namespace {

using store::Database;
using store::Durability;
using store::Statement;
using store::Transaction;

// Each numbered file in its own transaction with its user_version, as core/store/migrations
// does, so an interrupted upgrade resumes at the step it lost.
void migrate(Database& database) {
    const int current = database.userVersion();
    // The pragma's statement stays on its row until reset, and a schema change such as
    // DROP TABLE refuses to run while any statement of the connection is active.
    database.finishStatements();
    const int latest = migrationScripts().back().version;
    if (current > latest) {
        throw StoreFailure("the database was written by a newer server (schema " + std::to_string(current) + ")");
    }
    for (const MigrationScript& script : migrationScripts()) {
        if (script.version <= current) continue;
        Transaction transaction(database, Durability::Full);
        database.execute(script.sql);
        database.setUserVersion(script.version);
        commitOrThrow(database, transaction);
    }
}

// INSERT … RETURNING id: read the id, then finish the statement so it holds nothing open.
std::int64_t insertedId(Statement& insert) {
    const std::int64_t id = insert.step() ? insert.integer(0) : 0;
    while (insert.step()) {
    }
    return id;
}

// The one role a `user` event names (docs/protocol.md): the first the person holds in the
// policy's order, so an admin who is also a parent shows as the admin.
std::string primaryRole(const std::vector<policy::SchoolRole>& roles) {
    for (const policy::SchoolRole role : policy::kAllSchoolRoles) {
        if (std::find(roles.begin(), roles.end(), role) != roles.end()) return std::string(policy::nameOf(role));
    }
    return {};
}

constexpr std::string_view kMessageColumns =
    "SELECT id, chat_id, sender_id, client_id, text, reply_to, server_time, edited_at, deleted, pinned FROM messages ";

store::Message readMessage(const Statement& row) {
    store::Message message;
    message.id = row.integer(0);
    message.chatId = row.integer(1);
    message.senderId = row.integer(2);
    message.clientId = row.optionalText(3).value_or("");
    message.text = row.text(4);
    message.replyTo = row.optionalInteger(5);
    message.serverTime = row.integer(6);
    message.editedAt = row.optionalInteger(7);
    message.deleted = row.integer(8) != 0;
    message.pinned = row.integer(9) != 0;
    // A deleted message keeps only its place (docs/protocol.md, merge rules); so does every copy.
    if (message.deleted) {
        message.text.clear();
        message.editedAt.reset();
    }
    return message;
}

LogEntry editedEntry(std::int64_t messageId, std::int64_t chatId, std::string text, std::int64_t editedAt) {
    LogEntry entry;
    entry.type = LogEntry::Type::MessageEdited;
    entry.edit = {messageId, chatId, std::move(text), editedAt};
    return entry;
}

LogEntry deletedEntry(std::int64_t messageId, std::int64_t chatId) {
    LogEntry entry;
    entry.type = LogEntry::Type::MessageDeleted;
    entry.deletion = {chatId, messageId};
    return entry;
}

LogEntry votesEntry(std::int64_t messageId, std::int64_t userId, std::vector<std::int64_t> optionIds) {
    LogEntry entry;
    entry.type = LogEntry::Type::PollVotes;
    entry.votes = {messageId, userId, std::move(optionIds)};
    return entry;
}

LogEntry readEntry(std::int64_t chatId, std::int64_t lastReadId) {
    LogEntry entry;
    entry.type = LogEntry::Type::ReadState;
    entry.readState = {chatId, lastReadId};
    return entry;
}

}  // namespace

SqliteServerStore::SqliteServerStore(const std::string& path) : database_(std::make_unique<Database>(path)) {
    if (!database_->isOpen()) throw StoreFailure("cannot open the database: " + database_->failure());
    // The school-carrying foreign keys are what keeps schools apart; the build turns them on
    // (SQLITE_DEFAULT_FOREIGN_KEYS) and the server says so itself rather than rely on it.
    database_->execute("PRAGMA foreign_keys = ON");
    throwIfFailed();
    migrate(*database_);
}

SqliteServerStore::~SqliteServerStore() = default;

void SqliteServerStore::throwIfFailed() {
    if (!database_->failed()) return;
    const std::string failure = database_->failure();
    database_->finishStatements();
    database_->clearFailure();
    throw StoreFailure(failure);
}

std::int64_t SqliteServerStore::createSchool(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    const std::int64_t id = insertedId(database_->statement("INSERT INTO schools (name) VALUES (?) RETURNING id").bind(1, name));
    commitOrThrow(*database_, transaction);
    return id;
}

std::int64_t SqliteServerStore::createUser(const NewUser& user) {
    if (user.roles.empty()) throw StoreFailure("a user needs at least one school role");
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    const std::int64_t id = insertUserLocked(user);
    commitOrThrow(*database_, transaction);
    return id;
}

void SqliteServerStore::ensureClassLocked(std::int64_t schoolId, const std::string& classId, std::int64_t createdAt) {
    if (classId.empty()) return;
    database_->statement("INSERT OR IGNORE INTO classes (school_id, id, created_at) VALUES (?, ?, ?)")
        .bind(1, schoolId)
        .bind(2, classId)
        .bind(3, createdAt)
        .run();
}

std::int64_t SqliteServerStore::insertUserLocked(const NewUser& user) {
    ensureClassLocked(user.schoolId, user.studentOf, user.createdAt);
    const std::int64_t id = insertedId(
        database_->statement("INSERT INTO users (school_id, login, name, password_hash, verified, student_of, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
            .bind(1, user.schoolId)
            .bind(2, user.login)
            .bind(3, user.name)
            .bind(4, user.passwordHash)
            .bind(5, std::int64_t{user.verified ? 1 : 0})
            .bind(6, user.studentOf.empty() ? std::optional<std::string>() : user.studentOf)
            .bind(7, user.createdAt));
    for (const policy::SchoolRole role : user.roles) {
        database_->statement("INSERT INTO user_roles (school_id, user_id, role) VALUES (?, ?, ?)")
            .bind(1, user.schoolId)
            .bind(2, id)
            .bind(3, policy::nameOf(role))
            .run();
    }
    const auto assign = [&](const std::vector<std::string>& classes, std::string_view assignment) {
        for (const std::string& classId : classes) {
            ensureClassLocked(user.schoolId, classId, user.createdAt);
            database_->statement("INSERT INTO class_assignments (school_id, user_id, class_id, assignment) VALUES (?, ?, ?, ?)")
                .bind(1, user.schoolId)
                .bind(2, id)
                .bind(3, classId)
                .bind(4, assignment)
                .run();
        }
    };
    assign(user.classTeacherOf, "class_teacher");
    assign(user.teaches, "teaches");
    for (const std::int64_t childId : user.childIds) {
        database_->statement("INSERT INTO parent_children (school_id, parent_id, child_id) VALUES (?, ?, ?)")
            .bind(1, user.schoolId)
            .bind(2, id)
            .bind(3, childId)
            .run();
    }
    return id;
}

std::int64_t SqliteServerStore::createChat(const NewChat& chat) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    ensureClassLocked(chat.schoolId, chat.classId, chat.createdAt);
    const std::int64_t id = insertedId(
        database_->statement("INSERT INTO chats (school_id, kind, class_id, title, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
            .bind(1, chat.schoolId)
            .bind(2, chat.kind)
            .bind(3, chat.classId.empty() ? std::optional<std::string>() : chat.classId)
            .bind(4, chat.title)
            .bind(5, chat.createdAt));
    appendEvent(chat.schoolId, "chat", id, std::nullopt, std::nullopt);
    commitOrThrow(*database_, transaction);
    return id;
}

void SqliteServerStore::addMember(std::int64_t chatId, std::int64_t userId, const std::string& role) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    // The school comes from the chat; the foreign key then refuses a user of another school.
    Statement& school = database_->statement("SELECT school_id FROM chats WHERE id = ?").bind(1, chatId);
    const std::int64_t schoolId = school.step() ? school.integer(0) : 0;
    school.reset();
    database_->statement("INSERT INTO memberships (school_id, chat_id, user_id, role) VALUES (?, ?, ?, ?)")
        .bind(1, schoolId)
        .bind(2, chatId)
        .bind(3, userId)
        .bind(4, role)
        .run();
    appendEvent(schoolId, "membership", chatId, userId, std::nullopt);
    commitOrThrow(*database_, transaction);
}

bool SqliteServerStore::holdsAnySchool() {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query = database_->statement("SELECT EXISTS (SELECT 1 FROM schools)");
    const bool any = query.step() && query.integer(0) != 0;
    query.reset();
    throwIfFailed();
    return any;
}

void SqliteServerStore::appendAudit(std::int64_t schoolId, std::int64_t at, std::int64_t actorId, const char* action,
                                    std::optional<std::int64_t> userId, std::optional<std::int64_t> chatId,
                                    std::optional<std::int64_t> messageId, const std::string& classId,
                                    std::optional<std::int64_t> inviteId) {
    database_->statement(
                 "INSERT INTO audit_log (school_id, at, actor_id, action, user_id, chat_id, message_id, class_id, invite_id) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, schoolId)
        .bind(2, at)
        .bind(3, actorId)
        .bind(4, std::string_view(action))
        .bind(5, userId)
        .bind(6, chatId)
        .bind(7, messageId)
        .bind(8, classId.empty() ? std::optional<std::string>() : classId)
        .bind(9, inviteId)
        .run();
}

void SqliteServerStore::appendEvent(std::int64_t schoolId, const char* type, std::int64_t chatId,
                                    std::optional<std::int64_t> userId, std::optional<std::int64_t> messageId) {
    database_->statement("INSERT INTO events (school_id, type, chat_id, user_id, message_id) VALUES (?, ?, ?, ?, ?)")
        .bind(1, schoolId)
        .bind(2, std::string_view(type))
        .bind(3, chatId)
        .bind(4, userId)
        .bind(5, messageId)
        .run();
}

std::optional<Credentials> SqliteServerStore::credentials(const std::string& login) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query =
        database_->statement("SELECT id, password_hash FROM users WHERE login = ? AND deleted_at IS NULL").bind(1, login);
    std::optional<Credentials> found;
    if (query.step()) found = Credentials{query.integer(0), query.text(1)};
    query.reset();
    throwIfFailed();
    return found;
}

void SqliteServerStore::createSession(const std::string& tokenHash, std::int64_t userId, std::int64_t nowMs,
                                      std::int64_t expiresAtMs) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    // Expired sessions of this person go with the new one, so the table cannot grow forever.
    database_->statement("DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?").bind(1, userId).bind(2, nowMs).run();
    database_->statement("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
        .bind(1, tokenHash)
        .bind(2, userId)
        .bind(3, nowMs)
        .bind(4, expiresAtMs)
        .run();
    commitOrThrow(*database_, transaction);
}

std::optional<Account> SqliteServerStore::sessionAccount(const std::string& tokenHash, std::int64_t nowMs) {
    std::lock_guard<std::mutex> lock(mutex_);
    // One read transaction for the session and the profile's five queries: one snapshot, and
    // one round of file locks instead of five, on the path of every request.
    Transaction transaction(*database_);
    Statement& query = database_->statement(
        "SELECT u.id, u.school_id, u.profile_version FROM sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = ? AND s.expires_at > ?")
                           .bind(1, tokenHash)
                           .bind(2, nowMs);
    std::optional<Account> account;
    if (query.step()) account = Account{query.integer(0), query.integer(1), {}, query.integer(2)};
    query.reset();
    if (account) account->subject = subjectOf(account->userId);
    throwIfFailed();
    return account;
}

void SqliteServerStore::endSession(const std::string& tokenHash) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    database_->statement("DELETE FROM sessions WHERE token_hash = ?").bind(1, tokenHash).run();
    commitOrThrow(*database_, transaction);
}

std::optional<Account> SqliteServerStore::account(std::int64_t userId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_);
    Statement& query = database_->statement("SELECT school_id, profile_version FROM users WHERE id = ?").bind(1, userId);
    std::optional<Account> account;
    if (query.step()) account = Account{userId, query.integer(0), {}, query.integer(1)};
    query.reset();
    if (account) account->subject = subjectOf(userId);
    throwIfFailed();
    return account;
}

std::vector<SessionInfo> SqliteServerStore::sessions(std::int64_t userId, std::int64_t nowMs) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query = database_->statement(
                                     "SELECT token_hash, created_at, expires_at FROM sessions WHERE user_id = ? AND expires_at > ? "
                                     "ORDER BY created_at DESC, token_hash")
                           .bind(1, userId)
                           .bind(2, nowMs);
    std::vector<SessionInfo> found;
    while (query.step()) found.push_back({query.text(0), query.integer(1), query.integer(2)});
    query.reset();
    throwIfFailed();
    return found;
}

int SqliteServerStore::endAllSessions(std::int64_t userId, std::int64_t nowMs, std::optional<std::int64_t> byAdminId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    if (byAdminId) {
        Statement& school = database_->statement("SELECT school_id FROM users WHERE id = ?").bind(1, userId);
        const std::int64_t schoolId = school.step() ? school.integer(0) : 0;
        school.reset();
        appendAudit(schoolId, nowMs, *byAdminId, "end_sessions", userId, std::nullopt, std::nullopt);
    }
    Statement& count =
        database_->statement("SELECT count(*) FROM sessions WHERE user_id = ? AND expires_at > ?").bind(1, userId).bind(2, nowMs);
    const int unexpired = count.step() ? static_cast<int>(count.integer(0)) : 0;
    count.reset();
    database_->statement("DELETE FROM sessions WHERE user_id = ?").bind(1, userId).run();
    commitOrThrow(*database_, transaction);
    return unexpired;
}

std::optional<std::string> SqliteServerStore::passwordHash(std::int64_t userId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query =
        database_->statement("SELECT password_hash FROM users WHERE id = ? AND deleted_at IS NULL").bind(1, userId);
    std::optional<std::string> hash;
    if (query.step()) hash = query.text(0);
    query.reset();
    throwIfFailed();
    return hash;
}

std::vector<std::int64_t> SqliteServerStore::deleteAccount(std::int64_t userId, std::int64_t nowMs) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    Statement& school = database_->statement("SELECT school_id FROM users WHERE id = ?").bind(1, userId);
    const std::int64_t schoolId = school.step() ? school.integer(0) : 0;
    school.reset();
    std::vector<std::int64_t> chatIds;
    Statement& chats = database_->statement("SELECT chat_id FROM memberships WHERE user_id = ? ORDER BY chat_id").bind(1, userId);
    while (chats.step()) chatIds.push_back(chats.integer(0));
    chats.reset();

    database_->statement("DELETE FROM sessions WHERE user_id = ?").bind(1, userId).run();
    database_->statement("DELETE FROM memberships WHERE user_id = ?").bind(1, userId).run();
    database_->statement("DELETE FROM class_assignments WHERE user_id = ?").bind(1, userId).run();
    database_->statement("DELETE FROM parent_children WHERE parent_id = ? OR child_id = ?").bind(1, userId).bind(2, userId).run();
    // A random login, so that no one can take the old one over by name and no one can guess
    // this one; the empty hash matches no password, and credentials() skips deleted rows anyway.
    database_->statement(
                 "UPDATE users SET name = 'Удалённый пользователь', login = ?, password_hash = '', verified = 0, "
                 "student_of = NULL, deleted_at = ? WHERE id = ?")
        .bind(1, "deleted-" + generateUuidV4())
        .bind(2, nowMs)
        .bind(3, userId)
        .run();
    for (const std::int64_t chatId : chatIds) {
        appendEvent(schoolId, "membership_removed", chatId, userId, std::nullopt);
        appendEvent(schoolId, "user", chatId, userId, std::nullopt);
    }
    commitOrThrow(*database_, transaction);
    return chatIds;
}

AuditPage SqliteServerStore::auditLog(std::int64_t schoolId, std::int64_t beforeId, int limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query = database_->statement(
                                     "SELECT a.id, a.at, a.actor_id, actor.name, a.action, a.user_id, coalesce(subject.name, ''), "
                                     "a.chat_id, a.message_id, coalesce(a.class_id, ''), a.invite_id FROM audit_log a JOIN users actor ON actor.id = a.actor_id "
                                     "LEFT JOIN users subject ON subject.id = a.user_id "
                                     "WHERE a.school_id = ? AND (? = 0 OR a.id < ?) ORDER BY a.id DESC LIMIT ?")
                           .bind(1, schoolId)
                           .bind(2, beforeId)
                           .bind(3, beforeId)
                           .bind(4, std::int64_t{limit} + 1);
    AuditPage page;
    while (query.step()) {
        page.entries.push_back({query.integer(0), query.integer(1), query.integer(2), query.text(3), query.text(4),
                                query.optionalInteger(5), query.text(6), query.optionalInteger(7), query.optionalInteger(8),
                                query.text(9), query.optionalInteger(10)});
    }
    query.reset();
    throwIfFailed();
    // One row past the limit tells whether older ones remain.
    if (page.entries.size() > static_cast<std::size_t>(limit)) {
        page.entries.pop_back();
        page.more = true;
    }
    return page;
}

std::vector<std::int64_t> SqliteServerStore::audience(std::int64_t schoolId, policy::Audience audience,
                                                     const std::string& classId) {
    using policy::Audience;
    const char* sql = nullptr;
    switch (audience) {
        case Audience::StudentsOfClass:
            sql = "SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'student' "
                  "WHERE u.school_id = ?1 AND u.student_of = ?2 AND u.deleted_at IS NULL ORDER BY u.id";
            break;
        case Audience::ParentsOfClass:
            sql = "SELECT DISTINCT p.parent_id FROM parent_children p JOIN users child ON child.id = p.child_id "
                  "JOIN users parent ON parent.id = p.parent_id WHERE p.school_id = ?1 AND child.student_of = ?2 "
                  "AND parent.deleted_at IS NULL ORDER BY p.parent_id";
            break;
        case Audience::TeachersOfClass:
            sql = "SELECT DISTINCT a.user_id FROM class_assignments a JOIN users u ON u.id = a.user_id "
                  "WHERE a.school_id = ?1 AND a.class_id = ?2 AND u.deleted_at IS NULL ORDER BY a.user_id";
            break;
        case Audience::TeachersOfSchool:
            sql = "SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'teacher' "
                  "WHERE u.school_id = ?1 AND u.deleted_at IS NULL ORDER BY u.id";
            break;
        case Audience::Nobody:
        case Audience::Counterpart: return {};
    }
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query = database_->statement(sql).bind(1, schoolId);
    if (audience != Audience::TeachersOfSchool) query.bind(2, classId);
    std::vector<std::int64_t> ids;
    while (query.step()) ids.push_back(query.integer(0));
    query.reset();
    throwIfFailed();
    return ids;
}

std::optional<std::int64_t> SqliteServerStore::createChatWithMembers(
    const NewChat& chat, const std::vector<std::pair<std::int64_t, std::string>>& members, bool onePerSchool) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    if (onePerSchool) {
        Statement& existing = database_->statement("SELECT EXISTS (SELECT 1 FROM chats WHERE school_id = ? AND kind = ?)")
                                  .bind(1, chat.schoolId)
                                  .bind(2, chat.kind);
        const bool exists = existing.step() && existing.integer(0) != 0;
        existing.reset();
        if (exists) return std::nullopt;
    }
    const std::int64_t id = insertedId(
        database_->statement("INSERT INTO chats (school_id, kind, class_id, title, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
            .bind(1, chat.schoolId)
            .bind(2, chat.kind)
            .bind(3, chat.classId.empty() ? std::optional<std::string>() : chat.classId)
            .bind(4, chat.title)
            .bind(5, chat.createdAt));
    appendEvent(chat.schoolId, "chat", id, std::nullopt, std::nullopt);
    for (const auto& [userId, role] : members) {
        database_->statement("INSERT INTO memberships (school_id, chat_id, user_id, role) VALUES (?, ?, ?, ?)")
            .bind(1, chat.schoolId)
            .bind(2, id)
            .bind(3, userId)
            .bind(4, role)
            .run();
        appendEvent(chat.schoolId, "membership", id, userId, std::nullopt);
    }
    commitOrThrow(*database_, transaction);
    return id;
}

std::optional<store::Chat> SqliteServerStore::directChatBetween(std::int64_t schoolId, std::int64_t oneId,
                                                                std::int64_t otherId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query = database_->statement(
                                     "SELECT c.id FROM chats c JOIN memberships a ON a.chat_id = c.id AND a.user_id = ? "
                                     "JOIN memberships b ON b.chat_id = c.id AND b.user_id = ? "
                                     "WHERE c.school_id = ? AND c.kind = 'direct' ORDER BY c.id LIMIT 1")
                           .bind(1, oneId)
                           .bind(2, otherId)
                           .bind(3, schoolId);
    std::optional<std::int64_t> id;
    if (query.step()) id = query.integer(0);
    query.reset();
    std::optional<store::Chat> chat;
    if (id) chat = chatLocked(*id);
    throwIfFailed();
    return chat;
}

std::optional<std::string> SqliteServerStore::membershipRoleLocked(std::int64_t chatId, std::int64_t userId) {
    Statement& query =
        database_->statement("SELECT role FROM memberships WHERE chat_id = ? AND user_id = ?").bind(1, chatId).bind(2, userId);
    std::optional<std::string> role;
    if (query.step()) role = query.text(0);
    query.reset();
    return role;
}

std::optional<policy::ChatMember> SqliteServerStore::chatMember(std::int64_t schoolId, std::int64_t chatId,
                                                                std::int64_t userId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query = database_->statement("SELECT m.role FROM memberships m WHERE m.chat_id = ? AND m.user_id = ? AND m.school_id = ?")
                           .bind(1, chatId)
                           .bind(2, userId)
                           .bind(3, schoolId);
    std::optional<std::string> role;
    if (query.step()) role = query.text(0);
    query.reset();
    std::optional<policy::ChatMember> member;
    if (role) {
        if (const std::optional<policy::ChatRole> chatRole = policy::chatRoleFromName(*role)) {
            member = policy::ChatMember{subjectOf(userId), *chatRole};
        }
    }
    throwIfFailed();
    return member;
}

std::vector<LogEntry> SqliteServerStore::setPinned(const Moderation& moderation, std::int64_t messageId, bool pinned) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    std::vector<LogEntry> events;
    const std::optional<store::Message> message = messageLocked(messageId);
    if (message && message->pinned != pinned) {
        database_->statement("UPDATE messages SET pinned = ? WHERE id = ?").bind(1, std::int64_t{pinned ? 1 : 0}).bind(2, messageId).run();
        // A message's pinned travels in its copy, and the latest copy wins (protocol.md).
        appendEvent(moderation.schoolId, "message", moderation.chatId, std::nullopt, messageId);
        appendAudit(moderation.schoolId, moderation.nowMs, moderation.moderatorId, pinned ? "pin" : "unpin",
                    message->senderId, moderation.chatId, messageId);
        LogEntry entry;
        entry.type = LogEntry::Type::Message;
        entry.message = *messageLocked(messageId);
        events.push_back(std::move(entry));
    }
    commitOrThrow(*database_, transaction);
    return events;
}

std::vector<LogEntry> SqliteServerStore::setMuted(const Moderation& moderation, std::int64_t userId, bool muted) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    std::vector<LogEntry> events;
    const std::optional<std::string> role = membershipRoleLocked(moderation.chatId, userId);
    const std::string wanted = muted ? "readonly" : "member";
    // Unmuting gives back plain membership; it never promotes an owner or moderator's role.
    const bool changes = role && *role != wanted && (muted || *role == "readonly");
    if (changes) {
        database_->statement("UPDATE memberships SET role = ? WHERE chat_id = ? AND user_id = ?")
            .bind(1, wanted)
            .bind(2, moderation.chatId)
            .bind(3, userId)
            .run();
        appendEvent(moderation.schoolId, "membership", moderation.chatId, userId, std::nullopt);
        appendAudit(moderation.schoolId, moderation.nowMs, moderation.moderatorId, muted ? "mute_member" : "unmute_member",
                    userId, moderation.chatId, std::nullopt);
        LogEntry entry;
        entry.type = LogEntry::Type::Membership;
        entry.membership = {moderation.chatId, userId, wanted};
        entry.member = userLocked(userId);
        events.push_back(std::move(entry));
    }
    commitOrThrow(*database_, transaction);
    return events;
}

std::vector<LogEntry> SqliteServerStore::removeMember(const Moderation& moderation, std::int64_t userId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    std::vector<LogEntry> events;
    if (membershipRoleLocked(moderation.chatId, userId)) {
        database_->statement("DELETE FROM memberships WHERE chat_id = ? AND user_id = ?").bind(1, moderation.chatId).bind(2, userId).run();
        appendEvent(moderation.schoolId, "membership_removed", moderation.chatId, userId, std::nullopt);
        appendAudit(moderation.schoolId, moderation.nowMs, moderation.moderatorId, "remove_member", userId,
                    moderation.chatId, std::nullopt);
        LogEntry entry;
        entry.type = LogEntry::Type::MembershipRemoved;
        entry.membership = {moderation.chatId, userId, ""};
        events.push_back(std::move(entry));
    }
    commitOrThrow(*database_, transaction);
    return events;
}

bool SqliteServerStore::userIsInSchool(std::int64_t schoolId, std::int64_t userId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query =
        database_->statement("SELECT 1 FROM users WHERE id = ? AND school_id = ? AND deleted_at IS NULL").bind(1, userId).bind(2, schoolId);
    const bool found = query.step();
    query.reset();
    throwIfFailed();
    return found;
}

policy::Subject SqliteServerStore::subjectOf(std::int64_t userId) {
    policy::Subject subject;
    subject.userId = std::to_string(userId);
    Statement& person = database_->statement("SELECT verified, student_of FROM users WHERE id = ?").bind(1, userId);
    if (person.step()) {
        subject.verified = person.integer(0) != 0;
        subject.studentOf = person.optionalText(1).value_or("");
    }
    person.reset();
    Statement& roles = database_->statement("SELECT role FROM user_roles WHERE user_id = ?").bind(1, userId);
    while (roles.step()) {
        if (const auto role = policy::schoolRoleFromName(roles.text(0))) subject.roles.push_back(*role);
    }
    // In the policy's order, whatever order the rows come in.
    std::sort(subject.roles.begin(), subject.roles.end());
    Statement& classes =
        database_->statement("SELECT assignment, class_id FROM class_assignments WHERE user_id = ? ORDER BY class_id")
            .bind(1, userId);
    while (classes.step()) {
        (classes.text(0) == "class_teacher" ? subject.classTeacherOf : subject.teaches).push_back(classes.text(1));
    }
    // A child with no class yet has nothing the policy could look at.
    Statement& children = database_->statement(
        "SELECT c.id, c.student_of FROM parent_children p JOIN users c ON c.id = p.child_id "
        "WHERE p.parent_id = ? AND c.student_of IS NOT NULL ORDER BY c.id").bind(1, userId);
    while (children.step()) subject.children.push_back({std::to_string(children.integer(0)), children.text(1)});
    return subject;
}

store::User SqliteServerStore::user(std::int64_t userId) {
    std::lock_guard<std::mutex> lock(mutex_);
    store::User found = userLocked(userId);
    throwIfFailed();
    return found;
}

store::User SqliteServerStore::userLocked(std::int64_t userId) {
    store::User user;
    Statement& query = database_->statement("SELECT id, name FROM users WHERE id = ?").bind(1, userId);
    if (query.step()) {
        user.id = query.integer(0);
        user.name = query.text(1);
    }
    query.reset();
    std::vector<policy::SchoolRole> roles;
    Statement& roleRows = database_->statement("SELECT role FROM user_roles WHERE user_id = ?").bind(1, userId);
    while (roleRows.step()) {
        if (const auto role = policy::schoolRoleFromName(roleRows.text(0))) roles.push_back(*role);
    }
    user.role = primaryRole(roles);
    return user;
}

store::Chat SqliteServerStore::chatLocked(std::int64_t chatId) {
    store::Chat chat;
    Statement& query =
        database_->statement("SELECT id, kind, class_id, title, created_at FROM chats WHERE id = ?").bind(1, chatId);
    if (query.step()) {
        chat.id = query.integer(0);
        chat.kind = query.text(1);
        chat.classId = query.optionalText(2).value_or("");
        chat.title = query.text(3);
        chat.createdAt = query.integer(4);
    }
    query.reset();
    return chat;
}

std::optional<store::Message> SqliteServerStore::messageLocked(std::int64_t messageId) {
    Statement& query = database_->statement(std::string(kMessageColumns) + "WHERE id = ?").bind(1, messageId);
    std::optional<store::Message> message;
    if (query.step()) message = readMessage(query);
    query.reset();
    if (message && !message->deleted) {
        message->poll = pollLocked(messageId);
        message->attachments = attachmentsLocked(messageId);
    }
    return message;
}

std::optional<store::Message> SqliteServerStore::sharedMessageLocked(std::int64_t messageId) {
    // A publish wakes a hundred readers or so; a few hundred renderings cover any page of them.
    constexpr std::size_t kMaxSharedRenderings = 512;
    const std::int64_t changes = database_->totalChanges();
    if (changes != renderedAtChanges_ || renderedMessages_.size() >= kMaxSharedRenderings) {
        renderedMessages_.clear();
        renderedAtChanges_ = changes;
    }
    const auto found = renderedMessages_.find(messageId);
    if (found != renderedMessages_.end()) return found->second;
    std::optional<store::Message> message = messageLocked(messageId);
    renderedMessages_.emplace(messageId, message);
    return message;
}

std::optional<store::Poll> SqliteServerStore::pollLocked(std::int64_t messageId) {
    Statement& query =
        database_->statement("SELECT question, multiple_choice FROM polls WHERE message_id = ?").bind(1, messageId);
    std::optional<store::Poll> poll;
    if (query.step()) poll = store::Poll{query.text(0), query.integer(1) != 0, {}};
    query.reset();
    if (!poll) return poll;
    Statement& options =
        database_->statement("SELECT option_id, text FROM poll_options WHERE message_id = ? ORDER BY option_id")
            .bind(1, messageId);
    while (options.step()) poll->options.push_back({options.integer(0), options.text(1), 0, false});
    return poll;
}

std::vector<std::int64_t> SqliteServerStore::votesLocked(std::int64_t messageId, std::int64_t userId) {
    std::vector<std::int64_t> optionIds;
    Statement& query =
        database_->statement("SELECT option_id FROM poll_votes WHERE message_id = ? AND user_id = ? ORDER BY option_id")
            .bind(1, messageId)
            .bind(2, userId);
    while (query.step()) optionIds.push_back(query.integer(0));
    return optionIds;
}

std::int64_t SqliteServerStore::readPositionLocked(std::int64_t chatId, std::int64_t userId) {
    Statement& query = database_->statement("SELECT last_read_id FROM read_positions WHERE user_id = ? AND chat_id = ?")
                           .bind(1, userId)
                           .bind(2, chatId);
    const std::int64_t position = query.step() ? query.integer(0) : 0;
    query.reset();
    return position;
}

std::optional<ChatAccess> SqliteServerStore::chatAccess(std::int64_t schoolId, std::int64_t chatId, std::int64_t userId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query = database_->statement(
        "SELECT c.id, c.kind, c.class_id, c.title, c.created_at, m.role FROM chats c "
        "LEFT JOIN memberships m ON m.chat_id = c.id AND m.user_id = ? WHERE c.id = ? AND c.school_id = ?")
                           .bind(1, userId)
                           .bind(2, chatId)
                           .bind(3, schoolId);
    std::optional<ChatAccess> access;
    if (query.step()) {
        access.emplace();
        access->chat.id = query.integer(0);
        access->chat.kind = query.text(1);
        access->chat.classId = query.optionalText(2).value_or("");
        access->chat.title = query.text(3);
        access->chat.createdAt = query.integer(4);
        access->membershipRole = query.optionalText(5);
    }
    query.reset();
    throwIfFailed();
    return access;
}

std::optional<std::int64_t> SqliteServerStore::messageIdByClientIdLocked(std::int64_t senderId, const std::string& clientId) {
    Statement& query = database_->statement("SELECT id FROM messages WHERE sender_id = ? AND client_id = ?")
                           .bind(1, senderId)
                           .bind(2, clientId);
    const std::optional<std::int64_t> id = query.step() ? std::optional<std::int64_t>(query.integer(0)) : std::nullopt;
    query.reset();
    return id;
}

std::optional<store::Message> SqliteServerStore::messageByClientId(std::int64_t senderId, const std::string& clientId) {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::optional<std::int64_t> id = messageIdByClientIdLocked(senderId, clientId);
    std::optional<store::Message> message = id ? messageLocked(*id) : std::nullopt;
    throwIfFailed();
    return message;
}

std::optional<store::Message> SqliteServerStore::messageInChat(std::int64_t schoolId, std::int64_t chatId,
                                                               std::int64_t messageId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query = database_->statement("SELECT 1 FROM messages WHERE id = ? AND chat_id = ? AND school_id = ?")
                           .bind(1, messageId)
                           .bind(2, chatId)
                           .bind(3, schoolId);
    const bool found = query.step();
    query.reset();
    std::optional<store::Message> message = found ? messageLocked(messageId) : std::nullopt;
    throwIfFailed();
    return message;
}

StoredMessage SqliteServerStore::postMessage(const NewMessage& message) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    // Inside the write transaction, so two concurrent sends of one clientId cannot both insert.
    if (const std::optional<std::int64_t> existing = messageIdByClientIdLocked(message.senderId, message.clientId)) {
        std::optional<store::Message> stored = messageLocked(*existing);
        commitOrThrow(*database_, transaction);
        if (!stored) throw StoreFailure("the stored message could not be read back");
        return {*stored, false};
    }
    const std::int64_t id = insertedId(
        database_->statement("INSERT INTO messages (school_id, chat_id, sender_id, client_id, text, reply_to, server_time) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
            .bind(1, message.schoolId)
            .bind(2, message.chatId)
            .bind(3, message.senderId)
            .bind(4, message.clientId)
            .bind(5, message.text)
            .bind(6, message.replyTo)
            .bind(7, message.serverTime));
    if (message.poll) {
        database_->statement("INSERT INTO polls (school_id, message_id, question, multiple_choice) VALUES (?, ?, ?, ?)")
            .bind(1, message.schoolId)
            .bind(2, id)
            .bind(3, message.poll->question)
            .bind(4, std::int64_t{message.poll->multipleChoice ? 1 : 0})
            .run();
        std::int64_t optionId = 0;
        for (const std::string& option : message.poll->options) {
            database_->statement("INSERT INTO poll_options (school_id, message_id, option_id, text) VALUES (?, ?, ?, ?)")
                .bind(1, message.schoolId)
                .bind(2, id)
                .bind(3, ++optionId)
                .bind(4, option)
                .run();
        }
    }
    attachLocked(id, message.attachmentIds);
    appendEvent(message.schoolId, "message", message.chatId, std::nullopt, id);
    std::optional<store::Message> stored = messageLocked(id);
    commitOrThrow(*database_, transaction);
    if (!stored) throw StoreFailure("the stored message could not be read back");
    return {*stored, true};
}

std::vector<std::int64_t> SqliteServerStore::memberIds(std::int64_t chatId) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::int64_t> ids;
    Statement& query = database_->statement("SELECT user_id FROM memberships WHERE chat_id = ?").bind(1, chatId);
    while (query.step()) ids.push_back(query.integer(0));
    throwIfFailed();
    return ids;
}

std::vector<std::int64_t> SqliteServerStore::peopleToWake(std::int64_t chatId,
                                                          const std::vector<std::string>& readWithoutMembership) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::int64_t> ids;
    Statement& query = database_->statement(
        "SELECT user_id FROM memberships WHERE chat_id = ?1 "
        "AND (SELECT kind FROM chats WHERE id = ?1) NOT IN (SELECT value FROM json_each(?2)) "
        "UNION ALL SELECT u.id FROM users u JOIN chats c ON c.school_id = u.school_id "
        "WHERE c.id = ?1 AND c.kind IN (SELECT value FROM json_each(?2)) AND u.deleted_at IS NULL");
    query.bind(1, chatId).bind(2, kindNamesJson(readWithoutMembership));
    while (query.step()) ids.push_back(query.integer(0));
    throwIfFailed();
    return ids;
}

void SqliteServerStore::recordChange(std::int64_t schoolId, std::int64_t userId, const std::string& clientId,
                                     const char* kind, std::int64_t chatId, std::int64_t messageId,
                                     std::optional<std::string> text, std::optional<std::int64_t> editedAt,
                                     std::optional<std::string> optionIds) {
    database_->statement(
        "INSERT INTO change_requests (school_id, user_id, client_id, kind, chat_id, message_id, text, edited_at, option_ids) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, schoolId)
        .bind(2, userId)
        .bind(3, clientId)
        .bind(4, std::string_view(kind))
        .bind(5, chatId)
        .bind(6, messageId)
        .bind(7, text)
        .bind(8, editedAt)
        .bind(9, optionIds)
        .run();
}

std::optional<ChangeOutcome> SqliteServerStore::changeLocked(std::int64_t userId, const std::string& clientId) {
    Statement& query = database_->statement(
        "SELECT c.kind, c.chat_id, c.message_id, c.text, c.edited_at, c.option_ids, m.deleted FROM change_requests c "
        "JOIN messages m ON m.id = c.message_id WHERE c.user_id = ? AND c.client_id = ?")
                           .bind(1, userId)
                           .bind(2, clientId);
    if (!query.step()) {
        query.reset();
        return std::nullopt;
    }
    const std::string kind = query.text(0);
    const std::int64_t chatId = query.integer(1);
    const std::int64_t messageId = query.integer(2);
    const std::optional<std::string> text = query.optionalText(3);
    const std::optional<std::int64_t> editedAt = query.optionalInteger(4);
    const std::optional<std::string> optionIds = query.optionalText(5);
    const bool deleted = query.integer(6) != 0;
    query.reset();
    ChangeOutcome repeat;
    if (kind == "read") {
        repeat.events.push_back(readEntry(chatId, messageId));
    } else if (deleted || kind == "delete") {
        repeat.events.push_back(deletedEntry(messageId, chatId));
    } else if (kind == "edit") {
        repeat.events.push_back(editedEntry(messageId, chatId, text.value_or(""), editedAt.value_or(0)));
    } else {
        repeat.events.push_back(
            votesEntry(messageId, userId, nlohmann::json::parse(optionIds.value_or("[]")).get<std::vector<std::int64_t>>()));
    }
    return repeat;
}

std::optional<ChangeOutcome> SqliteServerStore::changeByClientId(std::int64_t userId, const std::string& clientId) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::optional<ChangeOutcome> repeat = changeLocked(userId, clientId);
    throwIfFailed();
    return repeat;
}

ChangeOutcome SqliteServerStore::editMessage(const NewEdit& edit) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    // Inside the write transaction, so two concurrent repeats cannot both apply.
    if (std::optional<ChangeOutcome> repeat = changeLocked(edit.editorId, edit.clientId)) {
        commitOrThrow(*database_, transaction);
        return *repeat;
    }
    const std::optional<store::Message> message = messageLocked(edit.messageId);
    if (!message) throw StoreFailure("the edited message is not stored");
    ChangeOutcome outcome;
    if (message->deleted) {
        recordChange(edit.schoolId, edit.editorId, edit.clientId, "edit", edit.chatId, edit.messageId, std::string(),
                     message->editedAt.value_or(message->serverTime), std::nullopt);
        outcome.events.push_back(deletedEntry(edit.messageId, edit.chatId));
    } else {
        // Strictly after the previous edit, even within one millisecond: the newest editedAt
        // wins the merge, and two texts may never share one (docs/protocol.md, merge rules).
        const std::int64_t editedAt = std::max(edit.nowMs, message->editedAt.value_or(0) + 1);
        database_->statement("UPDATE messages SET text = ?, edited_at = ? WHERE id = ?")
            .bind(1, edit.text)
            .bind(2, editedAt)
            .bind(3, edit.messageId)
            .run();
        recordChange(edit.schoolId, edit.editorId, edit.clientId, "edit", edit.chatId, edit.messageId, edit.text, editedAt,
                     std::nullopt);
        appendEvent(edit.schoolId, "message_edited", edit.chatId, std::nullopt, edit.messageId);
        outcome.events.push_back(editedEntry(edit.messageId, edit.chatId, edit.text, editedAt));
        outcome.published = true;
    }
    commitOrThrow(*database_, transaction);
    return outcome;
}

ChangeOutcome SqliteServerStore::deleteMessage(const NewDeletion& deletion) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    if (std::optional<ChangeOutcome> repeat = changeLocked(deletion.deletedBy, deletion.clientId)) {
        commitOrThrow(*database_, transaction);
        return *repeat;
    }
    const std::optional<store::Message> message = messageLocked(deletion.messageId);
    if (!message) throw StoreFailure("the deleted message is not stored");
    ChangeOutcome outcome;
    outcome.events.push_back(deletedEntry(deletion.messageId, deletion.chatId));
    recordChange(deletion.schoolId, deletion.deletedBy, deletion.clientId, "delete", deletion.chatId, deletion.messageId,
                 std::nullopt, std::nullopt, std::nullopt);
    if (!message->deleted) {
        // Deletion is final: the text, the texts of its edits, its poll and its attachments
        // go with it; the row keeps the message's place, and message_deletions who removed it
        // and when. An attachment's file may be another's too (same content), so it stays.
        database_->statement("UPDATE messages SET deleted = 1, text = '' WHERE id = ?").bind(1, deletion.messageId).run();
        database_->statement("UPDATE change_requests SET text = '' WHERE kind = 'edit' AND message_id = ?")
            .bind(1, deletion.messageId)
            .run();
        for (const char* table : {"poll_votes", "poll_options", "polls", "attachments"}) {
            database_->statement("DELETE FROM " + std::string(table) + " WHERE message_id = ?").bind(1, deletion.messageId).run();
        }
        database_->statement("INSERT INTO message_deletions (school_id, message_id, deleted_by, deleted_at) VALUES (?, ?, ?, ?)")
            .bind(1, deletion.schoolId)
            .bind(2, deletion.messageId)
            .bind(3, deletion.deletedBy)
            .bind(4, deletion.nowMs)
            .run();
        appendEvent(deletion.schoolId, "message_deleted", deletion.chatId, std::nullopt, deletion.messageId);
        // Removing someone else's message is moderation (delete_any), which the audit log keeps.
        if (message->senderId != deletion.deletedBy) {
            appendAudit(deletion.schoolId, deletion.nowMs, deletion.deletedBy, "delete_any", message->senderId,
                        deletion.chatId, deletion.messageId);
        }
        outcome.published = true;
    }
    commitOrThrow(*database_, transaction);
    return outcome;
}

ChangeOutcome SqliteServerStore::vote(const NewVote& vote) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    if (std::optional<ChangeOutcome> repeat = changeLocked(vote.voterId, vote.clientId)) {
        commitOrThrow(*database_, transaction);
        return *repeat;
    }
    const std::optional<store::Message> message = messageLocked(vote.messageId);
    if (!message) throw StoreFailure("the message voted on is not stored");
    std::vector<std::int64_t> optionIds = vote.optionIds;
    std::sort(optionIds.begin(), optionIds.end());
    recordChange(vote.schoolId, vote.voterId, vote.clientId, "vote", vote.chatId, vote.messageId, std::nullopt,
                 std::nullopt, nlohmann::json(optionIds).dump());
    ChangeOutcome outcome;
    if (message->deleted) {
        outcome.events.push_back(deletedEntry(vote.messageId, vote.chatId));
    } else {
        database_->statement("DELETE FROM poll_votes WHERE message_id = ? AND user_id = ?")
            .bind(1, vote.messageId)
            .bind(2, vote.voterId)
            .run();
        for (const std::int64_t optionId : optionIds) {
            database_->statement("INSERT INTO poll_votes (school_id, message_id, user_id, option_id) VALUES (?, ?, ?, ?)")
                .bind(1, vote.schoolId)
                .bind(2, vote.messageId)
                .bind(3, vote.voterId)
                .bind(4, optionId)
                .run();
        }
        appendEvent(vote.schoolId, "poll_votes", vote.chatId, vote.voterId, vote.messageId);
        outcome.events.push_back(votesEntry(vote.messageId, vote.voterId, std::move(optionIds)));
        outcome.published = true;
    }
    commitOrThrow(*database_, transaction);
    return outcome;
}

ChangeOutcome SqliteServerStore::markRead(const NewReadPosition& position) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    if (std::optional<ChangeOutcome> repeat = changeLocked(position.readerId, position.clientId)) {
        commitOrThrow(*database_, transaction);
        return *repeat;
    }
    const std::int64_t current = readPositionLocked(position.chatId, position.readerId);
    ChangeOutcome outcome;
    outcome.published = position.lastReadId > current;
    const std::int64_t answered = std::max(current, position.lastReadId);
    if (outcome.published) {
        database_->statement(
            "INSERT INTO read_positions (school_id, chat_id, user_id, last_read_id) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_id, chat_id) DO UPDATE SET last_read_id = excluded.last_read_id")
            .bind(1, position.schoolId)
            .bind(2, position.chatId)
            .bind(3, position.readerId)
            .bind(4, answered)
            .run();
        appendEvent(position.schoolId, "read_state", position.chatId, position.readerId, std::nullopt);
    }
    recordChange(position.schoolId, position.readerId, position.clientId, "read", position.chatId, answered, std::nullopt,
                 std::nullopt, std::nullopt);
    outcome.events.push_back(readEntry(position.chatId, answered));
    commitOrThrow(*database_, transaction);
    return outcome;
}

std::vector<ChatAccess> SqliteServerStore::memberChats(std::int64_t schoolId, std::int64_t userId,
                                                      const std::vector<std::string>& readWithoutMembership) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<ChatAccess> chats;
    Statement& query = database_->statement(
        "SELECT c.id, c.kind, c.class_id, c.title, c.created_at, m.role FROM memberships m "
        "JOIN chats c ON c.id = m.chat_id WHERE m.user_id = ?1 AND m.school_id = ?2 "
        "UNION ALL SELECT c.id, c.kind, c.class_id, c.title, c.created_at, NULL FROM chats c "
        "WHERE c.school_id = ?2 AND c.kind IN (SELECT value FROM json_each(?3)) "
        "AND NOT EXISTS (SELECT 1 FROM memberships WHERE chat_id = c.id AND user_id = ?1) ORDER BY 1")
                           .bind(1, userId)
                           .bind(2, schoolId)
                           .bind(3, kindNamesJson(readWithoutMembership));
    while (query.step()) {
        ChatAccess access;
        access.chat.id = query.integer(0);
        access.chat.kind = query.text(1);
        access.chat.classId = query.optionalText(2).value_or("");
        access.chat.title = query.text(3);
        access.chat.createdAt = query.integer(4);
        access.membershipRole = query.optionalText(5);
        chats.push_back(std::move(access));
    }
    throwIfFailed();
    return chats;
}

LogRead SqliteServerStore::readLog(std::int64_t schoolId, std::int64_t readerId, const std::vector<std::int64_t>& chatIds,
                                   std::int64_t afterEventId, int limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    // One transaction, so the log rows and the state they render come from one snapshot.
    Transaction transaction(*database_);
    const std::set<std::int64_t> readable(chatIds.begin(), chatIds.end());

    struct Row {
        std::int64_t id;
        std::string type;
        std::int64_t chatId;
        std::optional<std::int64_t> userId;
        std::optional<std::int64_t> messageId;
    };
    std::vector<Row> rows;
    Statement& log = database_->statement(
        "SELECT id, type, chat_id, user_id, message_id FROM events WHERE school_id = ? AND id > ? ORDER BY id LIMIT ?")
                         .bind(1, schoolId)
                         .bind(2, afterEventId)
                         .bind(3, std::int64_t{limit});
    while (log.step()) {
        rows.push_back({log.integer(0), log.text(1), log.integer(2), log.optionalInteger(3), log.optionalInteger(4)});
    }

    LogRead read;
    read.lastExamined = rows.empty() ? afterEventId : rows.back().id;
    for (const Row& row : rows) {
        // A removal reaches the removed person as well, whose chat it no longer is.
        const bool ownRemoval = row.type == "membership_removed" && row.userId == readerId;
        if (readable.count(row.chatId) == 0 && !ownRemoval) continue;
        LogEntry entry;
        if (row.type == "chat") {
            entry.type = LogEntry::Type::Chat;
            entry.chat = chatLocked(row.chatId);
        } else if (row.type == "membership") {
            entry.type = LogEntry::Type::Membership;
            Statement& membership =
                database_->statement("SELECT role FROM memberships WHERE chat_id = ? AND user_id = ?").bind(1, row.chatId).bind(2, *row.userId);
            const std::optional<std::string> role = membership.step() ? std::optional<std::string>(membership.text(0)) : std::nullopt;
            membership.reset();
            // A member removed since: the removal, later in the log, speaks of it.
            if (!role) continue;
            entry.membership = {row.chatId, *row.userId, *role};
            entry.member = userLocked(*row.userId);
        } else if (row.type == "membership_removed") {
            entry.type = LogEntry::Type::MembershipRemoved;
            entry.membership = {row.chatId, *row.userId, ""};
        } else if (row.type == "user") {
            entry.type = LogEntry::Type::User;
            entry.member = userLocked(*row.userId);
        } else if (row.type == "message") {
            entry.type = LogEntry::Type::Message;
            std::optional<store::Message> message = sharedMessageLocked(*row.messageId);
            if (!message) continue;
            entry.message = std::move(*message);
        } else if (row.type == "message_deleted") {
            entry = deletedEntry(*row.messageId, row.chatId);
        } else if (row.type == "read_state") {
            // A read position is its reader's alone: their other devices see it, nobody else.
            if (*row.userId != readerId) continue;
            entry = readEntry(row.chatId, readPositionLocked(row.chatId, readerId));
        } else {
            // An edit or a vote renders the message's state now; once it is deleted, nothing
            // but the deletion's own row, later in the log, speaks of it.
            const std::optional<store::Message> message = sharedMessageLocked(*row.messageId);
            if (!message || message->deleted) continue;
            entry = row.type == "message_edited"
                        ? editedEntry(message->id, message->chatId, message->text, message->editedAt.value_or(0))
                        : votesEntry(message->id, *row.userId, votesLocked(message->id, *row.userId));
        }
        entry.eventId = row.id;
        read.entries.push_back(std::move(entry));
    }
    // `more` promises something to read: events the reader may see, not merely later rows, so
    // a client that follows it is never sent into a long-poll. The chats go in as one JSON array.
    std::string chatList = "[";
    for (const std::int64_t chatId : readable) chatList += (chatList.size() > 1 ? "," : "") + std::to_string(chatId);
    chatList += "]";
    Statement& later = database_->statement(
        "SELECT EXISTS (SELECT 1 FROM events WHERE school_id = ? AND id > ? "
        "AND ((chat_id IN (SELECT value FROM json_each(?)) AND (type <> 'read_state' OR user_id = ?)) "
        "OR (type = 'membership_removed' AND user_id = ?)))")
                           .bind(1, schoolId)
                           .bind(2, read.lastExamined)
                           .bind(3, chatList)
                           .bind(4, readerId)
                           .bind(5, readerId);
    read.more = later.step() && later.integer(0) != 0;
    later.reset();
    commitOrThrow(*database_, transaction);
    return read;
}

std::int64_t SqliteServerStore::profileVersion(std::int64_t userId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query = database_->statement("SELECT profile_version FROM users WHERE id = ?").bind(1, userId);
    const std::int64_t version = query.step() ? query.integer(0) : 0;
    query.reset();
    throwIfFailed();
    return version;
}

bool SqliteServerStore::gainedChatWithEarlierEvents(std::int64_t schoolId, std::int64_t readerId,
                                                    const std::vector<std::int64_t>& memberChatIds,
                                                    const std::vector<std::int64_t>& readWithoutJoiningIds,
                                                    std::int64_t afterEventId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_);
    Statement& earlier = database_->statement(
        "SELECT EXISTS (SELECT 1 FROM events WHERE school_id = ?1 AND chat_id = ?2 AND id <= ?3)");
    Statement& joinedAfter = database_->statement(
        "SELECT coalesce((SELECT max(id) FROM events WHERE school_id = ?1 AND chat_id = ?2 AND type = 'membership' "
        "AND user_id = ?3), 0) > ?4");
    const auto hasEarlierEvents = [&](std::int64_t chatId) {
        earlier.bind(1, schoolId).bind(2, chatId).bind(3, afterEventId);
        const bool found = earlier.step() && earlier.integer(0) != 0;
        earlier.reset();
        return found;
    };
    bool gained = false;
    for (const std::int64_t chatId : memberChatIds) {
        joinedAfter.bind(1, schoolId).bind(2, chatId).bind(3, readerId).bind(4, afterEventId);
        const bool joined = joinedAfter.step() && joinedAfter.integer(0) != 0;
        joinedAfter.reset();
        if (joined && hasEarlierEvents(chatId)) gained = true;
    }
    for (const std::int64_t chatId : readWithoutJoiningIds) {
        if (!gained && hasEarlierEvents(chatId)) gained = true;
    }
    throwIfFailed();
    return gained;
}

std::int64_t SqliteServerStore::lastEventId(std::int64_t schoolId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query =
        database_->statement("SELECT coalesce(max(id), 0) FROM events WHERE school_id = ?").bind(1, schoolId);
    const std::int64_t id = query.step() ? query.integer(0) : 0;
    query.reset();
    throwIfFailed();
    return id;
}

}  // namespace parta::server
