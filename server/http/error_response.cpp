#include "http/error_response.h"

#include "client/json_text.h"

namespace parta::server {

Response errorResponse(int status, std::string_view code, LocalizedText message, std::string_view detail) {
    JsonText json;
    json.beginObject().key("error").beginObject();
    json.key("code").string(code);
    json.key("message").beginObject().key("ru").string(message.ru).key("en").string(message.en).endObject();
    if (!detail.empty()) json.key("detail").string(detail);
    json.endObject().endObject();
    Response response;
    response.status = status;
    response.body = std::string(json.text());
    return response;
}

Response storageFailedResponse() {
    return errorResponse(500, "STORAGE_FAILED",
                         {"Сервер не смог сохранить или прочитать данные. Попробуйте позже.",
                          "The server could not store or read its data. Try again later."});
}

Response refusalResponse(Refusal refusal) {
    switch (refusal) {
        case Refusal::BodyTooLarge:
            return errorResponse(413, "BODY_TOO_LARGE", {"Запрос слишком большой.", "The request is too large."});
        case Refusal::HeadersTooLarge:
            return errorResponse(431, "HEADERS_TOO_LARGE",
                                 {"Заголовки запроса слишком большие.", "The request headers are too large."});
        case Refusal::Malformed:
            break;
    }
    return errorResponse(400, "MALFORMED_REQUEST", {"Запрос составлен неверно.", "The request is malformed."});
}

}  // namespace parta::server
