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

    val applySync(const std::string& text, double nowMs) { return jsStringOf(client_.applySync(text, millis(nowMs))); }
    val nextRequest(double nowMs) { return jsStringOf(client_.nextRequest(millis(nowMs))); }
    val onSyncFailed(int status, double nowMs) { return jsStringOf(client_.onSyncFailed(status, millis(nowMs))); }
    val chats() { return jsStringOf(client_.chats()); }
    val people(const std::string& chatId) { return jsStringOf(client_.people(chatId)); }
    val reconnected(double nowMs) { return jsStringOf(client_.reconnected(millis(nowMs))); }
    val messages(const std::string& chatId, const val& page) {
        return jsStringOf(client_.messages(chatId, jsonTextOf(page)));
    }
    val search(const std::string& query, const val& options) {
        return jsStringOf(client_.search(query, jsonTextOf(options)));
    }
    val enqueue(const std::string& chatId, const std::string& text, const val& replyTo, const val& details,
                double nowMs) {
        return jsStringOf(client_.enqueue(chatId, text, jsonTextOf(replyTo), jsonTextOf(details), millis(nowMs)));
    }
    val outbox() { return jsStringOf(client_.outbox()); }
    val onSendResult(const std::string& clientId, int status, const std::string& body, double nowMs) {
        return jsStringOf(client_.onSendResult(clientId, status, body, millis(nowMs)));
    }
    val editUnsent(const std::string& clientId, const std::string& text, double nowMs) {
        return jsStringOf(client_.editUnsent(clientId, text, millis(nowMs)));
    }
    val retryUnsent(const std::string& clientId, double nowMs) {
        return jsStringOf(client_.retryUnsent(clientId, millis(nowMs)));
    }
    val discardUnsent(const std::string& clientId) { return jsStringOf(client_.discardUnsent(clientId)); }
    val editMessage(const std::string& messageId, const std::string& text, double nowMs) {
        return jsStringOf(client_.editMessage(messageId, text, millis(nowMs)));
    }
    val deleteMessage(const std::string& messageId, double nowMs) {
        return jsStringOf(client_.deleteMessage(messageId, millis(nowMs)));
    }
    val votePoll(const std::string& messageId, const val& optionIds, double nowMs) {
        return jsStringOf(client_.votePoll(messageId, jsonTextOf(optionIds), millis(nowMs)));
    }
    val markRead(const std::string& chatId, const std::string& messageId, double nowMs) {
        return jsStringOf(client_.markRead(chatId, messageId, millis(nowMs)));
    }
    val setDraft(const std::string& chatId, const std::string& text) {
        return jsStringOf(client_.setDraft(chatId, text));
    }
    val draft(const std::string& chatId) { return jsStringOf(client_.draft(chatId)); }
    val allowedActions(const std::string& chatId) { return jsStringOf(client_.allowedActions(chatId)); }
    val inviteRoles(const std::string& chatId) { return jsStringOf(client_.inviteRoles(chatId)); }
    val memberActions(const std::string& chatId, const std::string& userId) {
        return jsStringOf(client_.memberActions(chatId, userId));
    }
    val schoolActions() { return jsStringOf(client_.schoolActions()); }
    val chatsToCreate() { return jsStringOf(client_.chatsToCreate()); }
    val actionsOnPeople(const std::string& peopleJson) { return jsStringOf(client_.actionsOnPeople(peopleJson)); }
    val wipe() { return jsStringOf(client_.wipe()); }
    val compactLog() { return jsStringOf(client_.compactLog()); }
    val checkIntegrity() { return jsStringOf(client_.checkIntegrity()); }

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
        .function("people", &JsClient::people)
        .function("reconnected", &JsClient::reconnected)
        .function("messages", &JsClient::messages)
        .function("search", &JsClient::search)
        .function("enqueue", &JsClient::enqueue)
        .function("outbox", &JsClient::outbox)
        .function("onSendResult", &JsClient::onSendResult)
        .function("editUnsent", &JsClient::editUnsent)
        .function("retryUnsent", &JsClient::retryUnsent)
        .function("discardUnsent", &JsClient::discardUnsent)
        .function("editMessage", &JsClient::editMessage)
        .function("deleteMessage", &JsClient::deleteMessage)
        .function("votePoll", &JsClient::votePoll)
        .function("markRead", &JsClient::markRead)
        .function("setDraft", &JsClient::setDraft)
        .function("draft", &JsClient::draft)
        .function("allowedActions", &JsClient::allowedActions)
        .function("inviteRoles", &JsClient::inviteRoles)
        .function("memberActions", &JsClient::memberActions)
        .function("schoolActions", &JsClient::schoolActions)
        .function("chatsToCreate", &JsClient::chatsToCreate)
        .function("actionsOnPeople", &JsClient::actionsOnPeople)
        .function("wipe", &JsClient::wipe)
        .function("compactLog", &JsClient::compactLog)
        .function("checkIntegrity", &JsClient::checkIntegrity);
}

}  // namespace parta::wasm
