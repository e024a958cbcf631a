#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "store/server_store.h"

namespace parta::store {
class Database;
class Statement;
}  // namespace parta::store

namespace parta::server {

// ServerStore on one SQLite file in WAL mode, every write committed with synchronous=FULL
// before it is acknowledged (issue 13: durable before the answer, as ejabberd's archive runs).
// One connection behind a mutex: SQLite takes one writer at a time anyway, and the reads are
// short; reader connections are a lever for the benchmark, not for correctness.
//
// Throws StoreFailure when the file cannot be opened or migrated, or a statement fails.
class SqliteServerStore final : public ServerStore {
public:
    explicit SqliteServerStore(const std::string& path);
    ~SqliteServerStore() override;

    std::int64_t createSchool(const std::string& name) override;
    std::int64_t createUser(const NewUser& user) override;
    std::int64_t createChat(const NewChat& chat) override;
    void addMember(std::int64_t chatId, std::int64_t userId, const std::string& role) override;
    bool holdsAnySchool() override;

    std::optional<Credentials> credentials(const std::string& login) override;
    void createSession(const std::string& tokenHash, std::int64_t userId, std::int64_t nowMs,
                       std::int64_t expiresAtMs) override;
    std::optional<Account> sessionAccount(const std::string& tokenHash, std::int64_t nowMs) override;
    void endSession(const std::string& tokenHash) override;
    std::vector<SessionInfo> sessions(std::int64_t userId, std::int64_t nowMs) override;
    int endAllSessions(std::int64_t userId, std::int64_t nowMs, std::optional<std::int64_t> byAdminId) override;
    std::optional<std::string> passwordHash(std::int64_t userId) override;
    std::vector<std::int64_t> deleteAccount(std::int64_t userId, std::int64_t nowMs) override;
    AuditPage auditLog(std::int64_t schoolId, std::int64_t beforeId, int limit) override;
    std::vector<std::int64_t> audience(std::int64_t schoolId, policy::Audience audience, const std::string& classId) override;
    std::optional<std::int64_t> createChatWithMembers(const NewChat& chat,
                                                      const std::vector<std::pair<std::int64_t, std::string>>& members,
                                                      bool onePerSchool) override;
    std::optional<store::Chat> directChatBetween(std::int64_t schoolId, std::int64_t oneId, std::int64_t otherId) override;
    std::optional<policy::ChatMember> chatMember(std::int64_t schoolId, std::int64_t chatId, std::int64_t userId) override;
    std::vector<LogEntry> setPinned(const Moderation& moderation, std::int64_t messageId, bool pinned) override;
    std::vector<LogEntry> setMuted(const Moderation& moderation, std::int64_t userId, bool muted) override;
    std::vector<LogEntry> removeMember(const Moderation& moderation, std::int64_t userId) override;
    bool userIsInSchool(std::int64_t schoolId, std::int64_t userId) override;
    store::User user(std::int64_t userId) override;
    std::optional<Account> account(std::int64_t userId) override;

    std::optional<ChatAccess> chatAccess(std::int64_t schoolId, std::int64_t chatId, std::int64_t userId) override;
    std::optional<store::Message> messageByClientId(std::int64_t senderId, const std::string& clientId) override;
    std::optional<store::Message> messageInChat(std::int64_t schoolId, std::int64_t chatId,
                                                std::int64_t messageId) override;
    StoredMessage postMessage(const NewMessage& message) override;
    std::vector<std::int64_t> memberIds(std::int64_t chatId) override;
    std::vector<std::int64_t> peopleToWake(std::int64_t chatId, const std::vector<std::string>& readWithoutMembership) override;

    std::optional<ChangeOutcome> changeByClientId(std::int64_t userId, const std::string& clientId) override;
    ChangeOutcome editMessage(const NewEdit& edit) override;
    ChangeOutcome deleteMessage(const NewDeletion& deletion) override;
    ChangeOutcome vote(const NewVote& vote) override;
    ChangeOutcome markRead(const NewReadPosition& position) override;

    std::vector<ChatAccess> memberChats(std::int64_t schoolId, std::int64_t userId,
                                        const std::vector<std::string>& readWithoutMembership) override;
    LogRead readLog(std::int64_t schoolId, std::int64_t readerId, const std::vector<std::int64_t>& chatIds,
                    std::int64_t afterEventId, int limit) override;
    bool gainedChatWithEarlierEvents(std::int64_t schoolId, std::int64_t readerId,
                                     const std::vector<std::int64_t>& memberChatIds,
                                     const std::vector<std::int64_t>& readWithoutJoiningIds,
                                     std::int64_t afterEventId) override;
    std::int64_t lastEventId(std::int64_t schoolId) override;
    std::int64_t profileVersion(std::int64_t userId) override;

    // In sqlite_server_store_invites.cpp.
    std::int64_t createInvite(const NewInvite& invite) override;
    std::optional<Invite> inviteByCodeHash(const std::string& codeHash) override;
    std::optional<Invite> invite(std::int64_t schoolId, std::int64_t inviteId) override;
    std::vector<Invite> invites(std::int64_t schoolId, const std::string& classId) override;
    std::string schoolName(std::int64_t schoolId) override;
    std::optional<std::string> studentClass(std::int64_t schoolId, std::int64_t userId) override;
    AdmissionOutcome admit(const Admission& admission) override;
    int revokeInvites(const Administration& by, const std::vector<std::int64_t>& inviteIds, bool onlyUnused) override;
    std::vector<JoinRequest> pendingJoinRequests(std::int64_t schoolId) override;
    std::optional<JoinRequest> joinRequest(std::int64_t schoolId, std::int64_t requestId) override;
    JoinDecisionOutcome decideJoinRequest(const JoinDecision& decision) override;

    // In sqlite_server_store_activity.cpp.
    std::vector<TeacherActivity> teacherActivity(std::int64_t schoolId, const std::vector<activity::Week>& weeks) override;
    std::vector<ClassActivation> classActivation(std::int64_t schoolId) override;

    // In sqlite_server_store_administration.cpp.
    bool createClass(const Administration& by, const std::string& classId) override;
    bool classExists(std::int64_t schoolId, const std::string& classId) override;
    std::vector<SchoolClass> classes(std::int64_t schoolId) override;
    std::vector<SchoolPerson> people(std::int64_t schoolId) override;
    bool verifyTeacher(const Administration& by, std::int64_t userId) override;
    AssignmentOutcome setAssignment(const Administration& by, const AssignmentChange& change) override;
    AdminAppointment setAdmin(const Administration& by, std::int64_t userId, bool admin) override;
    StudentMoveOutcome moveStudent(const Administration& by, std::int64_t userId, const std::string& classId,
                                   const ClassChatKinds& kinds) override;

    // In sqlite_server_store_roster.cpp.
    std::vector<RosterEntry> roster(std::int64_t schoolId, const std::string& classId) override;
    std::int64_t addRosterEntry(const Administration& by, const NewRosterEntry& entry) override;
    std::vector<store::User> rosterAccounts(std::int64_t schoolId, const std::string& classId, RosterKind kind) override;
    std::optional<RosterEntry> rosterEntry(std::int64_t schoolId, std::int64_t entryId) override;
    RosterLink linkRosterEntry(const Administration& by, std::int64_t entryId, std::optional<std::int64_t> userId) override;
    bool removeRosterEntry(const Administration& by, std::int64_t entryId) override;

    // In sqlite_server_store_attachments.cpp.
    std::int64_t createAttachment(const NewAttachment& attachment) override;
    std::optional<StoredAttachment> attachmentFor(std::int64_t schoolId, std::int64_t attachmentId,
                                                  std::int64_t readerId) override;
    std::size_t unsentUploadsAmong(std::int64_t schoolId, std::int64_t chatId, std::int64_t uploaderId,
                                   const std::vector<std::int64_t>& attachmentIds) override;

private:
    void throwIfFailed();
    std::int64_t insertUserLocked(const NewUser& user);
    // Set-up names classes by the strings people and chats carry; each is the school's class.
    void ensureClassLocked(std::int64_t schoolId, const std::string& classId, std::int64_t createdAt);
    std::vector<Invite> invitesLocked(store::Statement& query);
    std::optional<Invite> inviteLocked(std::int64_t schoolId, std::int64_t inviteId);
    std::vector<JoinRequest> joinRequestsLocked(std::int64_t schoolId, store::Statement& query);
    // What a link grants, given to the person; false when they held all of it already.
    bool grantLocked(const Invite& invite, std::int64_t userId, std::optional<std::int64_t> childId,
                     std::vector<std::int64_t>& joinedChats);
    policy::Subject subjectOf(std::int64_t userId);
    store::User userLocked(std::int64_t userId);
    store::Chat chatLocked(std::int64_t chatId);
    std::optional<store::Message> messageLocked(std::int64_t messageId);
    // messageLocked for readLog, shared between readers: one message event wakes every member
    // of its chat, and each renders the same message. A rendering is reused while nothing has
    // been written since it was made (totalChanges), so it is always the committed state; only
    // read-only transactions make them, so a rolled-back write never leaves one behind.
    std::optional<store::Message> sharedMessageLocked(std::int64_t messageId);
    std::optional<std::string> membershipRoleLocked(std::int64_t chatId, std::int64_t userId);
    std::optional<std::int64_t> messageIdByClientIdLocked(std::int64_t senderId, const std::string& clientId);
    std::optional<store::Poll> pollLocked(std::int64_t messageId);
    std::vector<store::Attachment> attachmentsLocked(std::int64_t messageId);
    void attachLocked(std::int64_t messageId, const std::vector<std::int64_t>& attachmentIds);
    std::vector<std::int64_t> votesLocked(std::int64_t messageId, std::int64_t userId);
    std::int64_t readPositionLocked(std::int64_t chatId, std::int64_t userId);
    std::optional<ChangeOutcome> changeLocked(std::int64_t userId, const std::string& clientId);
    void recordChange(std::int64_t schoolId, std::int64_t userId, const std::string& clientId, const char* kind,
                      std::int64_t chatId, std::int64_t messageId, std::optional<std::string> text,
                      std::optional<std::int64_t> editedAt, std::optional<std::string> optionIds);
    void appendAudit(std::int64_t schoolId, std::int64_t at, std::int64_t actorId, const char* action,
                     std::optional<std::int64_t> userId, std::optional<std::int64_t> chatId,
                     std::optional<std::int64_t> messageId, const std::string& classId = {},
                     std::optional<std::int64_t> inviteId = std::nullopt);
    int revokeInvitesLocked(const Administration& by, const std::vector<std::int64_t>& inviteIds, bool onlyUnused);
    // Joins the chat as a plain member, or leaves it, with the membership's log event; false
    // when there was nothing to do.
    bool joinLocked(std::int64_t schoolId, std::int64_t chatId, std::int64_t userId);
    bool leaveLocked(std::int64_t schoolId, std::int64_t chatId, std::int64_t userId);
    std::vector<std::int64_t> classChatsLocked(std::int64_t schoolId, const std::string& classId,
                                               const std::vector<std::string>& kinds);
    std::vector<RosterEntry> rosterLocked(store::Statement& query);
    void appendEvent(std::int64_t schoolId, const char* type, std::int64_t chatId, std::optional<std::int64_t> userId,
                     std::optional<std::int64_t> messageId);

    std::mutex mutex_;
    std::unique_ptr<store::Database> database_;
    std::int64_t renderedAtChanges_ = -1;
    std::unordered_map<std::int64_t, std::optional<store::Message>> renderedMessages_;
};

}  // namespace parta::server
