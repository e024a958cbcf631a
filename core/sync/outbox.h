#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.h"
#include "store/message_store.h"
#include "sync/backoff.h"

namespace parta::sync {

// What one answer to an outbox item's request did to the item.
enum class SendOutcome {
    Confirmed,     // 2xx with the server copy, or for a change the events it caused: applied, item gone
    Accepted,      // 2xx without them: a message waits for sync to bring its copy, a change is done
    WillRetry,     // network failure, 5xx, 408, 425 or 429: queued again after a backoff
    Failed,        // any other status: kept as failed with the reason, for the user to decide
    AlreadyGone,   // no such item, e.g. sync already brought the server copy
};

// Delivery of our own messages. What the person wrote is never dropped by the client: it
// leaves the outbox only when the server's copy arrives or when the user discards it. When the
// person leaves a chat, their unsent messages and edits there fail with NOT_MEMBER and their
// other items there go (MessageStore::forgetChat).
class Outbox {
public:
    Outbox(store::Database& database, store::MessageStore& store, Backoff backoff,
           std::function<std::uint32_t()> random);

    // Returns the client id (a UUID v4), the item's idempotency key. `poll` and `attachments`
    // go with the message as they are (Client checks them first).
    std::string enqueue(std::int64_t chatId, std::string_view text, std::optional<std::int64_t> replyTo,
                        std::int64_t nowMs, std::optional<store::Poll> poll = std::nullopt,
                        std::vector<store::Attachment> attachments = {});
    // A change to what the server has (kind, chatId, messageId, text, optionIds of `change`);
    // returns its client id. A read position replaces the chat's queued one, keeping its id.
    std::string enqueueChange(store::OutboxItem change, std::int64_t nowMs);

    // The oldest due item among the chats that have nothing in flight, now marked in flight.
    // One item per chat at a time keeps the chat's order on the server.
    std::optional<store::OutboxItem> takeNextDue(std::int64_t nowMs);
    // When the next queued chat head becomes due, if any is waiting.
    std::optional<std::int64_t> nextDueAt();

    SendOutcome onSendResult(std::string_view clientId, int httpStatus, std::string_view body, std::int64_t nowMs);

    // Failed or still queued items may be edited (and are queued again), retried as they are,
    // or discarded. Only new messages and edits have a text to edit. An item in flight or
    // accepted is the server's now.
    bool edit(std::string_view clientId, std::string_view text, std::int64_t nowMs);
    bool retry(std::string_view clientId, std::int64_t nowMs);
    bool discard(std::string_view clientId);

private:
    store::Database& db_;
    store::MessageStore& store_;
    Backoff backoff_;
    std::function<std::uint32_t()> random_;
};

// 0 is how JS reports a request that got no HTTP answer at all.
bool isRetryableStatus(int httpStatus);

}  // namespace parta::sync
