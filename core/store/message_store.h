#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace parta::store {

// Everything the client keeps, as SQL behind named operations. Writes that belong together
// (a sync page) are wrapped by the caller in one Transaction. Failures are recorded in the
// Database (see Database::failed()).
class MessageStore {
public:
    explicit MessageStore(Database& database);

    // --- Writes that sync applies. Each is idempotent: applying it again changes nothing.
    void setMe(const Me& me);
    void upsertUser(const User& user);
    void upsertChat(const Chat& chat);
    void upsertMembership(const Membership& membership);
    void removeMembership(std::int64_t chatId, std::int64_t userId);
    // The reader has left the chat and may not read it any more, so nothing of it may stay
    // readable on the device (docs/protocol.md, "How the client applies a page"): its messages,
    // their search index entries (at finishTransaction), attachments, polls and votes, changes
    // waiting for messages, read state, draft, invites, join requests, every membership and
    // the chat row.
    // Our new messages and edits for it that the server has not taken stay in the outbox as
    // failed with `unsentFailureCode`: they are the person's own words, to copy or discard, and
    // a retry is answered by the server. Our other items for it (deletions, votes, read
    // positions, accepted messages) go: nothing the person still sees depends on them.
    void forgetChat(std::int64_t chatId, std::string_view unsentFailureCode);
    // Deletion is final and the newest edit wins, whatever order copies, edits and deletions
    // arrive in: an edit or a deletion of a message not stored yet waits for it (migration
    // 0009). A server copy of one of our outbox items (same clientId) replaces the item.
    void upsertMessage(const Message& message);
    void editMessage(const MessageEdit& edit);
    void deleteMessage(std::int64_t chatId, std::int64_t messageId);
    // Replaces the user's votes in the poll; a deleted message keeps none.
    void setPollVotes(const PollVotes& votes);
    // Read positions only move forward.
    void advanceReadState(std::int64_t chatId, std::int64_t lastReadId);
    void upsertInvite(const Invite& invite);
    void upsertJoinRequest(const JoinRequest& request);
    // Forgets everything that came from sync, keeping the outbox, drafts and `me`.
    void clearSyncedData();
    void setCursor(std::string_view cursor);
    // Keeps at most `maxBodies` unpinned message bodies, evicting the oldest first. Outbox
    // items live in their own table and are never evicted.
    void enforceRetention(std::int64_t maxBodies);
    // Brings derived data up to the writes since the last call: each chat's last message and
    // activity, and the search index. Every transaction that writes messages calls it last,
    // before commit. Once per transaction is what keeps a sync page cheap: FTS5 would write a
    // segment per message otherwise (see migration 0006).
    void finishTransaction();

    // --- Reads.
    std::optional<Me> me();
    std::string cursor();
    bool hasChat(std::int64_t chatId);
    std::optional<Chat> chat(std::int64_t chatId);
    // Every chat the device holds, by id.
    std::vector<Chat> allChats();
    // The user's role in the chat (a policy chat-role name); nullopt when not a member.
    std::optional<std::string> membershipRole(std::int64_t chatId, std::int64_t userId);
    std::vector<ChatSummary> chats(int limit);
    // The chat's members and the senders of its stored messages, by name.
    std::vector<ChatPerson> chatPeople(std::int64_t chatId);
    std::vector<Message> messages(std::int64_t chatId, const PageRequest& page);
    std::vector<Message> search(std::string_view query, const SearchOptions& options);
    // One stored message as a page shows it, our pending changes included.
    std::optional<Message> message(std::int64_t messageId);
    std::int64_t unreadCount(std::int64_t chatId);
    // The newest message read in the chat; 0 before any.
    std::int64_t lastReadId(std::int64_t chatId);

    // --- Outbox.
    void addToOutbox(const OutboxItem& item);
    std::vector<OutboxItem> outbox();
    std::optional<OutboxItem> outboxItem(std::string_view clientId);
    // The chat's read position waiting to be sent, if one is queued and not yet in flight: a
    // newer position replaces it rather than queueing another.
    std::optional<OutboxItem> queuedReadPosition(std::int64_t chatId);
    // The oldest queued or in-flight item of each chat, oldest first: only these may be sent,
    // so messages reach the server in the order they were written.
    std::vector<OutboxItem> outboxHeads();
    void updateOutboxItem(const OutboxItem& item);
    void removeFromOutbox(std::string_view clientId);
    // After a restart nothing is in flight any more; the server dedupes a resend by clientId.
    void requeueInFlight();
    // Queued items waiting out a backoff become due at nowMs (the network is back).
    void makeQueuedDue(std::int64_t nowMs);

    // --- Drafts. An empty text removes the draft.
    void setDraft(std::int64_t chatId, std::string_view text);
    std::string draft(std::int64_t chatId);

    // Logout: deletes every row of every table and compacts the file, so nothing of the user
    // is left behind in free pages or the write-ahead log.
    void wipe();

private:
    struct NewestMessage {
        std::int64_t id = 0;
        std::int64_t serverTime = 0;
    };

    void refreshLastMessage(std::int64_t chatId);
    bool isStored(std::int64_t messageId);
    // The attachments and poll a copy carries, replacing those of an earlier copy.
    void storeDetails(const Message& message, bool replacing);
    // Attachments, poll and votes: what a deleted message must not keep.
    void forgetContent(std::int64_t messageId);
    // Whether any edit or deletion waits for its message; asked once per transaction.
    bool earlyChangesWaiting();
    // Applies what waited for a message that has just been stored.
    void mergeEarlyChanges(std::int64_t messageId, std::int64_t chatId);
    void indexPendingSearchText();
    // Fills in the attachments and polls of `withDetails`, the messages marked as maybe having them.
    void attachDetails(std::vector<Message>& messages, const std::vector<std::int64_t>& withDetails);
    void appendOutboxEcho(std::int64_t chatId, std::vector<Message>& page);
    // Our edits, deletions and votes still in the outbox, oldest first.
    std::vector<OutboxItem> pendingChanges();

    Database& db_;
    // Per chat, the newest message written since the last finishTransaction().
    std::unordered_map<std::int64_t, NewestMessage> newestWrittenByChat_;
    // Unknown until earlyChangesWaiting() asks; set when a change is kept; forgotten by
    // finishTransaction(). Most pages have no early changes and pay one query for knowing it.
    std::optional<bool> earlyChangesWaiting_;
};

}  // namespace parta::store
