// JS face of core/client: the parta.Client class. Each method converts its arguments, calls
// the Client's JSON face (core/client/client_json.h) once and parses the answer; every
// decision, every shape and every error is core's. Ids are decimal strings both ways.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>

#include "bindings/js_values.h"
#include "client/client_json.h"

namespace parta::wasm {
namespace {

using emscripten::val;

// Date.now() style milliseconds; JS numbers hold them exactly.
std::int64_t millis(double nowMs) { return static_cast<std::int64_t>(nowMs); }

class JsClient {
public:
    JsClient() : client_("") {}
    explicit JsClient(const val& options) : client_(jsonTextOf(options)) {}

    val applySync(const std::string& text, double nowMs) { return fromJsonText(client_.applySync(text, millis(nowMs))); }
    val nextRequest(double nowMs) { return fromJsonText(client_.nextRequest(millis(nowMs))); }
    val onSyncFailed(int status, double nowMs) { return fromJsonText(client_.onSyncFailed(status, millis(nowMs))); }
    val chats() { return fromJsonText(client_.chats()); }
    val messages(const std::string& chatId, const val& page) {
        return fromJsonText(client_.messages(chatId, jsonTextOf(page)));
    }
    val search(const std::string& query, const val& options) {
        return fromJsonText(client_.search(query, jsonTextOf(options)));
    }
    val enqueue(const std::string& chatId, const std::string& text, const val& replyTo, double nowMs) {
        return fromJsonText(client_.enqueue(chatId, text, jsonTextOf(replyTo), millis(nowMs)));
    }
    val outbox() { return fromJsonText(client_.outbox()); }
    val onSendResult(const std::string& clientId, int status, const std::string& body, double nowMs) {
        return fromJsonText(client_.onSendResult(clientId, status, body, millis(nowMs)));
    }
    val editUnsent(const std::string& clientId, const std::string& text, double nowMs) {
        return fromJsonText(client_.editUnsent(clientId, text, millis(nowMs)));
    }
    val discardUnsent(const std::string& clientId) { return fromJsonText(client_.discardUnsent(clientId)); }
    val markRead(const std::string& chatId, const std::string& messageId) {
        return fromJsonText(client_.markRead(chatId, messageId));
    }
    val setDraft(const std::string& chatId, const std::string& text) {
        return fromJsonText(client_.setDraft(chatId, text));
    }
    val draft(const std::string& chatId) { return fromJsonText(client_.draft(chatId)); }
    val allowedActions(const std::string& chatId) { return fromJsonText(client_.allowedActions(chatId)); }
    val wipe() { return fromJsonText(client_.wipe()); }
    val checkIntegrity() { return fromJsonText(client_.checkIntegrity()); }

private:
    ClientJson client_;
};

val storageFullAnswer(const std::string& detail) { return fromJsonText(parta::storageFullAnswer(detail)); }

}  // namespace

EMSCRIPTEN_BINDINGS(parta_client) {
    emscripten::function("storageFullAnswer", &storageFullAnswer);
    emscripten::class_<JsClient>("Client")
        .constructor<>()
        .constructor<val>()
        .function("applySync", &JsClient::applySync)
        .function("nextRequest", &JsClient::nextRequest)
        .function("onSyncFailed", &JsClient::onSyncFailed)
        .function("chats", &JsClient::chats)
        .function("messages", &JsClient::messages)
        .function("search", &JsClient::search)
        .function("enqueue", &JsClient::enqueue)
        .function("outbox", &JsClient::outbox)
        .function("onSendResult", &JsClient::onSendResult)
        .function("editUnsent", &JsClient::editUnsent)
        .function("discardUnsent", &JsClient::discardUnsent)
        .function("markRead", &JsClient::markRead)
        .function("setDraft", &JsClient::setDraft)
        .function("draft", &JsClient::draft)
        .function("allowedActions", &JsClient::allowedActions)
        .function("wipe", &JsClient::wipe)
        .function("checkIntegrity", &JsClient::checkIntegrity);
}

}  // namespace parta::wasm
