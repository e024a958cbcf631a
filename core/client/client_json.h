#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "client/client.h"

namespace parta {

// The Client with JSON text in and out, for the wasm binding (and any other edge that speaks
// JSON). Every answer is {"ok": true, "value"?: …} or {"ok": false, "error": CODE,
// "message": {"ru", "en"}, "detail"}; nothing throws. Server ids travel as decimal strings,
// because a JS Number loses int64 precision; times stay numbers (they fit in 2^53).
// wasm/parta.d.ts and docs/protocol.md ("The client in JavaScript") give the shapes.
class ClientJson {
public:
    // optionsJson: {"databasePath"?, "vfs"?, "exclusive"?, "journalMode"?, "pageSize"?} (see
    // store/database_options.h); empty text or null means the defaults.
    explicit ClientJson(std::string_view optionsJson);
    ~ClientJson();
    ClientJson(const ClientJson&) = delete;
    ClientJson& operator=(const ClientJson&) = delete;

    std::string applySync(std::string_view responseText, std::int64_t nowMs);
    std::string nextRequest(std::int64_t nowMs);
    std::string onSyncFailed(int httpStatus, std::int64_t nowMs);
    std::string chats();
    std::string people(std::string_view chatId);
    std::string reconnected(std::int64_t nowMs);
    // pageJson: {"limit"?, "beforeId"?, "afterId"?}; optionsJson: {"chatId"?, "beforeId"?, "limit"?}.
    std::string messages(std::string_view chatId, std::string_view pageJson);
    std::string search(std::string_view query, std::string_view optionsJson);
    // replyToJson: a JSON id string, or null / empty text for none. detailsJson: null / empty
    // text, or {"poll"?, "attachments"?} (see extrasFrom in client_json.cpp).
    std::string enqueue(std::string_view chatId, std::string_view text, std::string_view replyToJson,
                        std::string_view detailsJson, std::int64_t nowMs);
    std::string outbox();
    std::string onSendResult(std::string_view clientId, int httpStatus, std::string_view body, std::int64_t nowMs);
    std::string editUnsent(std::string_view clientId, std::string_view text, std::int64_t nowMs);
    std::string retryUnsent(std::string_view clientId, std::int64_t nowMs);
    std::string discardUnsent(std::string_view clientId);
    std::string editMessage(std::string_view messageId, std::string_view text, std::int64_t nowMs);
    std::string deleteMessage(std::string_view messageId, std::int64_t nowMs);
    // optionIdsJson: a JSON array of decimal id strings; [] withdraws the vote.
    std::string votePoll(std::string_view messageId, std::string_view optionIdsJson, std::int64_t nowMs);
    std::string markRead(std::string_view chatId, std::string_view messageId, std::int64_t nowMs);
    std::string setDraft(std::string_view chatId, std::string_view text);
    std::string draft(std::string_view chatId);
    std::string allowedActions(std::string_view chatId);
    std::string inviteRoles(std::string_view chatId);
    std::string memberActions(std::string_view chatId, std::string_view userId);
    std::string schoolActions();
    // `peopleJson`: an array of people as the server's administration answers them; each
    // one's `roles` (policy school-role names) decide which actions fit them. Answers one
    // array of action names per person, in the same order: one call for a whole school.
    std::string actionsOnPeople(std::string_view peopleJson);
    std::string chatsToCreate();
    std::string wipe();
    std::string compactLog();
    std::string checkIntegrity();

private:
    std::optional<ClientError> optionsError_;
    std::unique_ptr<Client> client_;
};

// The answer a call gets when storage below SQLite refused, after the commit, to keep what it
// wrote (the browser's IndexedDB tier writes back then): STORAGE_FULL, as core answers a full
// disk during the transaction. `detail` is the storage's own message.
std::string storageFullAnswer(std::string_view detail);

}  // namespace parta
