#include "api/endpoints.h"
#include "api/json_body.h"
#include "client/policy_inputs.h"
#include "http/error_response.h"
#include "policy/decide.h"
#include "sync/limits.h"
#include "sync/sync_page_writer.h"
#include "text/utf8.h"

namespace parta::server {

namespace {

Response messageResponse(int status, const store::Message& message) {
    Response response;
    response.status = status;
    response.body = sentMessageJson(message);
    return response;
}

}  // namespace

Response postMessage(ApiContext& context, const Account& account, const Request& request) {
    JsonBody body(request.body, {"clientId", "chatId", "text", "replyTo"});
    const std::string clientId = body.uuid("clientId");
    const std::int64_t chatId = body.id("chatId");
    const std::string text = body.text("text", 1, sync::kMaxMessageChars);
    const std::optional<std::int64_t> replyTo = body.optionalId("replyTo");
    if (!body.ok()) {
        return errorResponse(400, "BAD_REQUEST", {"Запрос составлен неверно.", "The request is malformed."}, body.error());
    }
    if (utf8::trimWhitespace(text).empty()) {
        return errorResponse(400, "EMPTY_TEXT", {"Сообщение пустое.", "The message is empty."}, "text: only whitespace");
    }
    // A retry of a message already stored answers with that copy, whatever has changed since
    // (docs/protocol.md, "Exactly once"): the client must see its message, not a new refusal.
    if (std::optional<store::Message> stored = context.store.messageByClientId(account.userId, clientId)) {
        return messageResponse(200, *stored);
    }
    // A chat of another school is answered as one that does not exist, so ids cannot be probed.
    const std::optional<ChatAccess> access = context.store.chatAccess(account.schoolId, chatId, account.userId);
    if (!access) {
        return errorResponse(404, "UNKNOWN_CHAT", {"Такого чата нет.", "There is no such chat."});
    }
    const policy::Decision decision =
        policy::decide(account.subject, policy::Action::Post, policyTarget(access->chat, access->membershipRole));
    if (!decision.allowed) {
        return errorResponse(403, policy::reasonCode(decision.reason), decision.message());
    }
    if (replyTo && !context.store.messageIsInChat(*replyTo, chatId)) {
        return errorResponse(400, "BAD_REQUEST", {"Запрос составлен неверно.", "The request is malformed."},
                             "replyTo: expected a message of the same chat");
    }
    const StoredMessage stored = context.store.postMessage(
        {account.schoolId, chatId, account.userId, clientId, text, replyTo, context.nowMs()});
    if (stored.created) context.sync.published(chatId);
    return messageResponse(stored.created ? 201 : 200, stored.message);
}

}  // namespace parta::server
