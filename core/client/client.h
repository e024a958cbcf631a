#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/client_error.h"
#include "policy/action.h"
#include "policy/chat_kind.h"
#include "policy/school_role.h"
#include "policy/subject.h"
#include "store/database_options.h"
#include "store/records.h"
#include "sync/backoff.h"
#include "sync/http_request.h"
#include "sync/limits.h"
#include "sync/outbox.h"

namespace parta {

namespace store {
class Database;
class MessageStore;
}  // namespace store

namespace sync {
class SyncSchedule;
}  // namespace sync

struct ClientOptions {
    // A file path natively, ":memory:" for a private in-memory store.
    std::string databasePath = ":memory:";
    store::DatabaseOptions database;
    // Retention cap on unpinned message bodies; nullopt keeps every body.
    std::optional<std::int64_t> maxMessageBodies = 100000;
    int pageLimit = sync::kDefaultPageLimit;
    // After an answer, the next sync waits this long. The server holds a sync that has nothing
    // new for up to ~25 s (a long-poll, docs/protocol.md) and answers as soon as something
    // comes, so the client asks again at once: any wait here would delay every message.
    std::int64_t pollIntervalMs = 0;
    sync::Backoff backoff;
    // Jitter source for retries. Empty: the operating system's CSPRNG. Tests inject their own.
    std::function<std::uint32_t()> random;
};

struct SyncApplied {
    std::string cursor;
    bool more = false;
    std::size_t events = 0;
};

// The core facade: everything the UI needs, with no network and no Emscripten. JS performs
// the requests nextRequest() names and hands back the answers. Times are passed in (ms since
// the Unix epoch), so behaviour is reproducible in tests.
// What a new message carries besides its text and reply.
struct MessageExtras {
    // A poll to ask: the question, single or multiple choice, and the options' texts (their
    // ids are given by the order, 1 … n, as the server numbers them).
    std::optional<store::Poll> poll;
    // Files already uploaded for this chat (POST /api/v1/attachments), as the upload answered.
    std::vector<store::Attachment> attachments;
};

// A chat the user may create: its kind, and for a class-bound kind its class.
struct ChatToCreate {
    policy::ChatKind kind = policy::ChatKind::ClassChat;
    std::string classId;  // empty unless policy::isClassBound(kind)
    bool operator==(const ChatToCreate& other) const { return kind == other.kind && classId == other.classId; }
};

class Client {
public:
    explicit Client(ClientOptions options = {});
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // Set when the database could not be opened or migrated; every call then fails with it.
    const std::optional<ClientError>& openError() const { return openError_; }

    // --- Sync: server → client.
    Result<SyncApplied> applySync(std::string_view responseText, std::int64_t nowMs);
    // The sync request got no usable answer (httpStatus 0 when there was none at all).
    void onSyncFailed(int httpStatus, std::int64_t nowMs);
    void requestSync();
    // The network is back (a request got an answer after failures, or the browser says so):
    // the sync and every queued item waiting out a backoff are due at once, so nothing the
    // person wrote offline waits for a timer.
    Result<Done> reconnected(std::int64_t nowMs);
    sync::HttpRequest nextRequest(std::int64_t nowMs);

    // --- Reading.
    Result<std::vector<store::ChatSummary>> chats(int limit = 200);
    // Whom the chat's messages and member list name: its members, and the senders of its
    // stored messages who left. UNKNOWN_CHAT when the chat is not on this device.
    Result<std::vector<store::ChatPerson>> people(std::int64_t chatId);
    Result<std::vector<store::Message>> messages(std::int64_t chatId, const store::PageRequest& page);
    Result<std::vector<store::Message>> search(std::string_view query, const store::SearchOptions& options);

    // --- Writing: client → server through the outbox. Returns the new item's clientId.
    // A message with a poll is post_poll, one with attachments also attach_file: the policy
    // decides both before anything is queued, as the server will.
    Result<std::string> enqueue(std::int64_t chatId, std::string_view text, std::optional<std::int64_t> replyTo,
                                std::int64_t nowMs, const MessageExtras& extras = {});
    Result<std::vector<store::OutboxItem>> outbox();
    Result<sync::SendOutcome> onSendResult(std::string_view clientId, int httpStatus, std::string_view body,
                                           std::int64_t nowMs);
    // A failed or queued item of any kind: edited (new messages and edits only), sent again as
    // it is, or given up.
    Result<Done> editUnsent(std::string_view clientId, std::string_view text, std::int64_t nowMs);
    Result<Done> retryUnsent(std::string_view clientId, std::int64_t nowMs);
    Result<Done> discardUnsent(std::string_view clientId);

    // --- Changes to what the server has, through the same outbox, so they work offline: pages
    // show them at once, and they are sent exactly once, in the chat's order. Each answers the
    // change's clientId; the policy decides as the server will, with the same reason codes.
    Result<std::string> editMessage(std::int64_t messageId, std::string_view text, std::int64_t nowMs);
    // Our own message (delete_own) or, where we moderate, anyone's (delete_any).
    Result<std::string> deleteMessage(std::int64_t messageId, std::int64_t nowMs);
    // Replaces our votes in the message's poll; no options withdraws them. Whoever may read
    // the chat may vote in its polls.
    Result<std::string> votePoll(std::int64_t messageId, const std::vector<std::int64_t>& optionIds,
                                 std::int64_t nowMs);

    // Moves our read position forward at once, and queues it for the server (one per chat:
    // a newer position replaces a queued one), so other devices learn it too.
    Result<Done> markRead(std::int64_t chatId, std::int64_t messageId, std::int64_t nowMs);
    Result<Done> setDraft(std::int64_t chatId, std::string_view text);
    Result<std::string> draft(std::int64_t chatId);

    // What the signed-in user may do in the chat, decided by core/policy from the synced
    // profile, the chat's kind and class, and the user's membership role: the UI enables
    // exactly these controls and repeats no rule. In the policy's order (kAllActions).
    Result<std::vector<policy::Action>> allowedActions(std::int64_t chatId);
    // The school roles an invite to the chat may grant the signed-in user (create_invite with
    // each grantedRole), in the policy's order: the invite form offers exactly these.
    Result<std::vector<policy::SchoolRole>> inviteRoles(std::int64_t chatId);
    // What the signed-in user may do to one member of the chat (mute_member, remove_member),
    // judging the member by the school role and chat role sync gave them. The server judges
    // the whole person and may still refuse, with the same reason codes.
    // Also create_chat when the policy lets the user start a direct chat with that member.
    Result<std::vector<policy::Action>> memberActions(std::int64_t chatId, std::int64_t userId);
    // The school-wide actions of administration the policy allows the signed-in user (the
    // school itself as the target): what the school screens offer. The server decides each
    // again, with the same reason codes.
    Result<std::vector<policy::Action>> schoolActions();
    // Of those, the ones that fit this person of the school (administeredPersonMismatch: a
    // teacher is verified, a student moved, staff appointed): the buttons beside them.
    Result<std::vector<policy::Action>> actionsOnPerson(const policy::Subject& person);
    // The chats the signed-in user may create (create_chat): each kind the policy allows, a
    // class-bound kind once for each class the user curates, teaches, or has a chat of. A
    // one-per-school kind the device already holds is left out. Direct chats start from a
    // member (memberActions), since they need the counterpart.
    Result<std::vector<ChatToCreate>> chatsToCreate();

    // Logout: deletes everything of the user from this device.
    Result<Done> wipe();

    // For a moment when the app is idle after writing: moves the write-ahead log into the
    // database and empties it. A tab that is then killed leaves nothing for the next open to
    // read through (up to 16 MiB otherwise, tens of milliseconds in a browser), and the log
    // stops taking room on the device.
    Result<Done> compactLog();

    // SQLite's own consistency check of the stored file: "ok", or what is damaged. For the
    // diagnostics screen, and for tests that kill the app mid-write.
    Result<std::string> checkIntegrity();

private:
    template <typename T, typename Operation>
    Result<T> run(Operation operation);
    std::optional<ClientError> checkText(std::string_view text) const;
    // The policy's refusal of `action` in the chat, if it refuses.
    std::optional<ClientError> refusalOf(policy::Action action, const store::Chat& chat);
    ClientError storageFailure() const;

    ClientOptions options_;
    std::unique_ptr<store::Database> database_;
    std::unique_ptr<store::MessageStore> store_;
    std::unique_ptr<sync::Outbox> outbox_;
    std::unique_ptr<sync::SyncSchedule> syncSchedule_;
    std::optional<ClientError> openError_;
};

}  // namespace parta
