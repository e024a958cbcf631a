// SqliteServerStore's invites and join requests (migration 0004_invites.sql), apart from the
// rest of the store so each stays readable.
#include <algorithm>

#include "store/database.h"
#include "store/sqlite_server_store.h"
#include "store/store_failure.h"
#include "store/sqlite_commit.h"
#include "store/transaction.h"

namespace parta::server {

namespace {

using store::Database;
using store::Durability;
using store::Statement;
using store::Transaction;

constexpr std::string_view kInviteColumns =
    "SELECT i.id, i.school_id, i.chat_id, i.class_id, i.granted_role, i.label, i.created_by, i.created_at, "
    "i.expires_at, i.usage_limit, i.uses, i.requires_approval, i.revoked_at IS NOT NULL, "
    "c.kind, c.title, c.created_at FROM invites i LEFT JOIN chats c ON c.id = i.chat_id ";

constexpr std::string_view kRequestColumns =
    "SELECT id, invite_id, user_id, child_name, state, created_at FROM join_requests ";

Invite readInvite(const Statement& row) {
    Invite invite;
    invite.id = row.integer(0);
    invite.schoolId = row.integer(1);
    invite.classId = row.optionalText(3).value_or("");
    if (const std::optional<std::int64_t> chatId = row.optionalInteger(2)) {
        invite.chat = store::Chat{*chatId, row.text(13), row.text(14), row.integer(15), invite.classId};
    }
    invite.grantedRole = policy::schoolRoleFromName(row.text(4)).value_or(policy::SchoolRole::Student);
    invite.label = row.text(5);
    invite.createdBy = row.integer(6);
    invite.createdAt = row.integer(7);
    invite.expiresAt = row.integer(8);
    invite.usageLimit = static_cast<int>(row.integer(9));
    invite.uses = static_cast<int>(row.integer(10));
    invite.requiresApproval = row.integer(11) != 0;
    invite.revoked = row.integer(12) != 0;
    return invite;
}

JoinRequestState requestStateFromName(const std::string& name) {
    if (name == "approved") return JoinRequestState::Approved;
    if (name == "declined") return JoinRequestState::Declined;
    return JoinRequestState::Pending;
}

}  // namespace

std::int64_t SqliteServerStore::createInvite(const NewInvite& invite) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    Statement& insert = database_->statement(
        "INSERT INTO invites (school_id, code_hash, chat_id, class_id, granted_role, label, created_by, created_at, "
        "expires_at, usage_limit, requires_approval) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    insert.bind(1, invite.schoolId)
        .bind(2, invite.codeHash)
        .bind(3, invite.chatId)
        .bind(4, invite.classId.empty() ? std::optional<std::string>() : invite.classId)
        .bind(5, policy::nameOf(invite.grantedRole))
        .bind(6, invite.label)
        .bind(7, invite.createdBy)
        .bind(8, invite.createdAt)
        .bind(9, invite.expiresAt)
        .bind(10, std::int64_t{invite.usageLimit})
        .bind(11, std::int64_t{invite.requiresApproval ? 1 : 0});
    const std::int64_t id = insert.step() ? insert.integer(0) : 0;
    while (insert.step()) {
    }
    commitOrThrow(*database_, transaction);
    return id;
}

std::vector<Invite> SqliteServerStore::invitesLocked(Statement& query) {
    std::vector<Invite> found;
    while (query.step()) found.push_back(readInvite(query));
    return found;
}

std::optional<Invite> SqliteServerStore::inviteLocked(std::int64_t schoolId, std::int64_t inviteId) {
    std::vector<Invite> found = invitesLocked(
        database_->statement(std::string(kInviteColumns) + "WHERE i.school_id = ? AND i.id = ?").bind(1, schoolId).bind(2, inviteId));
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<Invite> SqliteServerStore::inviteByCodeHash(const std::string& codeHash) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Invite> found =
        invitesLocked(database_->statement(std::string(kInviteColumns) + "WHERE i.code_hash = ?").bind(1, codeHash));
    throwIfFailed();
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<Invite> SqliteServerStore::invite(std::int64_t schoolId, std::int64_t inviteId) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::optional<Invite> found = inviteLocked(schoolId, inviteId);
    throwIfFailed();
    return found;
}

std::vector<Invite> SqliteServerStore::invites(std::int64_t schoolId, const std::string& classId) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Invite> found = invitesLocked(
        database_->statement(std::string(kInviteColumns) + "WHERE i.school_id = ?1 AND (?2 = '' OR i.class_id = ?2) ORDER BY i.id DESC")
            .bind(1, schoolId)
            .bind(2, classId));
    throwIfFailed();
    return found;
}

std::string SqliteServerStore::schoolName(std::int64_t schoolId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query = database_->statement("SELECT name FROM schools WHERE id = ?").bind(1, schoolId);
    std::string name = query.step() ? query.text(0) : std::string();
    query.reset();
    throwIfFailed();
    return name;
}

std::optional<std::string> SqliteServerStore::studentClass(std::int64_t schoolId, std::int64_t userId) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& query = database_->statement(
        "SELECT u.student_of FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'student' "
        "WHERE u.id = ? AND u.school_id = ? AND u.student_of IS NOT NULL")
                           .bind(1, userId)
                           .bind(2, schoolId);
    std::optional<std::string> classId = query.step() ? std::optional<std::string>(query.text(0)) : std::nullopt;
    query.reset();
    throwIfFailed();
    return classId;
}

bool SqliteServerStore::grantLocked(const Invite& invite, std::int64_t userId, std::optional<std::int64_t> childId,
                                    std::vector<std::int64_t>& joinedChats) {
    bool changed = false;
    database_->statement("INSERT OR IGNORE INTO user_roles (school_id, user_id, role) VALUES (?, ?, ?)")
        .bind(1, invite.schoolId)
        .bind(2, userId)
        .bind(3, policy::nameOf(invite.grantedRole))
        .run();
    changed |= database_->changes() > 0;
    // A student of a class-bound link becomes a student of that class (the policy's own-class
    // rule then lets them into its chats); one who already has a class keeps it.
    if (invite.grantedRole == policy::SchoolRole::Student && !invite.classId.empty()) {
        database_->statement("UPDATE users SET student_of = ? WHERE id = ? AND student_of IS NULL")
            .bind(1, invite.classId)
            .bind(2, userId)
            .run();
        changed |= database_->changes() > 0;
    }
    if (childId) {
        database_->statement("INSERT OR IGNORE INTO parent_children (school_id, parent_id, child_id) VALUES (?, ?, ?)")
            .bind(1, invite.schoolId)
            .bind(2, userId)
            .bind(3, *childId)
            .run();
        changed |= database_->changes() > 0;
    }
    // The chats the destination admits to: the chat itself; for a class, its class chat; for
    // the school (teachers), «Учительская» when the school has one.
    std::vector<std::int64_t> chats;
    if (invite.chat) {
        chats.push_back(invite.chat->id);
    } else {
        const bool toClass = !invite.classId.empty();
        Statement& query = database_->statement(
            "SELECT id FROM chats WHERE school_id = ? AND kind = ? AND (class_id = ? OR ? = '') ORDER BY id");
        query.bind(1, invite.schoolId)
            .bind(2, std::string_view(toClass ? "class_chat" : "teachers_room"))
            .bind(3, invite.classId)
            .bind(4, invite.classId);
        while (query.step()) chats.push_back(query.integer(0));
    }
    for (const std::int64_t chatId : chats) {
        database_->statement("INSERT OR IGNORE INTO memberships (school_id, chat_id, user_id, role) VALUES (?, ?, ?, 'member')")
            .bind(1, invite.schoolId)
            .bind(2, chatId)
            .bind(3, userId)
            .run();
        if (database_->changes() == 0) continue;
        // The chat's own row again, after the newcomer's cursor: they learn the chat exists
        // before its membership names it; for everyone else it is an upsert of the same chat.
        appendEvent(invite.schoolId, "chat", chatId, std::nullopt, std::nullopt);
        appendEvent(invite.schoolId, "membership", chatId, userId, std::nullopt);
        joinedChats.push_back(chatId);
        changed = true;
    }
    return changed;
}

AdmissionOutcome SqliteServerStore::admit(const Admission& admission) {
    using Result = AdmissionOutcome::Result;
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    AdmissionOutcome outcome;
    // Checked again inside the write transaction: a link revoked or used up since the endpoint
    // read it admits nobody, and two last uses cannot both pass.
    const std::optional<Invite> found = inviteLocked(admission.schoolId, admission.inviteId);
    if (!found) return outcome;
    const Invite& invite = *found;
    switch (invite.stateAt(admission.nowMs)) {
        case InviteState::Revoked: return outcome;
        case InviteState::Expired: outcome.result = Result::Expired; return outcome;
        case InviteState::Exhausted: outcome.result = Result::UsageLimitReached; return outcome;
        case InviteState::Active: break;
    }
    outcome.userId = admission.userId;
    if (admission.newAccount) {
        Statement& taken = database_->statement("SELECT 1 FROM users WHERE login = ?").bind(1, admission.newAccount->login);
        const bool loginTaken = taken.step();
        taken.reset();
        if (loginTaken) {
            outcome.result = Result::LoginTaken;
            return outcome;
        }
        NewUser user = *admission.newAccount;
        user.schoolId = invite.schoolId;
        // A link that needs approval grants its role only then: until it, the account is in
        // the school but holds no role, and the policy lets it read nothing, not even the
        // school channel (002 §2: only the school's participants).
        user.roles.clear();
        if (!invite.requiresApproval) user.roles = {invite.grantedRole};
        user.createdAt = admission.nowMs;
        outcome.userId = insertUserLocked(user);
    }
    if (invite.requiresApproval) {
        Statement& pending = database_->statement(
            "SELECT 1 FROM join_requests WHERE invite_id = ? AND user_id = ? AND state = 'pending'")
                                 .bind(1, invite.id)
                                 .bind(2, outcome.userId);
        const bool alreadyPending = pending.step();
        pending.reset();
        if (alreadyPending) {
            outcome.result = Result::RequestAlreadyPending;
            return outcome;
        }
        Statement& file = database_->statement(
            "INSERT INTO join_requests (school_id, invite_id, user_id, child_name, state, created_at) "
            "VALUES (?, ?, ?, ?, 'pending', ?) RETURNING id");
        file.bind(1, invite.schoolId)
            .bind(2, invite.id)
            .bind(3, outcome.userId)
            .bind(4, admission.childName.empty() ? std::optional<std::string>() : admission.childName)
            .bind(5, admission.nowMs);
        outcome.requestId = file.step() ? file.integer(0) : 0;
        while (file.step()) {
        }
        outcome.result = Result::RequestFiled;
    } else if (grantLocked(invite, outcome.userId, std::nullopt, outcome.joinedChats) || admission.newAccount) {
        outcome.result = Result::Joined;
    } else {
        // The person held all the link grants: nothing is written, no use is counted.
        outcome.result = Result::AlreadyMember;
        return outcome;
    }
    database_->statement("UPDATE invites SET uses = uses + 1 WHERE id = ?").bind(1, invite.id).run();
    commitOrThrow(*database_, transaction);
    return outcome;
}

int SqliteServerStore::revokeInvites(const Administration& by, const std::vector<std::int64_t>& inviteIds, bool onlyUnused) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    const int revoked = revokeInvitesLocked(by, inviteIds, onlyUnused);
    commitOrThrow(*database_, transaction);
    return revoked;
}

int SqliteServerStore::revokeInvitesLocked(const Administration& by, const std::vector<std::int64_t>& inviteIds,
                                           bool onlyUnused) {
    int revoked = 0;
    for (const std::int64_t inviteId : inviteIds) {
        Statement& revoke = database_->statement(
            "UPDATE invites SET revoked_at = ?1 WHERE id = ?2 AND school_id = ?3 AND revoked_at IS NULL "
            "AND expires_at > ?1 AND uses < usage_limit AND (?4 = 0 OR uses = 0) RETURNING coalesce(class_id, '')");
        revoke.bind(1, by.nowMs).bind(2, inviteId).bind(3, by.schoolId).bind(4, std::int64_t{onlyUnused ? 1 : 0});
        const bool changed = revoke.step();
        const std::string classId = changed ? revoke.text(0) : std::string();
        while (revoke.step()) {
        }
        if (!changed) continue;
        ++revoked;
        appendAudit(by.schoolId, by.nowMs, by.actorId, "revoke_invite", std::nullopt, std::nullopt, std::nullopt, classId,
                    inviteId);
    }
    return revoked;
}

std::vector<JoinRequest> SqliteServerStore::joinRequestsLocked(std::int64_t schoolId, Statement& query) {
    struct Row {
        JoinRequest request;
        std::int64_t inviteId;
    };
    std::vector<Row> rows;
    while (query.step()) {
        Row row;
        row.request.id = query.integer(0);
        row.inviteId = query.integer(1);
        row.request.person.id = query.integer(2);
        row.request.childName = query.optionalText(3).value_or("");
        row.request.state = requestStateFromName(query.text(4));
        row.request.createdAt = query.integer(5);
        rows.push_back(std::move(row));
    }
    std::vector<JoinRequest> requests;
    for (Row& row : rows) {
        std::optional<Invite> invite = inviteLocked(schoolId, row.inviteId);
        if (!invite) continue;
        row.request.invite = std::move(*invite);
        row.request.personSubject = subjectOf(row.request.person.id);
        row.request.person = userLocked(row.request.person.id);
        requests.push_back(std::move(row.request));
    }
    return requests;
}

std::vector<JoinRequest> SqliteServerStore::pendingJoinRequests(std::int64_t schoolId) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<JoinRequest> requests = joinRequestsLocked(
        schoolId, database_->statement(std::string(kRequestColumns) + "WHERE school_id = ? AND state = 'pending' ORDER BY id")
                      .bind(1, schoolId));
    throwIfFailed();
    return requests;
}

std::optional<JoinRequest> SqliteServerStore::joinRequest(std::int64_t schoolId, std::int64_t requestId) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<JoinRequest> requests = joinRequestsLocked(
        schoolId,
        database_->statement(std::string(kRequestColumns) + "WHERE school_id = ? AND id = ?").bind(1, schoolId).bind(2, requestId));
    throwIfFailed();
    if (requests.empty()) return std::nullopt;
    return requests.front();
}

JoinDecisionOutcome SqliteServerStore::decideJoinRequest(const JoinDecision& decision) {
    std::lock_guard<std::mutex> lock(mutex_);
    Transaction transaction(*database_, Durability::Full);
    JoinDecisionOutcome outcome;
    std::vector<JoinRequest> requests =
        joinRequestsLocked(decision.schoolId, database_->statement(std::string(kRequestColumns) +
                                                                   "WHERE school_id = ? AND id = ? AND state = 'pending'")
                                                  .bind(1, decision.schoolId)
                                                  .bind(2, decision.requestId));
    if (requests.empty()) return outcome;
    const JoinRequest& request = requests.front();
    if (decision.approve) grantLocked(request.invite, request.person.id, decision.childId, outcome.joinedChats);
    database_->statement("UPDATE join_requests SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?")
        .bind(1, std::string_view(decision.approve ? "approved" : "declined"))
        .bind(2, decision.decidedBy)
        .bind(3, decision.nowMs)
        .bind(4, decision.requestId)
        .run();
    outcome.decided = true;
    commitOrThrow(*database_, transaction);
    return outcome;
}

}  // namespace parta::server
