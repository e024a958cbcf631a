#include "store/message_store.h"

#include <algorithm>
#include <cctype>
#include <limits>

#include <nlohmann/json.hpp>

#include "store/transaction.h"
#include "text/search_folding.h"

namespace parta::store {

namespace {

// The highest id a page "before beforeId" may hold, as an inclusive bound: an exclusive bound
// of INT64_MAX would leave out the protocol's largest id, 2^63-1.
std::int64_t highestIdBefore(std::optional<std::int64_t> beforeId) {
    if (!beforeId) return std::numeric_limits<std::int64_t>::max();
    return *beforeId <= 1 ? 0 : *beforeId - 1;
}

// Whether a text written at `at` replaces the stored one written at `storedAt` (SQL, with the
// four operands as SQL expressions). The newer edit wins; an absent editedAt counts as oldest.
// Equal times are settled by the texts' byte order, so that the outcome depends on which texts
// arrived and never on the order they arrived in (the server gives one text per editedAt; the
// rule only has to be total). A stored text of NULL is an evicted body, which any copy restores.
#define PARTA_TEXT_SUPERSEDES(at, text, storedAt, storedText)                                     \
    "(coalesce(" at ", -1) > coalesce(" storedAt ", -1) OR (coalesce(" at ", -1) = coalesce(" storedAt \
    ", -1) AND (" storedText " IS NULL OR " text " >= " storedText ")))"

// Column list shared by every query that reads messages, in readMessage's order.
#define PARTA_MESSAGE_COLUMNS \
    "m.id, m.chat_id, m.sender_id, m.server_time, m.text, m.reply_to, m.edited_at, m.deleted, " \
    "m.client_id, m.pinned"
// Page queries add the details mark (migration 0007) after those columns.
#define PARTA_PAGE_COLUMNS PARTA_MESSAGE_COLUMNS ", m.may_have_details"
constexpr int kDetailsMarkColumn = 10;

Message readMessage(const Statement& row, int first = 0) {
    Message message;
    message.id = row.integer(first);
    message.chatId = row.integer(first + 1);
    message.senderId = row.integer(first + 2);
    message.serverTime = row.integer(first + 3);
    message.text = row.text(first + 4);
    message.replyTo = row.optionalInteger(first + 5);
    message.editedAt = row.optionalInteger(first + 6);
    message.deleted = row.integer(first + 7) != 0;
    message.bodyEvicted = !message.deleted && row.isNull(first + 4);
    message.clientId = row.text(first + 8);
    message.pinned = row.integer(first + 9) != 0;
    return message;
}

// Reads the rows of a PARTA_PAGE_COLUMNS query, noting the messages whose attachments and
// poll must be looked up.
void readPage(Statement& query, std::vector<Message>& page, std::vector<std::int64_t>& withDetails) {
    while (query.step()) {
        page.push_back(readMessage(query));
        if (query.integer(kDetailsMarkColumn) != 0) withDetails.push_back(page.back().id);
    }
}

#define PARTA_OUTBOX_COLUMNS                                                                       \
    "seq, client_id, chat_id, text, reply_to, created_at, state, attempts, next_attempt_at, " \
    "failure_code, http_status, kind, message_id, option_ids, poll, attachments"

std::string_view outboxKindName(OutboxKind kind) {
    switch (kind) {
        case OutboxKind::Message: return "message";
        case OutboxKind::Edit: return "edit";
        case OutboxKind::Delete: return "delete";
        case OutboxKind::Vote: return "vote";
        case OutboxKind::ReadPosition: return "read";
    }
    return "message";
}

OutboxKind outboxKindFromName(std::string_view name) {
    if (name == "edit") return OutboxKind::Edit;
    if (name == "delete") return OutboxKind::Delete;
    if (name == "vote") return OutboxKind::Vote;
    if (name == "read") return OutboxKind::ReadPosition;
    return OutboxKind::Message;
}

// A JSON array of integers as the store wrote it; anything else reads as empty.
std::vector<std::int64_t> integersFromJson(const std::string& text) {
    std::vector<std::int64_t> integers;
    const auto array = nlohmann::json::parse(text, nullptr, false);
    if (!array.is_array()) return integers;
    for (const auto& item : array) {
        if (item.is_number_integer()) integers.push_back(item.get<std::int64_t>());
    }
    return integers;
}

std::string_view outboxStateName(OutboxState state) {
    switch (state) {
        case OutboxState::Queued: return "queued";
        case OutboxState::InFlight: return "in_flight";
        case OutboxState::Accepted: return "accepted";
        case OutboxState::Failed: return "failed";
    }
    return "queued";
}

OutboxState outboxStateFromName(std::string_view name) {
    if (name == "in_flight") return OutboxState::InFlight;
    if (name == "accepted") return OutboxState::Accepted;
    if (name == "failed") return OutboxState::Failed;
    return OutboxState::Queued;
}

// The outbox's poll and attachments columns (migration 0011); written by this file alone.
std::optional<std::string> pollJson(const std::optional<Poll>& poll) {
    if (!poll) return std::nullopt;
    nlohmann::json options = nlohmann::json::array();
    for (const PollOption& option : poll->options) options.push_back(option.text);
    return nlohmann::json{{"question", poll->question}, {"multipleChoice", poll->multipleChoice}, {"options", options}}.dump();
}

std::optional<Poll> pollFromJson(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    const auto value = nlohmann::json::parse(*text, nullptr, false);
    if (!value.is_object()) return std::nullopt;
    Poll poll{value.value("question", std::string()), value.value("multipleChoice", false), {}};
    std::int64_t id = 0;
    for (const auto& option : value.value("options", nlohmann::json::array())) {
        if (option.is_string()) poll.options.push_back({++id, option.get<std::string>(), 0, false});
    }
    return poll;
}

std::optional<std::string> attachmentsJson(const std::vector<Attachment>& attachments) {
    if (attachments.empty()) return std::nullopt;
    nlohmann::json array = nlohmann::json::array();
    for (const Attachment& attachment : attachments) {
        array.push_back({{"id", attachment.id}, {"name", attachment.name}, {"mimeType", attachment.mimeType},
                         {"sizeBytes", attachment.sizeBytes}});
    }
    return array.dump();
}

std::vector<Attachment> attachmentsFromJson(const std::optional<std::string>& text) {
    std::vector<Attachment> attachments;
    if (!text) return attachments;
    const auto array = nlohmann::json::parse(*text, nullptr, false);
    if (!array.is_array()) return attachments;
    for (const auto& item : array) {
        if (!item.is_object()) continue;
        attachments.push_back({item.value("id", std::int64_t{0}), item.value("name", std::string()),
                               item.value("mimeType", std::string()), item.value("sizeBytes", std::int64_t{0})});
    }
    return attachments;
}

OutboxItem readOutboxItem(const Statement& row) {
    OutboxItem item;
    item.seq = row.integer(0);
    item.clientId = row.text(1);
    item.chatId = row.integer(2);
    item.text = row.text(3);
    item.replyTo = row.optionalInteger(4);
    item.createdAt = row.integer(5);
    item.state = outboxStateFromName(row.text(6));
    item.attempts = static_cast<int>(row.integer(7));
    item.nextAttemptAt = row.integer(8);
    item.failureCode = row.text(9);
    item.httpStatus = static_cast<int>(row.integer(10));
    item.kind = outboxKindFromName(row.text(11));
    item.messageId = row.optionalInteger(12).value_or(0);
    if (item.kind == OutboxKind::Vote) item.optionIds = integersFromJson(row.text(13));
    if (item.kind == OutboxKind::Message) {
        item.poll = pollFromJson(row.optionalText(14));
        item.attachments = attachmentsFromJson(row.optionalText(15));
    }
    return item;
}

Delivery deliveryOf(OutboxState state) {
    switch (state) {
        case OutboxState::Queued:
        case OutboxState::InFlight: return Delivery::Sending;
        case OutboxState::Accepted: return Delivery::Accepted;
        case OutboxState::Failed: return Delivery::Failed;
    }
    return Delivery::Sending;
}

// A vote of ours still in the outbox, counted in place of the one the server has.
void applyPendingVote(Poll& poll, const std::vector<std::int64_t>& optionIds) {
    for (PollOption& option : poll.options) {
        if (option.chosenByMe) option.votes -= 1;
        option.chosenByMe = std::find(optionIds.begin(), optionIds.end(), option.id) != optionIds.end();
        if (option.chosenByMe) option.votes += 1;
    }
}

// Shows our changes still in the outbox on the message they change, so a person sees their
// edit, deletion or vote at once, offline too. `pending` is oldest first: the newest change has
// the last word. A failed change shows nothing but its code; a deletion by the server stands.
void overlayPendingChanges(const std::vector<OutboxItem>& pending, Message& message) {
    for (const OutboxItem& item : pending) {
        if (item.kind == OutboxKind::Message || item.kind == OutboxKind::ReadPosition) continue;
        if (item.messageId != message.id || item.chatId != message.chatId) continue;
        if (item.kind == OutboxKind::Vote) {
            if (item.state != OutboxState::Failed && message.poll) applyPendingVote(*message.poll, item.optionIds);
            continue;
        }
        message.change = deliveryOf(item.state);
        message.changeClientId = item.clientId;
        message.changeFailureCode = item.failureCode;
        if (item.state == OutboxState::Failed || message.deleted) continue;
        if (item.kind == OutboxKind::Edit) {
            message.text = item.text;
        } else {
            message.deleted = true;
            message.text.clear();
            message.editedAt.reset();
            message.attachments.clear();
            message.poll.reset();
        }
    }
}

// Each whitespace-separated word becomes a quoted FTS5 prefix phrase ("word"*), so what a
// person types can never be read as FTS5 syntax (AND, NEAR, column filters, quotes).
std::string ftsQueryFor(std::string_view query) {
    const std::string folded = text::foldForSearch(query);
    std::string fts;
    std::size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && std::isspace(static_cast<unsigned char>(folded[i]))) ++i;
        const std::size_t start = i;
        while (i < folded.size() && !std::isspace(static_cast<unsigned char>(folded[i]))) ++i;
        if (start == i) break;
        if (!fts.empty()) fts += ' ';
        fts += '"';
        for (const char c : folded.substr(start, i - start)) {
            if (c == '"') fts += '"';
            fts += c;
        }
        fts += "\"*";
    }
    return fts;
}

// A JSON array of strings as the store wrote it; anything else reads as empty.
std::vector<std::string> stringsFromJson(const std::string& text) {
    std::vector<std::string> strings;
    const auto array = nlohmann::json::parse(text, nullptr, false);
    if (!array.is_array()) return strings;
    for (const auto& item : array) {
        if (item.is_string()) strings.push_back(item.get<std::string>());
    }
    return strings;
}

// A JSON array of ids for json_each(), so one prepared statement serves a page of any size.
std::string idArray(const std::vector<std::int64_t>& ids) {
    return nlohmann::json(ids).dump();
}

}  // namespace

MessageStore::MessageStore(Database& database) : db_(database) {}

void MessageStore::setMe(const Me& me) {
    nlohmann::json children = nlohmann::json::array();
    for (const Child& child : me.children) children.push_back({{"userId", child.userId}, {"classId", child.classId}});
    db_.statement("INSERT INTO me (singleton, user_id, roles, verified, class_teacher_of, teaches, student_of, children) "
                  "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                  "ON CONFLICT (singleton) DO UPDATE SET user_id = excluded.user_id, roles = excluded.roles, "
                  "verified = excluded.verified, class_teacher_of = excluded.class_teacher_of, "
                  "teaches = excluded.teaches, student_of = excluded.student_of, children = excluded.children")
        .bind(1, me.userId)
        .bind(2, nlohmann::json(me.roles).dump())
        .bind(3, std::int64_t{me.verified})
        .bind(4, nlohmann::json(me.classTeacherOf).dump())
        .bind(5, nlohmann::json(me.teaches).dump())
        .bind(6, me.studentOf)
        .bind(7, children.dump())
        .run();
}

void MessageStore::upsertUser(const User& user) {
    db_.statement("INSERT INTO users (id, name, role) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role")
        .bind(1, user.id)
        .bind(2, user.name)
        .bind(3, user.role)
        .run();
}

void MessageStore::upsertChat(const Chat& chat) {
    db_.statement("INSERT INTO chats (id, kind, title, created_at, last_activity, class_id) "
                  "VALUES (?1, ?2, ?3, ?4, ?4, nullif(?5, '')) "
                  "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, "
                  "created_at = excluded.created_at, class_id = excluded.class_id, "
                  "last_activity = max(chats.last_activity, excluded.created_at)")
        .bind(1, chat.id)
        .bind(2, chat.kind)
        .bind(3, chat.title)
        .bind(4, chat.createdAt)
        .bind(5, chat.classId)
        .run();
    // Messages may have arrived before their chat (after a membership change, say).
    refreshLastMessage(chat.id);
}

void MessageStore::refreshLastMessage(std::int64_t chatId) {
    db_.statement("UPDATE chats SET last_message_id = latest.id, "
                  "last_activity = max(chats.last_activity, latest.server_time) "
                  "FROM (SELECT id, server_time FROM messages WHERE chat_id = ?1 ORDER BY id DESC LIMIT 1) "
                  "AS latest WHERE chats.id = ?1 AND chats.last_message_id < latest.id")
        .bind(1, chatId)
        .run();
}

void MessageStore::upsertMembership(const Membership& membership) {
    db_.statement("INSERT INTO memberships (chat_id, user_id, role) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (chat_id, user_id) DO UPDATE SET role = excluded.role")
        .bind(1, membership.chatId)
        .bind(2, membership.userId)
        .bind(3, membership.role)
        .run();
}

void MessageStore::removeMembership(std::int64_t chatId, std::int64_t userId) {
    db_.statement("DELETE FROM memberships WHERE chat_id = ?1 AND user_id = ?2").bind(1, chatId).bind(2, userId).run();
}

void MessageStore::forgetChat(std::int64_t chatId, std::string_view unsentFailureCode) {
    // Details first: they are found through the chat's messages. Deleting the messages notes
    // their indexed text for removal from messages_fts (migration 0008's delete trigger).
    for (const char* sql : {
             "DELETE FROM poll_votes WHERE message_id IN (SELECT id FROM messages WHERE chat_id = ?1)",
             "DELETE FROM poll_options WHERE message_id IN (SELECT id FROM messages WHERE chat_id = ?1)",
             "DELETE FROM polls WHERE message_id IN (SELECT id FROM messages WHERE chat_id = ?1)",
             "DELETE FROM attachments WHERE message_id IN (SELECT id FROM messages WHERE chat_id = ?1)",
             "DELETE FROM messages WHERE chat_id = ?1",
             "DELETE FROM early_message_changes WHERE chat_id = ?1",
             "DELETE FROM read_state WHERE chat_id = ?1",
             "DELETE FROM drafts WHERE chat_id = ?1",
             "DELETE FROM invites WHERE chat_id = ?1",
             "DELETE FROM join_requests WHERE chat_id = ?1",
             "DELETE FROM memberships WHERE chat_id = ?1",
             "DELETE FROM chats WHERE id = ?1",
             "DELETE FROM outbox WHERE chat_id = ?1 AND (kind NOT IN ('message', 'edit') OR state = 'accepted')",
         }) {
        db_.statement(sql).bind(1, chatId).run();
    }
    db_.statement("UPDATE outbox SET state = 'failed', failure_code = ?2, http_status = 0 WHERE chat_id = ?1")
        .bind(1, chatId)
        .bind(2, unsentFailureCode)
        .run();
    // Its newest message is gone with it: finishTransaction must not point a chat that comes
    // back later in the transaction at it.
    newestWrittenByChat_.erase(chatId);
}

void MessageStore::upsertMessage(const Message& message) {
    // Both statements below take the message as the same numbered parameters.
    auto bindMessage = [&message](Statement& statement) -> Statement& {
        return statement.bind(1, message.id)
            .bind(2, message.chatId)
            .bind(3, message.senderId)
            .bind(4, message.serverTime)
            .bind(5, std::string_view(message.text))
            .bind(6, message.replyTo)
            .bind(7, message.editedAt)
            .bind(8, std::int64_t{message.deleted ? 1 : 0})
            .bind(9, message.clientId.empty() ? std::optional<std::string>() : message.clientId)
            .bind(10, std::int64_t{message.pinned ? 1 : 0})
            .bind(11, std::int64_t{!message.deleted && (!message.attachments.empty() || message.poll) ? 1 : 0});
    };
    // Most messages arrive once, and a plain insert stores them. A copy of a stored message
    // merges into it instead. A deleted message keeps only its place in the chat: no text and
    // no editedAt, whichever of its events came first.
    bindMessage(db_.statement("INSERT INTO messages (id, chat_id, sender_id, server_time, text, reply_to, edited_at, "
                              "deleted, client_id, pinned, may_have_details) "
                              "VALUES (?1, ?2, ?3, ?4, iif(?8, NULL, ?5), ?6, iif(?8, NULL, ?7), ?8, ?9, ?10, ?11) "
                              "ON CONFLICT (id) DO NOTHING"))
        .run();
    const bool replacing = db_.changes() == 0;
    bool deleted = message.deleted;
    if (replacing) {
        // Merge rules that make the result independent of how often and in which order copies
        // arrive: deleted stays deleted, the newer text wins (PARTA_TEXT_SUPERSEDES).
        Statement& merge = bindMessage(db_.statement(
            "UPDATE messages SET chat_id = ?2, sender_id = ?3, server_time = ?4, reply_to = ?6, "
            "pinned = ?10, client_id = coalesce(?9, client_id), may_have_details = max(may_have_details, ?11), "
            "text = CASE WHEN deleted OR ?8 THEN NULL "
            "  WHEN " PARTA_TEXT_SUPERSEDES("?7", "?5", "edited_at", "text") " THEN ?5 ELSE text END, "
            "edited_at = CASE WHEN deleted OR ?8 THEN NULL "
            "  WHEN " PARTA_TEXT_SUPERSEDES("?7", "?5", "edited_at", "text") " THEN ?7 ELSE edited_at END, "
            "deleted = max(deleted, ?8) WHERE id = ?1 RETURNING deleted"));
        // A copy of a message deleted before keeps nothing either, whatever it carries.
        deleted = merge.step() && merge.integer(0) != 0;
        merge.reset();
    } else if (!message.deleted) {
        // As the update and delete triggers of migration 0008 note changed text for the search index.
        db_.statement("INSERT INTO search_index_pending (message_id, indexed) VALUES (?1, 0) ON CONFLICT DO NOTHING")
            .bind(1, message.id)
            .run();
    }

    NewestMessage& newest = newestWrittenByChat_[message.chatId];
    if (message.id > newest.id) newest = {message.id, message.serverTime};

    if (!message.clientId.empty()) {
        db_.statement("DELETE FROM outbox WHERE client_id = ?1 AND chat_id = ?2")
            .bind(1, message.clientId)
            .bind(2, message.chatId)
            .run();
    }

    if (deleted) {
        forgetContent(message.id);
    } else {
        storeDetails(message, replacing);
    }
    // Last, so that a deletion that waited removes what the copy brought.
    if (!replacing) mergeEarlyChanges(message.id, message.chatId);
}

void MessageStore::storeDetails(const Message& message, bool replacing) {
    if (replacing) {
        for (const char* sql : {"DELETE FROM attachments WHERE message_id = ?1", "DELETE FROM polls WHERE message_id = ?1",
                                "DELETE FROM poll_options WHERE message_id = ?1"}) {
            db_.statement(sql).bind(1, message.id).run();
        }
    }
    for (const Attachment& attachment : message.attachments) {
        db_.statement("INSERT INTO attachments (id, message_id, name, mime_type, size_bytes) "
                      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET message_id = excluded.message_id, "
                      "name = excluded.name, mime_type = excluded.mime_type, size_bytes = excluded.size_bytes")
            .bind(1, attachment.id)
            .bind(2, message.id)
            .bind(3, attachment.name)
            .bind(4, attachment.mimeType)
            .bind(5, attachment.sizeBytes)
            .run();
    }
    if (message.poll) {
        db_.statement("INSERT INTO polls (message_id, question, multiple_choice) VALUES (?1, ?2, ?3)")
            .bind(1, message.id)
            .bind(2, message.poll->question)
            .bind(3, std::int64_t{message.poll->multipleChoice ? 1 : 0})
            .run();
        for (const PollOption& option : message.poll->options) {
            db_.statement("INSERT OR REPLACE INTO poll_options (message_id, option_id, text) VALUES (?1, ?2, ?3)")
                .bind(1, message.id)
                .bind(2, option.id)
                .bind(3, option.text)
                .run();
        }
    }
}

void MessageStore::forgetContent(std::int64_t messageId) {
    for (const char* sql : {"DELETE FROM attachments WHERE message_id = ?1", "DELETE FROM polls WHERE message_id = ?1",
                            "DELETE FROM poll_options WHERE message_id = ?1",
                            "DELETE FROM poll_votes WHERE message_id = ?1"}) {
        db_.statement(sql).bind(1, messageId).run();
    }
}

// Reads that run inside a sync page's transaction end their statement at once: one left on its
// row through COMMIT keeps a read snapshot, which holds back the checkpoint the commit would run.
bool MessageStore::isStored(std::int64_t messageId) {
    Statement& query = db_.statement("SELECT 1 FROM messages WHERE id = ?1");
    const bool stored = query.bind(1, messageId).step();
    query.reset();
    return stored;
}

bool MessageStore::earlyChangesWaiting() {
    if (!earlyChangesWaiting_) {
        Statement& query = db_.statement("SELECT EXISTS (SELECT 1 FROM early_message_changes)");
        earlyChangesWaiting_ = query.step() && query.integer(0) != 0;
        query.reset();
    }
    return *earlyChangesWaiting_;
}

void MessageStore::mergeEarlyChanges(std::int64_t messageId, std::int64_t chatId) {
    if (!earlyChangesWaiting()) return;
    Statement& query =
        db_.statement("SELECT deleted, edited_at, text FROM early_message_changes WHERE message_id = ?1 AND chat_id = ?2");
    query.bind(1, messageId).bind(2, chatId);
    const bool found = query.step();
    const bool deleted = found && query.integer(0) != 0;
    const std::optional<std::int64_t> editedAt = found ? query.optionalInteger(1) : std::nullopt;
    const std::string text = found ? query.text(2) : std::string();
    query.reset();
    // Changes noted under another chat name a chat the message is not in: they never apply,
    // as they would not to the stored message, and go with the ones that do.
    db_.statement("DELETE FROM early_message_changes WHERE message_id = ?1").bind(1, messageId).run();
    // The message is stored now, so the change applies as if it arrived after it; edits and
    // deletions commute with copies, which is what makes the order of arrival not matter.
    if (deleted) {
        deleteMessage(chatId, messageId);
    } else if (editedAt) {
        editMessage({messageId, chatId, text, *editedAt});
    }
}

void MessageStore::editMessage(const MessageEdit& edit) {
    // Both statements take the edit as the same numbered parameters.
    auto bindEdit = [&edit](Statement& statement) -> Statement& {
        return statement.bind(1, edit.id).bind(2, edit.chatId).bind(3, edit.text).bind(4, edit.editedAt);
    };
    bindEdit(db_.statement("UPDATE messages SET text = ?3, edited_at = ?4 WHERE id = ?1 AND chat_id = ?2 AND deleted = 0 "
                           "AND " PARTA_TEXT_SUPERSEDES("?4", "?3", "edited_at", "text")))
        .run();
    if (db_.changes() > 0 || isStored(edit.id)) return;
    // Not stored yet: kept until it is, the newest edit of each (message, chat) only.
    bindEdit(db_.statement(
                 "INSERT INTO early_message_changes (message_id, chat_id, edited_at, text) VALUES (?1, ?2, ?4, ?3) "
                 "ON CONFLICT (message_id, chat_id) DO UPDATE SET edited_at = excluded.edited_at, text = excluded.text "
                 "WHERE NOT deleted AND " PARTA_TEXT_SUPERSEDES("excluded.edited_at", "excluded.text", "edited_at", "text")))
        .run();
    earlyChangesWaiting_ = true;
}

void MessageStore::deleteMessage(std::int64_t chatId, std::int64_t messageId) {
    db_.statement("UPDATE messages SET deleted = 1, text = NULL, edited_at = NULL "
                  "WHERE id = ?1 AND chat_id = ?2 AND deleted = 0")
        .bind(1, messageId)
        .bind(2, chatId)
        .run();
    if (db_.changes() > 0) {
        // A deleted message keeps only its place in the chat: nothing of its content stays.
        forgetContent(messageId);
        return;
    }
    if (isStored(messageId)) return;
    // Not stored yet: the deletion waits for it, and no text is kept with it.
    db_.statement("INSERT INTO early_message_changes (message_id, chat_id, deleted) VALUES (?1, ?2, 1) "
                  "ON CONFLICT (message_id, chat_id) DO UPDATE SET deleted = 1, edited_at = NULL, text = NULL")
        .bind(1, messageId)
        .bind(2, chatId)
        .run();
    earlyChangesWaiting_ = true;
}

void MessageStore::setPollVotes(const PollVotes& votes) {
    // A deleted message keeps no votes, whether they arrive before or after its deletion.
    Statement& deleted = db_.statement("SELECT deleted FROM messages WHERE id = ?1");
    deleted.bind(1, votes.messageId);
    const bool ofDeletedMessage = deleted.step() && deleted.integer(0) != 0;
    deleted.reset();
    if (ofDeletedMessage) return;
    db_.statement("DELETE FROM poll_votes WHERE message_id = ?1 AND user_id = ?2")
        .bind(1, votes.messageId)
        .bind(2, votes.userId)
        .run();
    for (const std::int64_t optionId : votes.optionIds) {
        db_.statement("INSERT OR IGNORE INTO poll_votes (message_id, user_id, option_id) VALUES (?1, ?2, ?3)")
            .bind(1, votes.messageId)
            .bind(2, votes.userId)
            .bind(3, optionId)
            .run();
    }
}

void MessageStore::advanceReadState(std::int64_t chatId, std::int64_t lastReadId) {
    db_.statement("INSERT INTO read_state (chat_id, last_read_id) VALUES (?1, ?2) "
                  "ON CONFLICT (chat_id) DO UPDATE SET last_read_id = max(last_read_id, excluded.last_read_id)")
        .bind(1, chatId)
        .bind(2, lastReadId)
        .run();
}

void MessageStore::upsertInvite(const Invite& invite) {
    db_.statement("INSERT INTO invites (id, chat_id, state, created_by, created_at, expires_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET chat_id = excluded.chat_id, "
                  "state = excluded.state, created_by = excluded.created_by, created_at = excluded.created_at, "
                  "expires_at = excluded.expires_at")
        .bind(1, invite.id)
        .bind(2, invite.chatId)
        .bind(3, invite.state)
        .bind(4, invite.createdBy)
        .bind(5, invite.createdAt)
        .bind(6, invite.expiresAt)
        .run();
}

void MessageStore::upsertJoinRequest(const JoinRequest& request) {
    db_.statement("INSERT INTO join_requests (id, chat_id, user_id, state, created_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                  "ON CONFLICT (id) DO UPDATE SET chat_id = excluded.chat_id, user_id = excluded.user_id, "
                  "state = excluded.state, created_at = excluded.created_at")
        .bind(1, request.id)
        .bind(2, request.chatId)
        .bind(3, request.userId)
        .bind(4, request.state)
        .bind(5, request.createdAt)
        .run();
}

void MessageStore::clearSyncedData() {
    newestWrittenByChat_.clear();
    earlyChangesWaiting_ = false;
    db_.execute(
        "DELETE FROM users; DELETE FROM chats; DELETE FROM memberships; DELETE FROM messages; "
        "DELETE FROM attachments; DELETE FROM polls; DELETE FROM poll_options; DELETE FROM poll_votes; "
        "DELETE FROM read_state; DELETE FROM invites; DELETE FROM join_requests; "
        "DELETE FROM early_message_changes;");
}

void MessageStore::setCursor(std::string_view cursor) {
    db_.statement("INSERT INTO sync_state (singleton, cursor) VALUES (1, ?1) "
                  "ON CONFLICT (singleton) DO UPDATE SET cursor = excluded.cursor")
        .bind(1, cursor)
        .run();
}

void MessageStore::enforceRetention(std::int64_t maxBodies) {
    db_.statement("UPDATE messages SET text = NULL WHERE id IN ("
                  "SELECT id FROM messages WHERE text IS NOT NULL AND pinned = 0 ORDER BY id LIMIT max(0, "
                  "(SELECT count(*) FROM messages WHERE text IS NOT NULL AND pinned = 0) - ?1))")
        .bind(1, maxBodies)
        .run();
}

void MessageStore::finishTransaction() {
    for (const auto& [chatId, newest] : newestWrittenByChat_) {
        db_.statement("UPDATE chats SET last_message_id = ?2, last_activity = max(last_activity, ?3) "
                      "WHERE id = ?1 AND last_message_id < ?2")
            .bind(1, chatId)
            .bind(2, newest.id)
            .bind(3, newest.serverTime)
            .run();
    }
    newestWrittenByChat_.clear();
    // Each transaction looks afresh: one that rolls back may restore rows a reset in it
    // had cleared.
    earlyChangesWaiting_.reset();
    indexPendingSearchText();
}

void MessageStore::indexPendingSearchText() {
    // One rowid at a time: FTS5 answers rowid = ? directly, where an IN list could scan it.
    std::vector<std::int64_t> stale;
    Statement& indexed = db_.statement("SELECT message_id FROM search_index_pending WHERE indexed");
    while (indexed.step()) stale.push_back(indexed.integer(0));
    for (const std::int64_t id : stale) db_.statement("DELETE FROM messages_fts WHERE rowid = ?1").bind(1, id).run();
    // CROSS JOIN keeps the few pending rows as the outer loop instead of a scan of messages.
    // The indexed copy folds ё to е, as search queries do (text/search_folding.h).
    db_.statement("INSERT INTO messages_fts (rowid, body) "
                  "SELECT m.id, replace(replace(m.text, 'ё', 'е'), 'Ё', 'Е') FROM search_index_pending p "
                  "CROSS JOIN messages m ON m.id = p.message_id WHERE m.text IS NOT NULL ORDER BY p.message_id")
        .run();
    db_.statement("DELETE FROM search_index_pending").run();
}

std::optional<Me> MessageStore::me() {
    Statement& query =
        db_.statement("SELECT user_id, roles, verified, class_teacher_of, teaches, student_of, children FROM me");
    if (!query.step()) return std::nullopt;
    Me me;
    me.userId = query.integer(0);
    me.roles = stringsFromJson(query.text(1));
    me.verified = query.integer(2) != 0;
    me.classTeacherOf = stringsFromJson(query.text(3));
    me.teaches = stringsFromJson(query.text(4));
    me.studentOf = query.text(5);
    const auto children = nlohmann::json::parse(query.text(6), nullptr, false);
    if (children.is_array()) {
        for (const auto& child : children) {
            if (child.is_object() && child.value("userId", nlohmann::json()).is_number_integer() &&
                child.value("classId", nlohmann::json()).is_string()) {
                me.children.push_back({child["userId"].get<std::int64_t>(), child["classId"].get<std::string>()});
            }
        }
    }
    // Sync reads the profile inside a page's transaction too (see isStored).
    query.reset();
    return me;
}

std::optional<Chat> MessageStore::chat(std::int64_t chatId) {
    Statement& query =
        db_.statement("SELECT id, kind, title, created_at, coalesce(class_id, '') FROM chats WHERE id = ?1");
    query.bind(1, chatId);
    if (!query.step()) return std::nullopt;
    Chat chat{query.integer(0), query.text(1), query.text(2), query.integer(3), query.text(4)};
    // Sync reads the chat inside a page's transaction too (see isStored).
    query.reset();
    return chat;
}

std::vector<Chat> MessageStore::allChats() {
    Statement& query =
        db_.statement("SELECT id, kind, title, created_at, coalesce(class_id, '') FROM chats ORDER BY id");
    std::vector<Chat> chats;
    while (query.step()) {
        chats.push_back({query.integer(0), query.text(1), query.text(2), query.integer(3), query.text(4)});
    }
    return chats;
}

std::optional<std::string> MessageStore::membershipRole(std::int64_t chatId, std::int64_t userId) {
    Statement& query = db_.statement("SELECT role FROM memberships WHERE chat_id = ?1 AND user_id = ?2");
    query.bind(1, chatId).bind(2, userId);
    if (!query.step()) return std::nullopt;
    return query.text(0);
}

std::vector<ChatPerson> MessageStore::chatPeople(std::int64_t chatId) {
    Statement& query = db_.statement(
        "SELECT u.id, u.name, u.role, coalesce(m.role, '') FROM users u "
        "LEFT JOIN memberships m ON m.chat_id = ?1 AND m.user_id = u.id "
        "WHERE m.user_id IS NOT NULL OR u.id IN (SELECT sender_id FROM messages WHERE chat_id = ?1) "
        "ORDER BY u.name, u.id");
    query.bind(1, chatId);
    std::vector<ChatPerson> people;
    while (query.step()) people.push_back({query.integer(0), query.text(1), query.text(2), query.text(3)});
    return people;
}

std::string MessageStore::cursor() {
    Statement& query = db_.statement("SELECT cursor FROM sync_state");
    return query.step() ? query.text(0) : std::string();
}

bool MessageStore::hasChat(std::int64_t chatId) {
    Statement& query = db_.statement("SELECT 1 FROM chats WHERE id = ?1");
    const bool stored = query.bind(1, chatId).step();
    // The outbox asks before writing an answer in a transaction of its own (see isStored).
    query.reset();
    return stored;
}

std::vector<ChatSummary> MessageStore::chats(int limit) {
    Statement& query = db_.statement(
        "SELECT c.id, c.kind, c.title, c.created_at, coalesce(c.class_id, ''), c.last_activity, "
        "(SELECT count(*) FROM messages u WHERE u.chat_id = c.id AND u.id > coalesce(r.last_read_id, 0) "
        "  AND u.sender_id <> ?1 AND u.deleted = 0), "
        "coalesce(d.text, ''), " PARTA_MESSAGE_COLUMNS " "
        "FROM chats c LEFT JOIN read_state r ON r.chat_id = c.id LEFT JOIN drafts d ON d.chat_id = c.id "
        "LEFT JOIN messages m ON m.id = c.last_message_id "
        "ORDER BY c.last_activity DESC, c.id DESC LIMIT ?2");
    const std::optional<Me> self = me();
    query.bind(1, self ? self->userId : 0).bind(2, std::int64_t{limit});
    std::vector<ChatSummary> summaries;
    while (query.step()) {
        ChatSummary summary;
        summary.chat = {query.integer(0), query.text(1), query.text(2), query.integer(3), query.text(4)};
        summary.lastActivity = query.integer(5);
        summary.unreadCount = query.integer(6);
        summary.draft = query.text(7);
        if (!query.isNull(8)) summary.lastMessage = readMessage(query, 8);
        summaries.push_back(std::move(summary));
    }
    const std::vector<OutboxItem> pending = pendingChanges();
    for (ChatSummary& summary : summaries) {
        if (summary.lastMessage) overlayPendingChanges(pending, *summary.lastMessage);
    }
    return summaries;
}

std::vector<Message> MessageStore::messages(std::int64_t chatId, const PageRequest& page) {
    std::vector<Message> result;
    std::vector<std::int64_t> withDetails;
    if (page.afterId) {
        Statement& query = db_.statement("SELECT " PARTA_PAGE_COLUMNS " FROM messages m "
                                         "WHERE m.chat_id = ?1 AND m.id > ?2 ORDER BY m.id LIMIT ?3");
        query.bind(1, chatId).bind(2, *page.afterId).bind(3, std::int64_t{page.limit});
        readPage(query, result, withDetails);
    } else {
        Statement& query = db_.statement("SELECT " PARTA_PAGE_COLUMNS " FROM messages m "
                                         "WHERE m.chat_id = ?1 AND m.id <= ?2 ORDER BY m.id DESC LIMIT ?3");
        query.bind(1, chatId).bind(2, highestIdBefore(page.beforeId)).bind(3, std::int64_t{page.limit});
        readPage(query, result, withDetails);
        std::reverse(result.begin(), result.end());
    }
    attachDetails(result, withDetails);
    const std::vector<OutboxItem> pending = pendingChanges();
    for (Message& message : result) overlayPendingChanges(pending, message);
    // Our unconfirmed messages are the newest thing in the chat, so they belong to the page
    // that reaches the end of the chat.
    const bool reachesNewest = page.afterId ? static_cast<int>(result.size()) < page.limit : !page.beforeId;
    if (reachesNewest) appendOutboxEcho(chatId, result);
    return result;
}

std::vector<OutboxItem> MessageStore::pendingChanges() {
    Statement& query = db_.statement("SELECT " PARTA_OUTBOX_COLUMNS " FROM outbox "
                                     "WHERE kind IN ('edit', 'delete', 'vote') ORDER BY seq");
    std::vector<OutboxItem> items;
    while (query.step()) items.push_back(readOutboxItem(query));
    return items;
}

void MessageStore::appendOutboxEcho(std::int64_t chatId, std::vector<Message>& page) {
    std::vector<OutboxItem> items;
    Statement& query = db_.statement("SELECT " PARTA_OUTBOX_COLUMNS " FROM outbox "
                                     "WHERE chat_id = ?1 AND kind = 'message' ORDER BY seq");
    query.bind(1, chatId);
    while (query.step()) items.push_back(readOutboxItem(query));
    // Most pages have no outbox items; the profile is read only for those that do.
    if (items.empty()) return;
    const std::optional<Me> self = me();
    for (const OutboxItem& item : items) {
        Message message;
        message.chatId = item.chatId;
        message.senderId = self ? self->userId : 0;
        message.serverTime = item.createdAt;
        message.text = item.text;
        message.replyTo = item.replyTo;
        message.clientId = item.clientId;
        message.poll = item.poll;
        message.attachments = item.attachments;
        message.delivery = deliveryOf(item.state);
        message.failureCode = item.failureCode;
        page.push_back(std::move(message));
    }
}

void MessageStore::attachDetails(std::vector<Message>& messages, const std::vector<std::int64_t>& withDetails) {
    if (withDetails.empty()) return;
    const std::string ids = idArray(withDetails);
    auto find = [&messages](std::int64_t id) {
        return std::find_if(messages.begin(), messages.end(), [id](const Message& m) { return m.id == id; });
    };
    Statement& attachments = db_.statement(
        "SELECT a.message_id, a.id, a.name, a.mime_type, a.size_bytes FROM json_each(?1) j "
        "JOIN attachments a ON a.message_id = j.value ORDER BY a.id");
    attachments.bind(1, ids);
    while (attachments.step()) {
        const auto message = find(attachments.integer(0));
        if (message == messages.end()) continue;
        message->attachments.push_back(
            {attachments.integer(1), attachments.text(2), attachments.text(3), attachments.integer(4)});
    }
    Statement& polls = db_.statement(
        "SELECT p.message_id, p.question, p.multiple_choice FROM json_each(?1) j "
        "JOIN polls p ON p.message_id = j.value");
    polls.bind(1, ids);
    while (polls.step()) {
        const auto message = find(polls.integer(0));
        if (message != messages.end()) message->poll = Poll{polls.text(1), polls.integer(2) != 0, {}};
    }
    // Votes for an option the poll does not have count nowhere.
    Statement& options = db_.statement(
        "SELECT o.message_id, o.option_id, o.text, "
        "(SELECT count(*) FROM poll_votes v WHERE v.message_id = o.message_id AND v.option_id = o.option_id), "
        "EXISTS (SELECT 1 FROM poll_votes v WHERE v.message_id = o.message_id AND v.option_id = o.option_id "
        "  AND v.user_id = ?2) "
        "FROM json_each(?1) j JOIN poll_options o ON o.message_id = j.value ORDER BY o.message_id, o.option_id");
    const std::optional<Me> self = me();
    options.bind(1, ids).bind(2, self ? self->userId : 0);
    while (options.step()) {
        const auto message = find(options.integer(0));
        if (message != messages.end() && message->poll) {
            message->poll->options.push_back(
                {options.integer(1), options.text(2), options.integer(3), options.integer(4) != 0});
        }
    }
}

std::optional<Message> MessageStore::message(std::int64_t messageId) {
    Statement& query = db_.statement("SELECT " PARTA_PAGE_COLUMNS " FROM messages m WHERE m.id = ?1");
    query.bind(1, messageId);
    std::vector<Message> found;
    std::vector<std::int64_t> withDetails;
    readPage(query, found, withDetails);
    if (found.empty()) return std::nullopt;
    attachDetails(found, withDetails);
    overlayPendingChanges(pendingChanges(), found.front());
    return std::move(found.front());
}

std::vector<Message> MessageStore::search(std::string_view query, const SearchOptions& options) {
    const std::string fts = ftsQueryFor(query);
    std::vector<Message> result;
    if (fts.empty()) return result;
    Statement& statement = db_.statement(
        "SELECT " PARTA_PAGE_COLUMNS " FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid "
        "WHERE messages_fts MATCH ?1 AND messages_fts.rowid <= ?2 AND (?3 IS NULL OR m.chat_id = ?3) "
        "ORDER BY messages_fts.rowid DESC LIMIT ?4");
    statement.bind(1, fts)
        .bind(2, highestIdBefore(options.beforeId))
        .bind(3, options.chatId)
        .bind(4, std::int64_t{options.limit});
    std::vector<std::int64_t> withDetails;
    readPage(statement, result, withDetails);
    attachDetails(result, withDetails);
    const std::vector<OutboxItem> pending = pendingChanges();
    for (Message& message : result) overlayPendingChanges(pending, message);
    // What we deleted is not found any more, even before the server has the deletion.
    result.erase(std::remove_if(result.begin(), result.end(), [](const Message& m) { return m.deleted; }), result.end());
    return result;
}

std::int64_t MessageStore::lastReadId(std::int64_t chatId) {
    Statement& query = db_.statement("SELECT last_read_id FROM read_state WHERE chat_id = ?1");
    query.bind(1, chatId);
    return query.step() ? query.integer(0) : 0;
}

std::int64_t MessageStore::unreadCount(std::int64_t chatId) {
    const std::optional<Me> self = me();
    Statement& query = db_.statement(
        "SELECT count(*) FROM messages u WHERE u.chat_id = ?1 "
        "AND u.id > coalesce((SELECT last_read_id FROM read_state WHERE chat_id = ?1), 0) "
        "AND u.sender_id <> ?2 AND u.deleted = 0");
    query.bind(1, chatId).bind(2, self ? self->userId : 0);
    return query.step() ? query.integer(0) : 0;
}

void MessageStore::addToOutbox(const OutboxItem& item) {
    const bool changesAMessage = item.kind != OutboxKind::Message;
    db_.statement("INSERT INTO outbox (client_id, chat_id, text, reply_to, created_at, state, next_attempt_at, "
                  "kind, message_id, option_ids, poll, attachments) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?5, ?6, ?7, ?8, ?9, ?10)")
        .bind(1, item.clientId)
        .bind(2, item.chatId)
        .bind(3, item.text)
        .bind(4, item.replyTo)
        .bind(5, item.createdAt)
        .bind(6, outboxKindName(item.kind))
        .bind(7, changesAMessage ? std::optional<std::int64_t>(item.messageId) : std::nullopt)
        .bind(8, item.kind == OutboxKind::Vote ? std::optional<std::string>(idArray(item.optionIds)) : std::nullopt)
        .bind(9, item.kind == OutboxKind::Message ? pollJson(item.poll) : std::nullopt)
        .bind(10, item.kind == OutboxKind::Message ? attachmentsJson(item.attachments) : std::nullopt)
        .run();
}

std::vector<OutboxItem> MessageStore::outbox() {
    Statement& query = db_.statement("SELECT " PARTA_OUTBOX_COLUMNS " FROM outbox ORDER BY seq");
    std::vector<OutboxItem> items;
    while (query.step()) items.push_back(readOutboxItem(query));
    return items;
}

std::optional<OutboxItem> MessageStore::outboxItem(std::string_view clientId) {
    Statement& query = db_.statement("SELECT " PARTA_OUTBOX_COLUMNS " FROM outbox WHERE client_id = ?1");
    query.bind(1, clientId);
    if (!query.step()) return std::nullopt;
    return readOutboxItem(query);
}

std::optional<OutboxItem> MessageStore::queuedReadPosition(std::int64_t chatId) {
    Statement& query = db_.statement("SELECT " PARTA_OUTBOX_COLUMNS " FROM outbox "
                                     "WHERE chat_id = ?1 AND kind = 'read' AND state = 'queued'");
    query.bind(1, chatId);
    if (!query.step()) return std::nullopt;
    return readOutboxItem(query);
}

std::vector<OutboxItem> MessageStore::outboxHeads() {
    Statement& query = db_.statement(
        "SELECT " PARTA_OUTBOX_COLUMNS " FROM outbox o WHERE o.state IN ('queued', 'in_flight') "
        "AND o.seq = (SELECT min(p.seq) FROM outbox p WHERE p.chat_id = o.chat_id "
        "AND p.state IN ('queued', 'in_flight')) ORDER BY o.seq");
    std::vector<OutboxItem> items;
    while (query.step()) items.push_back(readOutboxItem(query));
    return items;
}

void MessageStore::updateOutboxItem(const OutboxItem& item) {
    db_.statement("UPDATE outbox SET text = ?2, state = ?3, attempts = ?4, next_attempt_at = ?5, "
                  "failure_code = ?6, http_status = ?7, message_id = coalesce(?8, message_id) WHERE client_id = ?1")
        .bind(8, item.kind == OutboxKind::Message ? std::nullopt : std::optional<std::int64_t>(item.messageId))
        .bind(1, item.clientId)
        .bind(2, item.text)
        .bind(3, outboxStateName(item.state))
        .bind(4, std::int64_t{item.attempts})
        .bind(5, item.nextAttemptAt)
        .bind(6, item.failureCode.empty() ? std::optional<std::string>() : item.failureCode)
        .bind(7, std::int64_t{item.httpStatus})
        .run();
}

void MessageStore::removeFromOutbox(std::string_view clientId) {
    db_.statement("DELETE FROM outbox WHERE client_id = ?1").bind(1, clientId).run();
}

void MessageStore::makeQueuedDue(std::int64_t nowMs) {
    db_.statement("UPDATE outbox SET next_attempt_at = ?1 WHERE state = 'queued' AND next_attempt_at > ?1")
        .bind(1, nowMs)
        .run();
}

void MessageStore::requeueInFlight() {
    db_.execute("UPDATE outbox SET state = 'queued' WHERE state = 'in_flight'");
}

void MessageStore::setDraft(std::int64_t chatId, std::string_view text) {
    if (text.empty()) {
        db_.statement("DELETE FROM drafts WHERE chat_id = ?1").bind(1, chatId).run();
        return;
    }
    db_.statement("INSERT INTO drafts (chat_id, text) VALUES (?1, ?2) "
                  "ON CONFLICT (chat_id) DO UPDATE SET text = excluded.text")
        .bind(1, chatId)
        .bind(2, text)
        .run();
}

std::string MessageStore::draft(std::int64_t chatId) {
    Statement& query = db_.statement("SELECT text FROM drafts WHERE chat_id = ?1");
    query.bind(1, chatId);
    return query.step() ? query.text(0) : std::string();
}

void MessageStore::wipe() {
    // Every table, found from the schema, so a table added by a later migration is not missed.
    // FTS5's shadow tables are emptied through the virtual table itself.
    std::vector<std::string> tables;
    Statement& list = db_.statement(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        "AND name NOT LIKE 'messages\\_fts\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'");
    while (list.step()) tables.push_back(list.text(0));
    db_.finishStatements();
    {
        Transaction transaction(db_);
        for (const std::string& table : tables) db_.execute("DELETE FROM \"" + table + "\"");
        // Deleting messages noted them for the search index: the index goes as a whole instead.
        db_.execute("INSERT INTO messages_fts (messages_fts) VALUES ('delete-all'); DELETE FROM search_index_pending; "
                    "DELETE FROM sqlite_sequence;");
        transaction.commit();
    }
    db_.execute("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);");
}

}  // namespace parta::store
