#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "activity/activity_norms.h"
#include "policy/chat_audience.h"
#include "policy/school_role.h"
#include "policy/subject.h"
#include "policy/target.h"
#include "store/records.h"
#include "sync/sync_event.h"

namespace parta::server {

// What the server keeps, behind the narrow surface the endpoints need. SQLite implements it
// today (SqliteServerStore); PostgreSQL, the production backend of issue 13, is meant to be
// one more implementation of this interface and nothing else. Every method is one transaction
// and safe to call from any request thread.
//
// Records reuse core's store types (store::Chat, store::Message...), so what the server writes
// is what the client's parser reads, field for field. A storage failure throws StoreFailure
// (store_failure.h) after rolling its transaction back.

struct NewUser {
    std::int64_t schoolId = 0;
    std::string login;
    std::string name;
    std::string passwordHash;  // crypto_pwhash_str output, never the password
    // The policy Subject's fields (docs/permissions.md); a child's class is the child's studentOf.
    std::vector<policy::SchoolRole> roles;  // at least one
    bool verified = false;
    std::string studentOf;
    std::vector<std::string> classTeacherOf;
    std::vector<std::string> teaches;
    std::vector<std::int64_t> childIds;
    std::int64_t createdAt = 0;
};

struct NewChat {
    std::int64_t schoolId = 0;
    std::string kind;     // a policy chat kind
    std::string classId;  // empty for chats of no class
    std::string title;
    std::int64_t createdAt = 0;
};

// One sign-in of a person, as they see it in their list of sessions.
struct SessionInfo {
    std::string tokenHash;  // to tell the caller's own session; never sent out
    std::int64_t createdAt = 0;
    std::int64_t expiresAt = 0;
};

// One row of the school's audit log: who did what to whom, where (issue 13, "Audit").
struct AuditEntry {
    std::int64_t id = 0;
    std::int64_t at = 0;
    std::int64_t actorId = 0;
    std::string actorName;
    std::string action;  // the policy action's name (docs/permissions.md)
    std::optional<std::int64_t> userId;
    std::string userName;  // the person acted on, by their name now
    std::optional<std::int64_t> chatId;
    std::optional<std::int64_t> messageId;
    std::string classId;  // the class acted on; empty for none
    std::optional<std::int64_t> inviteId;  // the link revoked
};

struct AuditPage {
    std::vector<AuditEntry> entries;  // newest first
    bool more = false;                // older entries remain
};

struct Credentials {
    std::int64_t userId = 0;
    std::string passwordHash;
};

// The signed-in person as the policy sees them, and the school every query is confined to.
struct Account {
    std::int64_t userId = 0;
    std::int64_t schoolId = 0;
    policy::Subject subject;
    std::int64_t profileVersion = 0;  // of `subject`, read with it (migration 0005)
};

// A chat of the account's school and the account's role in it (empty: not a member).
struct ChatAccess {
    store::Chat chat;
    std::optional<std::string> membershipRole;
};

// Its options get the ids 1 … n in this order.
struct NewPoll {
    std::string question;
    bool multipleChoice = false;
    std::vector<std::string> options;
};

struct NewMessage {
    std::int64_t schoolId = 0;
    std::int64_t chatId = 0;
    std::int64_t senderId = 0;
    std::string clientId;
    std::string text;
    std::optional<std::int64_t> replyTo;
    std::int64_t serverTime = 0;
    std::optional<NewPoll> poll;
    // The sender's uploads to this chat that no message carries yet (unsentUploadsAmong), in
    // the order the message shows them.
    std::vector<std::int64_t> attachmentIds;
};

struct StoredMessage {
    store::Message message;
    bool created = false;  // false: (sender, clientId) was already stored, and this is that copy
};

// One entry of the log as the reader may see it, already turned into protocol records. The
// answer to a change carries the same entries (eventId 0).
struct LogEntry {
    std::int64_t eventId = 0;
    enum class Type {
        Chat,
        Membership,
        MembershipRemoved,
        User,
        Message,
        MessageEdited,
        MessageDeleted,
        PollVotes,
        ReadState
    } type = Type::Chat;
    store::Chat chat;
    store::Membership membership;  // Membership; MembershipRemoved: its chatId and userId
    store::User member;  // Membership: the member, so a reader knows every name it shows; User
    store::Message message;
    store::MessageEdit edit;
    sync::MessageDeleted deletion;
    store::PollVotes votes;
    sync::ReadState readState;  // only ever the reader's own
};

// A change from a client's outbox (docs/protocol.md, "changes to what the server has"), each
// under its author's idempotency key.
struct NewEdit {
    std::int64_t schoolId = 0;
    std::int64_t chatId = 0;
    std::int64_t messageId = 0;
    std::int64_t editorId = 0;
    std::string clientId;
    std::string text;
    std::int64_t nowMs = 0;
};

struct NewDeletion {
    std::int64_t schoolId = 0;
    std::int64_t chatId = 0;
    std::int64_t messageId = 0;
    std::int64_t deletedBy = 0;
    std::string clientId;
    std::int64_t nowMs = 0;
};

struct NewVote {
    std::int64_t schoolId = 0;
    std::int64_t chatId = 0;
    std::int64_t messageId = 0;
    std::int64_t voterId = 0;
    std::string clientId;
    std::vector<std::int64_t> optionIds;  // empty withdraws the vote
};

struct NewReadPosition {
    std::int64_t schoolId = 0;
    std::int64_t chatId = 0;
    std::int64_t readerId = 0;
    std::string clientId;
    std::int64_t lastReadId = 0;
};

// What a change caused: the events its answer carries, in the sync format.
struct ChangeOutcome {
    std::vector<LogEntry> events;
    // Whether the log gained an event, so the polls of those who may see it are woken. False for
    // a repeat of a stored (user, clientId), and for a change that moved nothing (an older read
    // position, or a change that found its message deleted meanwhile).
    bool published = false;
};

// A moderator's act on a chat (issue 13: pin, mute, remove), audited with its policy action's
// name in the transaction that makes it.
struct Moderation {
    std::int64_t schoolId = 0;
    std::int64_t chatId = 0;
    std::int64_t moderatorId = 0;
    std::int64_t nowMs = 0;
};

struct LogRead {
    std::vector<LogEntry> entries;  // visible to the reader, in log order
    std::int64_t lastExamined = 0;  // the last event id read, visible or not: the next cursor
    bool more = false;              // the log holds events about chatIds after lastExamined
};

// --- Invites and joining (docs/protocol.md, "Invites and joining").

// A link as created: only the SHA-256 of its code is stored.
struct NewInvite {
    std::int64_t schoolId = 0;
    std::string codeHash;
    std::optional<std::int64_t> chatId;  // the destination chat; none: a class or the school
    std::string classId;                 // the class, or the chat's class; empty for none
    policy::SchoolRole grantedRole = policy::SchoolRole::Student;
    std::string label;
    std::int64_t createdBy = 0;
    std::int64_t createdAt = 0;
    std::int64_t expiresAt = 0;
    int usageLimit = 0;
    bool requiresApproval = false;
};

enum class InviteState { Active, Revoked, Expired, Exhausted };

struct Invite {
    std::int64_t id = 0;
    std::int64_t schoolId = 0;
    std::optional<store::Chat> chat;  // the destination chat
    std::string classId;
    policy::SchoolRole grantedRole = policy::SchoolRole::Student;
    std::string label;
    std::int64_t createdBy = 0;
    std::int64_t createdAt = 0;
    std::int64_t expiresAt = 0;
    int usageLimit = 0;
    int uses = 0;
    bool requiresApproval = false;
    bool revoked = false;

    // Revoked before expired, expired before exhausted: the first that ends the link.
    InviteState stateAt(std::int64_t nowMs) const {
        if (revoked) return InviteState::Revoked;
        if (nowMs >= expiresAt) return InviteState::Expired;
        if (uses >= usageLimit) return InviteState::Exhausted;
        return InviteState::Active;
    }
};

// Who accepts a link: an existing account of the invite's school, or a new one it creates.
struct Admission {
    std::int64_t schoolId = 0;
    std::int64_t inviteId = 0;
    std::int64_t userId = 0;            // 0: create `newAccount`
    std::optional<NewUser> newAccount;  // its roles are set by the store: the granted one
    std::string childName;              // a parent's request: their child, in their words
    std::int64_t nowMs = 0;
};

struct AdmissionOutcome {
    enum class Result {
        Joined,
        RequestFiled,
        InvalidOrRevoked,
        Expired,
        UsageLimitReached,
        AlreadyMember,
        RequestAlreadyPending,
        LoginTaken,
    } result = Result::InvalidOrRevoked;
    std::int64_t userId = 0;
    std::int64_t requestId = 0;            // RequestFiled
    std::vector<std::int64_t> joinedChats;  // Joined: chats whose members are to be woken
};

enum class JoinRequestState { Pending, Approved, Declined };

struct JoinRequest {
    std::int64_t id = 0;
    Invite invite;
    store::User person;  // who asks
    policy::Subject personSubject;
    std::string childName;
    JoinRequestState state = JoinRequestState::Pending;
    std::int64_t createdAt = 0;
};

struct JoinDecision {
    std::int64_t schoolId = 0;
    std::int64_t requestId = 0;
    std::int64_t decidedBy = 0;
    bool approve = false;
    std::optional<std::int64_t> childId;  // a parent's approval: the child linked
    std::int64_t nowMs = 0;
};

struct JoinDecisionOutcome {
    bool decided = false;  // false: the request was no longer pending
    std::vector<std::int64_t> joinedChats;
};

// --- Activity statistics (docs/protocol.md, "Activity statistics"; the norms are core/activity's).

// A teacher of the school and what they posted in each week asked for.
struct TeacherActivity {
    std::int64_t userId = 0;
    std::string name;
    // Confirmed as «учитель»: the teacher completed their registration (003 §2.2 «завершить
    // регистрацию в роли «Учитель»»), which is what activating a teacher's profile means.
    bool verified = false;
    std::vector<int> messagesPerWeek;  // one count per week, in the weeks' order
};

// --- Administration (docs/protocol.md, "Administration"). Each change is audited in the
// transaction that makes it, as moderation is.

// Who administers, where, and when.
struct Administration {
    std::int64_t schoolId = 0;
    std::int64_t actorId = 0;
    std::int64_t nowMs = 0;
};

// A person of the school as the admin's lists show them: the name and the policy's view.
struct SchoolPerson {
    store::User user;
    policy::Subject subject;
};

// A class of the school with the teachers attached to it (003 §2.1) and its students' accounts.
struct SchoolClass {
    std::string id;
    std::vector<store::User> classTeachers;
    std::vector<store::User> subjectTeachers;
    int students = 0;
};

enum class TeacherAssignment { ClassTeacher, SubjectTeacher };

// Attaching a teacher to a class, or detaching them; the links the teacher may no longer
// create by the policy go with a detachment (issue 13: "detaching a class teacher revokes
// their unused links"), revoked in the same transaction.
struct AssignmentChange {
    std::int64_t userId = 0;
    std::string classId;
    TeacherAssignment assignment = TeacherAssignment::ClassTeacher;
    bool assigned = true;
    std::vector<std::int64_t> revokeInviteIds;
};

struct AssignmentOutcome {
    bool changed = false;  // false: the teacher already was (or was not) attached so
    int revokedInvites = 0;
};

enum class AdminAppointment { Changed, Unchanged, LastAdmin };

// Which chats of a class a person is in because of who they are, by kind name: the chats whose
// audience (core/policy/chat_audience.h) is the class's students, and its students' parents.
struct ClassChatKinds {
    std::vector<std::string> ofStudents;
    std::vector<std::string> ofParents;
};

struct StudentMoveOutcome {
    bool moved = false;                     // false: already a student of that class
    std::vector<std::int64_t> changedChats;  // whose members are to be woken
    std::vector<std::int64_t> changedPeople;  // the student and their parents: their profiles changed
};

enum class RosterKind { Student, Parent };

struct RosterEntry {
    std::int64_t id = 0;
    std::string classId;
    RosterKind kind = RosterKind::Student;
    std::string name;
    std::optional<store::User> account;  // the account matched to the entry
    // The matched account is live and still of the class: a student of it, or a parent of one.
    bool activated = false;
    std::int64_t createdAt = 0;
};

struct NewRosterEntry {
    std::string classId;
    RosterKind kind = RosterKind::Student;
    std::string name;
};

enum class RosterLink { Linked, Unchanged, NotOfClass, AccountTaken, UnknownEntry };

// One class's activation against its roster (003 §2.2: «не менее 90 % обучающихся и родителей»).
struct ClassActivation {
    std::string classId;
    int rosterStudents = 0;
    int activatedStudents = 0;
    int rosterParents = 0;
    int activatedParents = 0;
    // Accounts of the class that no roster entry names: what a reconciliation must look at.
    int unlistedStudents = 0;
    int unlistedParents = 0;
};

// --- Attachments (docs/protocol.md, "Attachments"). The bytes are in AttachmentFiles, by hash.

struct NewAttachment {
    std::int64_t schoolId = 0;
    std::int64_t chatId = 0;
    std::int64_t uploaderId = 0;
    std::string sha256;    // lower-case hex of the content
    std::int64_t sizeBytes = 0;
    std::string mimeType;  // read from the content
    std::string name;      // as the uploader named it
    std::int64_t createdAt = 0;
};

struct StoredAttachment {
    store::Attachment attachment;  // id, name, mimeType, sizeBytes: what sync shows
    std::int64_t chatId = 0;
    std::string sha256;
};

class ServerStore {
public:
    virtual ~ServerStore() = default;

    // --- Set-up (the demo and the tests). A class a user or chat names becomes a class of the
    // school, as an admin would have created it first.
    virtual std::int64_t createSchool(const std::string& name) = 0;
    virtual std::int64_t createUser(const NewUser& user) = 0;
    virtual std::int64_t createChat(const NewChat& chat) = 0;
    virtual void addMember(std::int64_t chatId, std::int64_t userId, const std::string& role) = 0;
    // Whether any school is stored: the demo seeds only a database that holds none.
    virtual bool holdsAnySchool() = 0;

    // --- Accounts and sessions.
    virtual std::optional<Credentials> credentials(const std::string& login) = 0;
    virtual void createSession(const std::string& tokenHash, std::int64_t userId, std::int64_t nowMs,
                               std::int64_t expiresAtMs) = 0;
    // The account of an unexpired session; nullopt for unknown and expired ones alike.
    virtual std::optional<Account> sessionAccount(const std::string& tokenHash, std::int64_t nowMs) = 0;
    virtual void endSession(const std::string& tokenHash) = 0;
    // The person's unexpired sessions, newest first.
    virtual std::vector<SessionInfo> sessions(std::int64_t userId, std::int64_t nowMs) = 0;
    // Ends every session of the person; answers how many were unexpired. With `byAdminId` it
    // is an administration action, audited in the same transaction.
    virtual int endAllSessions(std::int64_t userId, std::int64_t nowMs, std::optional<std::int64_t> byAdminId) = 0;
    virtual std::optional<std::string> passwordHash(std::int64_t userId) = 0;
    // Deletes the account (001 §4.1.2): its sessions, memberships and assignments end, the
    // login is replaced so that nobody signs in as it, and its messages stay under the name
    // «Удалённый пользователь». Each chat it was in gets the removal and the new name in its
    // log; answers those chats, whose members are to be woken.
    virtual std::vector<std::int64_t> deleteAccount(std::int64_t userId, std::int64_t nowMs) = 0;
    // Whether the user exists in that school: what an admin may act on.
    virtual bool userIsInSchool(std::int64_t schoolId, std::int64_t userId) = 0;
    virtual store::User user(std::int64_t userId) = 0;
    // The person as the policy sees them, whatever session they have (nullopt: no such user).
    virtual std::optional<Account> account(std::int64_t userId) = 0;

    // --- Chats and messages, always within one school.
    virtual std::optional<ChatAccess> chatAccess(std::int64_t schoolId, std::int64_t chatId, std::int64_t userId) = 0;
    virtual std::optional<store::Message> messageByClientId(std::int64_t senderId, const std::string& clientId) = 0;
    // A message of that chat of that school, with its poll; deleted ones too (they keep only
    // their place). nullopt for any other message id.
    virtual std::optional<store::Message> messageInChat(std::int64_t schoolId, std::int64_t chatId,
                                                        std::int64_t messageId) = 0;
    // Stores the message and its event in one durable transaction, unless (sender, clientId)
    // is already there: then nothing is written and the stored copy comes back.
    virtual StoredMessage postMessage(const NewMessage& message) = 0;
    virtual std::vector<std::int64_t> memberIds(std::int64_t chatId) = 0;
    // Whose long-polls an event of the chat may concern: its members, or, for a chat of one of
    // `readWithoutMembership` (kind names), everyone of its school whose account is not deleted.
    virtual std::vector<std::int64_t> peopleToWake(std::int64_t chatId,
                                                   const std::vector<std::string>& readWithoutMembership) = 0;

    // --- Changes. Each one stores its (user, clientId) with its effect in one durable
    // transaction; a repeat writes nothing and answers the events the first answered, except
    // that a message deleted since answers only its deletion, since its content is gone.
    // The same goes for a change that finds its message deleted in the meantime.
    virtual std::optional<ChangeOutcome> changeByClientId(std::int64_t userId, const std::string& clientId) = 0;
    virtual ChangeOutcome editMessage(const NewEdit& edit) = 0;
    // Soft: the message keeps its row and place, loses its text and poll, and who deleted it
    // and when are kept for the audit log.
    virtual ChangeOutcome deleteMessage(const NewDeletion& deletion) = 0;
    virtual ChangeOutcome vote(const NewVote& vote) = 0;
    // Moves only forward; an older position changes nothing and answers the current one.
    virtual ChangeOutcome markRead(const NewReadPosition& position) = 0;

    // --- Creating chats (POST /api/v1/chats).
    // The people of the school an audience names for a class (core/policy/chat_audience.h),
    // deleted accounts never among them.
    virtual std::vector<std::int64_t> audience(std::int64_t schoolId, policy::Audience audience,
                                               const std::string& classId) = 0;
    // The chat, its members (user, chat role) and their events, in one transaction; with
    // `onePerSchool`, only when the school has no chat of its kind yet (nullopt otherwise),
    // checked in that transaction so two creations racing each other cannot both succeed.
    virtual std::optional<std::int64_t> createChatWithMembers(
        const NewChat& chat, const std::vector<std::pair<std::int64_t, std::string>>& members, bool onePerSchool) = 0;
    // The direct chat the two people already share, if any: a second one would split their talk.
    virtual std::optional<store::Chat> directChatBetween(std::int64_t schoolId, std::int64_t oneId, std::int64_t otherId) = 0;

    // --- Moderation. Each answers the events it caused, in the sync format; none when it
    // changed nothing (pinning a pinned message), and then nothing is audited either.
    // A member of the chat with their school profile and chat role: whom mute and remove act on.
    virtual std::optional<policy::ChatMember> chatMember(std::int64_t schoolId, std::int64_t chatId,
                                                         std::int64_t userId) = 0;
    virtual std::vector<LogEntry> setPinned(const Moderation& moderation, std::int64_t messageId, bool pinned) = 0;
    // Muting makes the member read-only in the chat; unmuting makes them a plain member again.
    virtual std::vector<LogEntry> setMuted(const Moderation& moderation, std::int64_t userId, bool muted) = 0;
    // The removed person's own devices receive the removal too, though the chat is no longer theirs.
    virtual std::vector<LogEntry> removeMember(const Moderation& moderation, std::int64_t userId) = 0;

    // --- Audit: newest first, entries with an id below `beforeId` (0: from the newest).
    virtual AuditPage auditLog(std::int64_t schoolId, std::int64_t beforeId, int limit) = 0;

    // --- Sync.
    // The chats of the school the user is a member of now, with their role in each, and the
    // school's chats of `readWithoutMembership` (kind names) they are not in, without a role.
    virtual std::vector<ChatAccess> memberChats(std::int64_t schoolId, std::int64_t userId,
                                                const std::vector<std::string>& readWithoutMembership) = 0;
    // Events after `afterEventId` in the school's log about `chatIds` (the chats the policy lets
    // the reader read); read positions only the reader's own. At most `limit` log rows are examined.
    virtual LogRead readLog(std::int64_t schoolId, std::int64_t readerId, const std::vector<std::int64_t>& chatIds,
                            std::int64_t afterEventId, int limit) = 0;
    // The version of the person's profile (migration 0005): it changes whenever what `me` says does.
    virtual std::int64_t profileVersion(std::int64_t userId) = 0;
    // Whether the reader gained a chat whose log holds events at or before `afterEventId`:
    // events a client at that cursor never received. A chat of `memberChatIds` counts when the
    // reader's membership of it began after the cursor; one of `readWithoutJoiningIds` (channels
    // the reader has just become entitled to) whenever it has such events.
    virtual bool gainedChatWithEarlierEvents(std::int64_t schoolId, std::int64_t readerId,
                                             const std::vector<std::int64_t>& memberChatIds,
                                             const std::vector<std::int64_t>& readWithoutJoiningIds,
                                             std::int64_t afterEventId) = 0;
    // The newest event id of the school's log (0 when empty): a cursor beyond it is unknown.
    virtual std::int64_t lastEventId(std::int64_t schoolId) = 0;

    // --- Invites and joining. Codes are looked up by their hash only.
    virtual std::int64_t createInvite(const NewInvite& invite) = 0;
    // Any school's invite: the code names none, so the school comes from the row.
    virtual std::optional<Invite> inviteByCodeHash(const std::string& codeHash) = 0;
    virtual std::optional<Invite> invite(std::int64_t schoolId, std::int64_t inviteId) = 0;
    // The school's invites, newest first; of one class when `classId` is not empty.
    virtual std::vector<Invite> invites(std::int64_t schoolId, const std::string& classId) = 0;
    virtual std::string schoolName(std::int64_t schoolId) = 0;
    // The class of a student of that school; nullopt for anyone else.
    virtual std::optional<std::string> studentClass(std::int64_t schoolId, std::int64_t userId) = 0;
    // Accepts a link in one transaction, checking again that it is active: the new account if
    // any, the use counted, and either the role, class and memberships it grants (with their
    // `membership` log events) or a pending join request.
    virtual AdmissionOutcome admit(const Admission& admission) = 0;
    // Revokes those of `inviteIds` of the school still active and, when `onlyUnused`, never
    // used, each audited as `by`'s revoke_invite; answers how many it revoked.
    virtual int revokeInvites(const Administration& by, const std::vector<std::int64_t>& inviteIds, bool onlyUnused) = 0;
    virtual std::vector<JoinRequest> pendingJoinRequests(std::int64_t schoolId) = 0;
    virtual std::optional<JoinRequest> joinRequest(std::int64_t schoolId, std::int64_t requestId) = 0;
    // Approves (granting what the link grants, and linking the child) or declines, in one
    // transaction, if the request is still pending.
    virtual JoinDecisionOutcome decideJoinRequest(const JoinDecision& decision) = 0;

    // --- Administration. The people and classes of one school only.
    // Creates the class; false when the school has it already.
    virtual bool createClass(const Administration& by, const std::string& classId) = 0;
    virtual bool classExists(std::int64_t schoolId, const std::string& classId) = 0;
    virtual std::vector<SchoolClass> classes(std::int64_t schoolId) = 0;
    // Every live account of the school, by name.
    virtual std::vector<SchoolPerson> people(std::int64_t schoolId) = 0;
    // Confirms a teacher's «учитель» status; false when it was confirmed already.
    virtual bool verifyTeacher(const Administration& by, std::int64_t userId) = 0;
    virtual AssignmentOutcome setAssignment(const Administration& by, const AssignmentChange& change) = 0;
    // Makes the person an admin of the school, or no longer one; the school's last admin stays.
    virtual AdminAppointment setAdmin(const Administration& by, std::int64_t userId, bool admin) = 0;
    // The student's class changes, and with it the class chats they and their parents are in:
    // they leave the old class's chats of `kinds` (a parent only when no other child of theirs
    // stays in it) and join the new class's, each with its log event. The student's roster
    // entry in the old class is unmatched, since it no longer names them.
    virtual StudentMoveOutcome moveStudent(const Administration& by, std::int64_t userId, const std::string& classId,
                                           const ClassChatKinds& kinds) = 0;
    // The roster of a class, students first, each by name.
    virtual std::vector<RosterEntry> roster(std::int64_t schoolId, const std::string& classId) = 0;
    virtual std::int64_t addRosterEntry(const Administration& by, const NewRosterEntry& entry) = 0;
    // The accounts an entry of `kind` in the class may be matched to, by name: its students, or
    // the parents of one of them (what linkRosterEntry accepts, short of ACCOUNT_TAKEN).
    virtual std::vector<store::User> rosterAccounts(std::int64_t schoolId, const std::string& classId, RosterKind kind) = 0;
    virtual std::optional<RosterEntry> rosterEntry(std::int64_t schoolId, std::int64_t entryId) = 0;
    // Matches the entry to an account of its class (a student of it, or a parent of one), or
    // none with nullopt.
    virtual RosterLink linkRosterEntry(const Administration& by, std::int64_t entryId,
                                       std::optional<std::int64_t> userId) = 0;
    // False when there is no such entry.
    virtual bool removeRosterEntry(const Administration& by, std::int64_t entryId) = 0;
    // Every class of the school, in order.
    virtual std::vector<ClassActivation> classActivation(std::int64_t schoolId) = 0;

    // --- Activity statistics.
    // The school's teachers (deleted accounts never among them), by name, with the messages
    // they posted and did not delete in each of `weeks` (contiguous, oldest first).
    virtual std::vector<TeacherActivity> teacherActivity(std::int64_t schoolId,
                                                         const std::vector<activity::Week>& weeks) = 0;

    // --- Attachments.
    virtual std::int64_t createAttachment(const NewAttachment& attachment) = 0;
    // The attachment of the school as `readerId` may fetch it: their own upload, or one a
    // message that is not deleted carries. nullopt for anything else, another school's included;
    // whether the reader may read its chat is the policy's to say.
    virtual std::optional<StoredAttachment> attachmentFor(std::int64_t schoolId, std::int64_t attachmentId,
                                                          std::int64_t readerId) = 0;
    // How many of `attachmentIds` (distinct) are the uploader's own uploads to that chat of that
    // school that no message carries yet: a message may carry them only when all are.
    virtual std::size_t unsentUploadsAmong(std::int64_t schoolId, std::int64_t chatId, std::int64_t uploaderId,
                                           const std::vector<std::int64_t>& attachmentIds) = 0;
};

}  // namespace parta::server
