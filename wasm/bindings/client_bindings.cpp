// JS face of core/client: the parta.Client class. Each method converts its arguments, calls
// the Client's JSON face (core/client/client_json.h) once and hands its answer on as JSON
// text; every decision, every shape and every error is core's. Ids are decimal strings both
// ways. The answer stays text because the Client lives in a worker: the worker posts it to
// the page as one string, which the page parses (web/parta-client.js). A cloned page of 50
// message objects cost three times as much as parsing its text there.
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

    std::string applySync(const std::string& text, double nowMs) { return client_.applySync(text, millis(nowMs)); }
    std::string nextRequest(double nowMs) { return client_.nextRequest(millis(nowMs)); }
    std::string onSyncFailed(int status, double nowMs) { return client_.onSyncFailed(status, millis(nowMs)); }
    std::string chats() { return client_.chats(); }
    std::string messages(const std::string& chatId, const val& page) {
        return client_.messages(chatId, jsonTextOf(page));
    }
    std::string search(const std::string& query, const val& options) {
        return client_.search(query, jsonTextOf(options));
    }
    std::string enqueue(const std::string& chatId, const std::string& text, const val& replyTo, double nowMs) {
        return client_.enqueue(chatId, text, jsonTextOf(replyTo), millis(nowMs));
    }
    std::string outbox() { return client_.outbox(); }
    std::string onSendResult(const std::string& clientId, int status, const std::string& body, double nowMs) {
        return client_.onSendResult(clientId, status, body, millis(nowMs));
    }
    std::string editUnsent(const std::string& clientId, const std::string& text, double nowMs) {
        return client_.editUnsent(clientId, text, millis(nowMs));
    }
    std::string discardUnsent(const std::string& clientId) { return client_.discardUnsent(clientId); }
    std::string markRead(const std::string& chatId, const std::string& messageId) {
        return client_.markRead(chatId, messageId);
    }
    std::string setDraft(const std::string& chatId, const std::string& text) {
        return client_.setDraft(chatId, text);
    }
    std::string draft(const std::string& chatId) { return client_.draft(chatId); }
    std::string allowedActions(const std::string& chatId) { return client_.allowedActions(chatId); }
    std::string wipe() { return client_.wipe(); }
    std::string compactLog() { return client_.compactLog(); }
    std::string checkIntegrity() { return client_.checkIntegrity(); }

private:
    ClientJson client_;
};

std::string storageFullAnswer(const std::string& detail) { return parta::storageFullAnswer(detail); }

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
        .function("compactLog", &JsClient::compactLog)
        .function("checkIntegrity", &JsClient::checkIntegrity);
}

}  // namespace parta::wasm
