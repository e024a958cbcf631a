#include "api/endpoint_answers.h"

#include <string>

#include "client/client_error.h"
#include "http/error_response.h"
#include "policy/reason.h"
#include "sync/limits.h"
#include "sync/sync_page_writer.h"
#include "text/message_text.h"

namespace parta::server {

Response changeAnswer(const Account& account, const ChangeOutcome& outcome) {
    Response response;
    response.body = changeAnswerJson(account.userId, outcome.events);
    return response;
}

Response noStoreJson(int status, const JsonText& json) {
    Response response;
    response.status = status;
    response.body = std::string(json.text());
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

Response badRequest(std::string_view detail) {
    return errorResponse(400, "BAD_REQUEST", {"Запрос составлен неверно.", "The request is malformed."}, detail);
}

Response policyRefusal(const policy::Decision& decision) {
    return errorResponse(403, policy::reasonCode(decision.reason), decision.message());
}

Response unknownUser() {
    return errorResponse(404, "UNKNOWN_USER", {"Такого человека в школе нет.", "There is no such person in the school."});
}

Response unknownClass() {
    return errorResponse(404, "UNKNOWN_CLASS", {"Такого класса в школе нет.", "There is no such class in the school."});
}

Response unknownChat() { return errorResponse(404, "UNKNOWN_CHAT", {"Такого чата нет.", "There is no such chat."}); }

Response unknownMessage() {
    return errorResponse(404, errorCode(ClientErrorCode::UnknownMessage),
                         {"Такого сообщения в этом чате нет.", "There is no such message in this chat."});
}

Response notOwnMessage() {
    return errorResponse(403, errorCode(ClientErrorCode::NotOwnMessage), errorMessage(ClientErrorCode::NotOwnMessage));
}

Response messageDeleted() {
    return errorResponse(409, errorCode(ClientErrorCode::MessageDeleted), errorMessage(ClientErrorCode::MessageDeleted));
}

Response badPollChoice(std::string_view detail) {
    return errorResponse(400, errorCode(ClientErrorCode::BadPollChoice), errorMessage(ClientErrorCode::BadPollChoice),
                         detail);
}

std::optional<Response> textRefusal(std::string_view text) {
    const std::optional<MessageTextProblem> problem = messageTextProblem(text);
    if (!problem) return std::nullopt;
    switch (*problem) {
        case MessageTextProblem::NotUtf8:
        case MessageTextProblem::ContainsNul: return badRequest("text: expected UTF-8 text without NUL characters");
        case MessageTextProblem::OnlyWhitespace:
            return errorResponse(400, errorCode(ClientErrorCode::EmptyText), {"Сообщение пустое.", "The message is empty."},
                                 "text: empty or only whitespace");
        case MessageTextProblem::TooLong: return badRequest("text: expected at most " + std::to_string(sync::kMaxMessageChars) + " characters");
    }
    return std::nullopt;
}

Response rateLimited() {
    Response refusal = errorResponse(429, "RATE_LIMITED",
                                     {"Слишком много попыток. Подождите минуту и попробуйте снова.",
                                      "Too many attempts. Wait a minute and try again."});
    refusal.headers.emplace_back("Retry-After", "60");
    return refusal;
}

Response signedOut(const CookieSecurity& cookies) {
    Response response;
    response.status = 204;
    response.contentType.clear();
    response.headers.emplace_back("Set-Cookie", expiredSessionCookie(cookies));
    return response;
}

}  // namespace parta::server
