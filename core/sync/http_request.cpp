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

HttpRequest sendMessageRequest(const store::OutboxItem& item) {
    HttpRequest request;
    request.kind = RequestKind::SendMessage;
    request.method = "POST";
    request.path = "/api/v1/messages";
    request.clientId = item.clientId;
    nlohmann::json body = {{"clientId", item.clientId}, {"chatId", item.chatId}, {"text", item.text}};
    body["replyTo"] = item.replyTo ? nlohmann::json(*item.replyTo) : nlohmann::json(nullptr);
    request.body = body.dump();
    return request;
}

}  // namespace parta::sync
