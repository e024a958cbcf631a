#include "sync/http_request.h"

#include <nlohmann/json.hpp>

namespace parta::sync {

HttpRequest syncRequest(const std::string& cursor, int limit) {
    HttpRequest request;
    request.kind = RequestKind::Sync;
    request.method = "GET";
    // Cursors are URL-safe by protocol (isValidCursor), so they need no escaping here.
    request.path = "/api/v1/sync?" + (cursor.empty() ? std::string() : "since=" + cursor + "&") +
                   "limit=" + std::to_string(limit);
    return request;
}

HttpRequest sendRequest(const store::OutboxItem& item) {
    HttpRequest request;
    request.kind = item.kind == store::OutboxKind::Message ? RequestKind::SendMessage : RequestKind::SendChange;
    request.method = "POST";
    request.clientId = item.clientId;
    // The idempotency key in every body; a retry sends the very same bytes.
    nlohmann::json body = {{"clientId", item.clientId}};
    const std::string message = "/api/v1/messages/" + std::to_string(item.messageId);
    switch (item.kind) {
        case store::OutboxKind::Message:
            request.path = "/api/v1/messages";
            body["chatId"] = item.chatId;
            body["text"] = item.text;
            body["replyTo"] = item.replyTo ? nlohmann::json(*item.replyTo) : nlohmann::json(nullptr);
            if (item.poll) {
                nlohmann::json options = nlohmann::json::array();
                for (const store::PollOption& option : item.poll->options) options.push_back(option.text);
                body["poll"] = {{"question", item.poll->question},
                                {"multipleChoice", item.poll->multipleChoice},
                                {"options", options}};
            }
            if (!item.attachments.empty()) {
                nlohmann::json ids = nlohmann::json::array();
                for (const store::Attachment& attachment : item.attachments) ids.push_back(attachment.id);
                body["attachmentIds"] = ids;
            }
            break;
        case store::OutboxKind::Edit:
            request.path = message + "/edit";
            body["chatId"] = item.chatId;
            body["text"] = item.text;
            break;
        case store::OutboxKind::Delete:
            request.path = message + "/delete";
            body["chatId"] = item.chatId;
            break;
        case store::OutboxKind::Vote:
            request.path = message + "/votes";
            body["chatId"] = item.chatId;
            body["optionIds"] = item.optionIds;
            break;
        case store::OutboxKind::ReadPosition:
            request.path = "/api/v1/chats/" + std::to_string(item.chatId) + "/read";
            body["lastReadId"] = item.messageId;
            break;
    }
    request.body = body.dump();
    return request;
}

}  // namespace parta::sync
