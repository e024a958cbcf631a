#include "sync/outbox.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "random/uuid.h"
#include "store/transaction.h"
#include "sync/json_document.h"
#include "sync/page_applier.h"
#include "sync/sync_page.h"

namespace parta::sync {

namespace {

bool isEditable(store::OutboxState state) {
    return state == store::OutboxState::Failed || state == store::OutboxState::Queued;
}

bool hasText(store::OutboxKind kind) { return kind == store::OutboxKind::Message || kind == store::OutboxKind::Edit; }

// Queued again from scratch, due now: the user asked for it.
void requeue(store::OutboxItem& item, std::int64_t nowMs) {
    item.state = store::OutboxState::Queued;
    item.attempts = 0;
    item.nextAttemptAt = nowMs;
    item.failureCode.clear();
    item.httpStatus = 0;
}

// The server's stable error code ({"error": {"code": "NOT_A_MEMBER", ...}}), or HTTP_<status>
// when the body has none. Only [A-Z0-9_] is kept: the code is shown to tests and logs.
std::string failureCodeFrom(int httpStatus, std::string_view body) {
    nlohmann::json document;
    if (!parseJsonDocument(body, document) && document.is_object()) {
        const auto error = document.find("error");
        if (error != document.end() && error->is_object()) {
            const auto code = error->find("code");
            if (code != error->end() && code->is_string()) {
                const auto& text = code->get_ref<const std::string&>();
                const bool valid = !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
                    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
                });
                if (valid) return text;
            }
        }
    }
    return "HTTP_" + std::to_string(httpStatus);
}

// The server copy in a 2xx answer ({"message": {...}}), if it is valid and is this item's.
std::optional<store::Message> serverCopyFrom(std::string_view body, std::string_view clientId) {
    std::optional<store::Message> message = parseSentMessage(body);
    if (!message || message->clientId != clientId) return std::nullopt;
    return message;
}

}  // namespace

// 401: the session ended (signed out elsewhere, expired), which says nothing against the item;
// it waits for the person to sign in again on this device, whose store is theirs alone.
bool isRetryableStatus(int httpStatus) {
    return httpStatus == 0 || httpStatus == 401 || httpStatus == 408 || httpStatus == 425 || httpStatus == 429 || httpStatus >= 500;
}

Outbox::Outbox(store::Database& database, store::MessageStore& store, Backoff backoff,
               std::function<std::uint32_t()> random)
    : db_(database), store_(store), backoff_(backoff), random_(std::move(random)) {}

std::string Outbox::enqueue(std::int64_t chatId, std::string_view text, std::optional<std::int64_t> replyTo,
                            std::int64_t nowMs, std::optional<store::Poll> poll, std::vector<store::Attachment> attachments) {
    store::OutboxItem item;
    item.clientId = generateUuidV4();
    item.chatId = chatId;
    item.text = std::string(text);
    item.replyTo = replyTo;
    item.poll = std::move(poll);
    item.attachments = std::move(attachments);
    item.createdAt = nowMs;
    // Once enqueue returns, the UI shows the message as sending and clears the composer: the
    // item must survive a power cut from then on.
    store::Transaction transaction(db_, store::Durability::Full);
    store_.addToOutbox(item);
    transaction.commit();
    return item.clientId;
}

std::string Outbox::enqueueChange(store::OutboxItem change, std::int64_t nowMs) {
    store::Transaction transaction(db_, store::Durability::Full);
    if (change.kind == store::OutboxKind::ReadPosition) {
        if (std::optional<store::OutboxItem> queued = store_.queuedReadPosition(change.chatId)) {
            queued->messageId = std::max(queued->messageId, change.messageId);
            store_.updateOutboxItem(*queued);
            transaction.commit();
            return queued->clientId;
        }
    }
    change.clientId = generateUuidV4();
    change.createdAt = nowMs;
    store_.addToOutbox(change);
    transaction.commit();
    return change.clientId;
}

std::optional<store::OutboxItem> Outbox::takeNextDue(std::int64_t nowMs) {
    for (store::OutboxItem& head : store_.outboxHeads()) {
        if (head.state != store::OutboxState::Queued || head.nextAttemptAt > nowMs) continue;
        head.state = store::OutboxState::InFlight;
        store_.updateOutboxItem(head);
        return head;
    }
    return std::nullopt;
}

std::optional<std::int64_t> Outbox::nextDueAt() {
    std::optional<std::int64_t> earliest;
    for (const store::OutboxItem& head : store_.outboxHeads()) {
        if (head.state != store::OutboxState::Queued) continue;
        earliest = std::min(earliest.value_or(head.nextAttemptAt), head.nextAttemptAt);
    }
    return earliest;
}

SendOutcome Outbox::onSendResult(std::string_view clientId, int httpStatus, std::string_view body,
                                 std::int64_t nowMs) {
    std::optional<store::OutboxItem> item = store_.outboxItem(clientId);
    if (!item) return SendOutcome::AlreadyGone;

    const bool taken = httpStatus >= 200 && httpStatus < 300;
    if (taken && !store_.hasChat(item->chatId)) {
        // The reader left the chat while the request was out (MessageStore::forgetChat): the
        // server has the item, and nothing of its answer may bring the chat back onto the
        // device. (During a reset's snapshot, the pages to come carry the item's effect.)
        store_.removeFromOutbox(clientId);
        return SendOutcome::Accepted;
    }

    if (taken && item->kind != store::OutboxKind::Message) {
        // The change is the server's now; the events it caused, if the answer has them, show
        // its outcome at once instead of at the next sync.
        const std::optional<std::vector<SyncEvent>> events = parseChangeAnswer(body);
        store::Transaction transaction(db_);
        if (events) writeEvents(db_, store_, *events);
        store_.removeFromOutbox(clientId);
        store_.finishTransaction();
        if (transaction.commit()) return events ? SendOutcome::Confirmed : SendOutcome::Accepted;
        // Storage refused the answer (the Client reports it); sending again is harmless.
        item->state = store::OutboxState::Queued;
        store_.updateOutboxItem(*item);
        return SendOutcome::WillRetry;
    }
    if (taken) {
        if (const std::optional<store::Message> copy = serverCopyFrom(body, clientId)) {
            store::Transaction transaction(db_);
            store_.upsertMessage(*copy);  // removes the item: same clientId
            store_.finishTransaction();
            if (transaction.commit()) return SendOutcome::Confirmed;
        }
        item->state = store::OutboxState::Accepted;
        store_.updateOutboxItem(*item);
        return SendOutcome::Accepted;
    }
    if (isRetryableStatus(httpStatus)) {
        item->attempts += 1;
        item->state = store::OutboxState::Queued;
        item->nextAttemptAt = nowMs + backoff_.delayMs(item->attempts, random_());
        item->httpStatus = httpStatus;
        store_.updateOutboxItem(*item);
        return SendOutcome::WillRetry;
    }
    item->state = store::OutboxState::Failed;
    item->failureCode = failureCodeFrom(httpStatus, body);
    item->httpStatus = httpStatus;
    store_.updateOutboxItem(*item);
    return SendOutcome::Failed;
}

bool Outbox::edit(std::string_view clientId, std::string_view text, std::int64_t nowMs) {
    std::optional<store::OutboxItem> item = store_.outboxItem(clientId);
    if (!item || !isEditable(item->state) || !hasText(item->kind)) return false;
    item->text = std::string(text);
    requeue(*item, nowMs);
    store_.updateOutboxItem(*item);
    return true;
}

bool Outbox::retry(std::string_view clientId, std::int64_t nowMs) {
    std::optional<store::OutboxItem> item = store_.outboxItem(clientId);
    if (!item || !isEditable(item->state)) return false;
    requeue(*item, nowMs);
    store_.updateOutboxItem(*item);
    return true;
}

bool Outbox::discard(std::string_view clientId) {
    const std::optional<store::OutboxItem> item = store_.outboxItem(clientId);
    if (!item || !isEditable(item->state)) return false;
    store_.removeFromOutbox(clientId);
    return true;
}

}  // namespace parta::sync
