#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parta::store {

// Plain values that go into and come out of the store. Times are server milliseconds since
// the Unix epoch; ids are the server's.

// A child of the signed-in parent, and the class the child studies in.
struct Child {
    std::int64_t userId = 0;
    std::string classId;
};

// The fields mirror the policy's Subject (docs/permissions.md); class ids are the school's strings.
struct Me {
    std::int64_t userId = 0;
    std::vector<std::string> roles;
    bool verified = false;
    std::vector<std::string> classTeacherOf;
    std::vector<std::string> teaches;
    std::string studentOf;  // empty unless a student
    std::vector<Child> children;
};

struct User {
    std::int64_t id = 0;
    std::string name;
    std::string role;
};

struct Chat {
    std::int64_t id = 0;
    std::string kind;  // a policy chat kind, e.g. "parents_chat"
    std::string title;
    std::int64_t createdAt = 0;
    std::string classId;  // empty for chats of no class
};

struct Membership {
    std::int64_t chatId = 0;
    std::int64_t userId = 0;
    std::string role;
};

struct Attachment {
    std::int64_t id = 0;
    std::string name;
    std::string mimeType;
    std::int64_t sizeBytes = 0;
};

struct PollOption {
    std::int64_t id = 0;
    std::string text;
    // Results as synced (pollVotes events); filled in on reads, ignored on writes.
    std::int64_t votes = 0;
    bool chosenByMe = false;
};

struct Poll {
    std::string question;
    bool multipleChoice = false;
    std::vector<PollOption> options;
};

// How far a message shown in a chat has come: the server copy, or one of ours still in the
// outbox. Sending covers queued and in-flight items: the user sees «отправляется» for both.
enum class Delivery { Delivered, Sending, Accepted, Failed };

struct Message {
    std::int64_t id = 0;  // 0 while only in the outbox
    std::int64_t chatId = 0;
    std::int64_t senderId = 0;
    std::int64_t serverTime = 0;  // for outbox items: when they were written
    std::string text;
    std::optional<std::int64_t> replyTo;
    std::optional<std::int64_t> editedAt;
    bool deleted = false;  // shown as «сообщение удалено»; the body is gone
    bool pinned = false;
    bool bodyEvicted = false;  // the retention cap dropped the body; the server still has it
    std::string clientId;
    std::vector<Attachment> attachments;
    std::optional<Poll> poll;
    Delivery delivery = Delivery::Delivered;
    std::string failureCode;  // set when delivery == Failed
    // Our newest edit or deletion of this message still in the outbox. Unless it failed, the
    // page already shows its effect (the new text, or «сообщение удалено»); a failed one shows
    // nothing but its code, for the user to retry or discard (by changeClientId).
    std::optional<Delivery> change;
    std::string changeClientId;
    std::string changeFailureCode;
};

struct MessageEdit {
    std::int64_t id = 0;
    std::int64_t chatId = 0;
    std::string text;
    std::int64_t editedAt = 0;
};

struct PollVotes {
    std::int64_t messageId = 0;
    std::int64_t userId = 0;
    std::vector<std::int64_t> optionIds;  // empty: the vote was withdrawn
};

struct Invite {
    std::int64_t id = 0;
    std::int64_t chatId = 0;
    std::string state;
    std::int64_t createdBy = 0;
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> expiresAt;
};

struct JoinRequest {
    std::int64_t id = 0;
    std::int64_t chatId = 0;
    std::int64_t userId = 0;
    std::string state;
    std::int64_t createdAt = 0;
};

// Someone the page names in a chat: a member, or the sender of a stored message who no longer
// is one (chatRole empty then).
struct ChatPerson {
    std::int64_t userId = 0;
    std::string name;
    std::string schoolRole;  // as the user event gives it, e.g. "teacher"
    std::string chatRole;    // a policy chat-role name, or empty
};

struct ChatSummary {
    Chat chat;
    std::int64_t lastActivity = 0;
    std::optional<Message> lastMessage;
    std::int64_t unreadCount = 0;
    std::string draft;
};

// Either the newest `limit` messages, or `limit` messages older than beforeId, or `limit`
// messages newer than afterId. Pages are returned oldest first.
struct PageRequest {
    int limit = 50;
    std::optional<std::int64_t> beforeId;
    std::optional<std::int64_t> afterId;
};

struct SearchOptions {
    std::optional<std::int64_t> chatId;
    std::optional<std::int64_t> beforeId;  // for the next page of results
    int limit = 50;
};

enum class OutboxState { Queued, InFlight, Accepted, Failed };

// What an outbox item asks of the server (migration 0010). A new message waits for its server
// copy; the others change what the server already has, and its answer carries the change.
enum class OutboxKind { Message, Edit, Delete, Vote, ReadPosition };

struct OutboxItem {
    std::int64_t seq = 0;
    std::string clientId;
    OutboxKind kind = OutboxKind::Message;
    std::int64_t chatId = 0;
    std::string text;  // Message: its text; Edit: the new text; otherwise empty
    std::optional<std::int64_t> replyTo;  // Message only
    // Edit, Delete, Vote: the message changed; ReadPosition: the newest message read.
    std::int64_t messageId = 0;
    std::vector<std::int64_t> optionIds;  // Vote: the choice; empty withdraws the vote
    // Message only: a poll to ask (options numbered 1 … n as the server will number them, no
    // votes), and the uploads the message carries, as their upload answered them.
    std::optional<Poll> poll;
    std::vector<Attachment> attachments;
    std::int64_t createdAt = 0;
    OutboxState state = OutboxState::Queued;
    int attempts = 0;
    std::int64_t nextAttemptAt = 0;
    std::string failureCode;
    int httpStatus = 0;
};

}  // namespace parta::store
