#include "client/client_json.h"

#include <charconv>
#include <limits>
#include <utility>

#include <nlohmann/json.hpp>

#include "client/json_text.h"
#include "client/send_failure.h"
#include "invite/invite_defaults.h"
#include "policy/policy_json.h"

namespace parta {

namespace {

using nlohmann::json;

json idJson(std::int64_t id) { return std::to_string(id); }

json optionalIdJson(const std::optional<std::int64_t>& id) { return id ? idJson(*id) : json(nullptr); }

json optionalNumberJson(const std::optional<std::int64_t>& number) { return number ? json(*number) : json(nullptr); }

json optionalTextJson(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

std::string_view deliveryName(store::Delivery delivery) {
    switch (delivery) {
        case store::Delivery::Delivered: return "delivered";
        case store::Delivery::Sending: return "sending";
        case store::Delivery::Accepted: return "accepted";
        case store::Delivery::Failed: return "failed";
    }
    return "failed";
}

std::string_view outboxStateName(store::OutboxState state) {
    switch (state) {
        case store::OutboxState::Queued: return "queued";
        case store::OutboxState::InFlight: return "in_flight";
        case store::OutboxState::Accepted: return "accepted";
        case store::OutboxState::Failed: return "failed";
    }
    return "failed";
}

std::string_view requestKindName(sync::RequestKind kind) {
    switch (kind) {
        case sync::RequestKind::None: return "none";
        case sync::RequestKind::Sync: return "sync";
        case sync::RequestKind::SendMessage: return "send_message";
        case sync::RequestKind::SendChange: return "send_change";
    }
    return "none";
}

std::string_view sendOutcomeName(sync::SendOutcome outcome) {
    switch (outcome) {
        case sync::SendOutcome::Confirmed: return "confirmed";
        case sync::SendOutcome::Accepted: return "accepted";
        case sync::SendOutcome::WillRetry: return "will_retry";
        case sync::SendOutcome::Failed: return "failed";
        case sync::SendOutcome::AlreadyGone: return "already_gone";
    }
    return "failed";
}

void writeId(JsonText& out, std::int64_t id) { out.decimalString(id); }
// A chat's optional members are null when absent, as the other answers' nlohmann objects
// write them; messages leave them out (writeMessage).
void writeOptionalText(JsonText& out, const std::string& text) {
    if (text.empty()) out.null();
    else out.string(text);
}

// A message carries only the members that say something: a reply, an edit, a flag that is set,
// attachments, a poll, a failure (ClientMessage in wasm/parta.d.ts). A page of 50 is the answer
// the UI asks for most, and the members that said nothing were two fifths of its text, paid
// for in writing it here and in decoding, posting and parsing it in JS.
// failureCode and the sentence the page shows for it.
void writeFailure(JsonText& out, const std::string& failureCode) {
    const LocalizedText message = sendFailureMessage(failureCode);
    out.key("failureCode").string(failureCode);
    out.key("failureMessage").beginObject().key("ru").string(message.ru).key("en").string(message.en).endObject();
}

json localizedJson(const LocalizedText& text) { return {{"ru", text.ru}, {"en", text.en}}; }

void writeMessage(JsonText& out, const store::Message& message) {
    out.beginObject().key("id");
    if (message.id == 0) out.null();
    else writeId(out, message.id);
    writeId(out.key("chatId"), message.chatId);
    writeId(out.key("senderId"), message.senderId);
    out.key("serverTime").number(message.serverTime);
    out.key("text").string(message.text);
    if (message.replyTo) writeId(out.key("replyTo"), *message.replyTo);
    if (message.editedAt) out.key("editedAt").number(*message.editedAt);
    if (message.deleted) out.key("deleted").boolean(true);
    if (message.pinned) out.key("pinned").boolean(true);
    if (message.bodyEvicted) out.key("bodyEvicted").boolean(true);
    if (!message.clientId.empty()) out.key("clientId").string(message.clientId);
    if (!message.attachments.empty()) {
        out.key("attachments").beginArray();
        for (const store::Attachment& attachment : message.attachments) {
            writeId(out.beginObject().key("id"), attachment.id);
            out.key("name").string(attachment.name);
            out.key("mimeType").string(attachment.mimeType);
            out.key("sizeBytes").number(attachment.sizeBytes).endObject();
        }
        out.endArray();
    }
    if (message.poll) {
        out.key("poll").beginObject().key("question").string(message.poll->question);
        out.key("multipleChoice").boolean(message.poll->multipleChoice);
        out.key("options").beginArray();
        for (const store::PollOption& option : message.poll->options) {
            writeId(out.beginObject().key("id"), option.id);
            out.key("text").string(option.text);
            out.key("votes").number(option.votes);
            if (option.chosenByMe) out.key("chosenByMe").boolean(true);
            out.endObject();
        }
        out.endArray().endObject();
    }
    out.key("delivery").string(deliveryName(message.delivery));
    if (!message.failureCode.empty()) writeFailure(out, message.failureCode);
    if (message.change) {
        out.key("change").beginObject();
        out.key("clientId").string(message.changeClientId);
        out.key("delivery").string(deliveryName(*message.change));
        if (!message.changeFailureCode.empty()) writeFailure(out, message.changeFailureCode);
        out.endObject();
    }
    out.endObject();
}

void writeChatSummary(JsonText& out, const store::ChatSummary& summary) {
    writeId(out.beginObject().key("id"), summary.chat.id);
    out.key("kind").string(summary.chat.kind);
    out.key("title").string(summary.chat.title);
    writeOptionalText(out.key("classId"), summary.chat.classId);
    out.key("createdAt").number(summary.chat.createdAt);
    out.key("lastActivity").number(summary.lastActivity);
    out.key("unreadCount").number(summary.unreadCount);
    out.key("draft").string(summary.draft);
    out.key("lastMessage");
    if (summary.lastMessage) writeMessage(out, *summary.lastMessage);
    else out.null();
    out.endObject();
}

void writeChatPerson(JsonText& out, const store::ChatPerson& person) {
    writeId(out.beginObject().key("userId"), person.userId);
    out.key("name").string(person.name);
    out.key("schoolRole").string(person.schoolRole);
    writeOptionalText(out.key("chatRole"), person.chatRole);
    out.endObject();
}

// {"ok": true, "value": [rows]} written directly (see json_text.h), or the error answer.
template <typename Row, typename WriteRow>
std::string rowsAnswerText(const Result<std::vector<Row>>& result, WriteRow writeRow);

std::string_view outboxKindName(store::OutboxKind kind) {
    switch (kind) {
        case store::OutboxKind::Message: return "message";
        case store::OutboxKind::Edit: return "edit";
        case store::OutboxKind::Delete: return "delete";
        case store::OutboxKind::Vote: return "vote";
        case store::OutboxKind::ReadPosition: return "read_position";
    }
    return "message";
}

json outboxItemJson(const store::OutboxItem& item) {
    json optionIds = json::array();
    for (const std::int64_t id : item.optionIds) optionIds.push_back(idJson(id));
    const bool changesAMessage = item.kind != store::OutboxKind::Message;
    return {{"clientId", item.clientId},
            {"kind", outboxKindName(item.kind)},
            {"chatId", idJson(item.chatId)},
            {"messageId", changesAMessage ? idJson(item.messageId) : json(nullptr)},
            {"optionIds", item.kind == store::OutboxKind::Vote ? optionIds : json(nullptr)},
            {"text", item.text},
            {"replyTo", optionalIdJson(item.replyTo)},
            {"createdAt", item.createdAt},
            {"state", outboxStateName(item.state)},
            {"attempts", item.attempts},
            {"nextAttemptAt", item.nextAttemptAt},
            {"failureCode", optionalTextJson(item.failureCode)},
            {"failureMessage", item.failureCode.empty() ? json(nullptr) : localizedJson(sendFailureMessage(item.failureCode))},
            {"httpStatus", item.httpStatus == 0 ? json(nullptr) : json(item.httpStatus)}};
}

json requestJson(const sync::HttpRequest& request) {
    return {{"kind", requestKindName(request.kind)},
            {"method", optionalTextJson(request.method)},
            {"path", optionalTextJson(request.path)},
            {"body", optionalTextJson(request.body)},
            {"clientId", optionalTextJson(request.clientId)},
            {"wakeAtMs", optionalNumberJson(request.wakeAtMs)}};
}

std::string okText(json value) { return policy::dumpJson({{"ok", true}, {"value", std::move(value)}}); }

std::string errorText(const ClientError& error) {
    const LocalizedText message = errorMessage(error);
    return policy::dumpJson({{"ok", false},
                             {"error", errorCode(error)},
                             {"message", {{"ru", message.ru}, {"en", message.en}}},
                             {"detail", error.detail}});
}

template <typename T, typename ToJson>
std::string answerText(const Result<T>& result, ToJson toJson) {
    return result.ok() ? okText(toJson(result.value)) : errorText(*result.error);
}

template <typename Row, typename WriteRow>
std::string rowsAnswerText(const Result<std::vector<Row>>& result, WriteRow writeRow) {
    if (!result.ok()) return errorText(*result.error);
    JsonText out;
    out.beginObject().key("ok").boolean(true).key("value").beginArray();
    for (const Row& row : result.value) writeRow(out, row);
    out.endArray().endObject();
    return std::string(out.text());
}

std::string doneText(const Result<Done>& result) {
    return result.ok() ? policy::dumpJson({{"ok", true}}) : errorText(*result.error);
}

ClientError invalidArgument(std::string detail) { return {ClientErrorCode::InvalidArgument, std::move(detail)}; }

// A server id as JS holds it: a decimal string, 1 … 2^63-1.
std::optional<std::int64_t> idFromText(std::string_view text) {
    std::int64_t id = 0;
    const char* end = text.data() + text.size();
    const auto [next, problem] = std::from_chars(text.data(), end, id);
    if (text.empty() || text[0] == '0' || problem != std::errc() || next != end || id < 1) return std::nullopt;
    return id;
}

// Arguments that arrive as JSON text: the first bad one becomes INVALID_ARGUMENT naming it.
class ArgumentReader {
public:
    std::int64_t id(std::string_view text, const std::string& name) {
        const std::optional<std::int64_t> id = idFromText(text);
        if (!id) fail(name + ": expected a decimal id string");
        return id.value_or(0);
    }

    // Empty text (JS undefined) and null mean "none".
    json document(std::string_view text, const std::string& name) {
        if (text.empty()) return nullptr;
        json value = json::parse(text.begin(), text.end(), nullptr, false);
        if (value.is_discarded()) {
            fail(name + ": not valid JSON");
            return nullptr;
        }
        return value;
    }

    // A JSON array of decimal id strings.
    std::vector<std::int64_t> ids(const json& value, const std::string& name) {
        std::vector<std::int64_t> result;
        if (!value.is_array()) {
            fail(name + ": expected an array of decimal id strings");
            return result;
        }
        for (const json& item : value) {
            if (!item.is_string()) {
                fail(name + ": expected an array of decimal id strings");
                return result;
            }
            result.push_back(id(item.get_ref<const std::string&>(), name));
        }
        return result;
    }

    std::optional<std::int64_t> optionalId(const json& value, const std::string& name) {
        if (value.is_null()) return std::nullopt;
        if (!value.is_string()) {
            fail(name + ": expected a decimal id string");
            return std::nullopt;
        }
        return id(value.get_ref<const std::string&>(), name);
    }

    // An options object, or none; fields the Client does not know are ignored.
    const json* options(const json& value, const std::string& name) {
        if (value.is_null()) return nullptr;
        if (!value.is_object()) fail(name + ": expected an object");
        return value.is_object() ? &value : nullptr;
    }

    std::optional<std::int64_t> optionalIdField(const json* object, const char* field, const std::string& name) {
        if (!object || !object->contains(field)) return std::nullopt;
        return optionalId(object->at(field), name + "." + field);
    }

    int limitField(const json* object, const std::string& name, int fallback) {
        if (!object || !object->contains("limit") || object->at("limit").is_null()) return fallback;
        const json& limit = object->at("limit");
        // Only the type is checked here; the Client checks the range.
        if (!limit.is_number_integer() || limit.get<std::int64_t>() < std::numeric_limits<int>::min() ||
            limit.get<std::int64_t>() > std::numeric_limits<int>::max()) {
            fail(name + ".limit: expected an integer");
            return fallback;
        }
        return limit.get<int>();
    }

    const std::optional<ClientError>& error() const { return error_; }

private:
    void fail(std::string detail) {
        if (!error_) error_ = invalidArgument(std::move(detail));
    }

    std::optional<ClientError> error_;
};

// SQLite accepts powers of two from 512 to 65536; anything else it would silently ignore.
bool isPageSize(std::int64_t size) { return size >= 512 && size <= 65536 && (size & (size - 1)) == 0; }

std::optional<ClientError> optionsError(const json& options) {
    if (options.is_null()) return std::nullopt;
    if (!options.is_object()) return invalidArgument("options: expected an object");
    const auto present = [&](const char* name) { return options.contains(name) && !options[name].is_null(); };
    for (const char* name : {"databasePath", "vfs"}) {
        if (present(name) && !options[name].is_string()) return invalidArgument(std::string("options.") + name + ": expected a string");
    }
    if (present("exclusive") && !options["exclusive"].is_boolean()) {
        return invalidArgument("options.exclusive: expected true or false");
    }
    if (present("journalMode") && options["journalMode"] != "wal" && options["journalMode"] != "truncate") {
        return invalidArgument("options.journalMode: expected \"wal\" or \"truncate\"");
    }
    if (present("pageSize") && !(options["pageSize"].is_number_integer() && isPageSize(options["pageSize"].get<std::int64_t>()))) {
        return invalidArgument("options.pageSize: expected a power of two from 512 to 65536");
    }
    return std::nullopt;
}

ClientOptions clientOptionsFrom(const json& options) {
    ClientOptions client;
    if (!options.is_object()) return client;
    const auto present = [&](const char* name) { return options.contains(name) && !options[name].is_null(); };
    if (present("databasePath")) client.databasePath = options["databasePath"].get<std::string>();
    if (present("vfs")) client.database.vfs = options["vfs"].get<std::string>();
    if (present("exclusive")) client.database.exclusive = options["exclusive"].get<bool>();
    if (present("journalMode")) {
        client.database.journalMode = options["journalMode"] == "wal" ? store::JournalMode::Wal : store::JournalMode::Truncate;
    }
    if (present("pageSize")) client.database.pageSize = options["pageSize"].get<int>();
    return client;
}

}  // namespace

ClientJson::ClientJson(std::string_view optionsJson) {
    ArgumentReader arguments;
    const json options = arguments.document(optionsJson, "options");
    optionsError_ = arguments.error() ? arguments.error() : optionsError(options);
    if (optionsError_) return;
    client_ = std::make_unique<Client>(clientOptionsFrom(options));
}

ClientJson::~ClientJson() = default;

std::string ClientJson::applySync(std::string_view responseText, std::int64_t nowMs) {
    if (optionsError_) return errorText(*optionsError_);
    return answerText(client_->applySync(responseText, nowMs), [](const SyncApplied& applied) {
        return json{{"cursor", applied.cursor}, {"more", applied.more}, {"events", applied.events}};
    });
}

std::string ClientJson::nextRequest(std::int64_t nowMs) {
    if (optionsError_) return errorText(*optionsError_);
    return okText(requestJson(client_->nextRequest(nowMs)));
}

std::string ClientJson::onSyncFailed(int httpStatus, std::int64_t nowMs) {
    if (optionsError_) return errorText(*optionsError_);
    client_->onSyncFailed(httpStatus, nowMs);
    return doneText({});
}

std::string ClientJson::chats() {
    if (optionsError_) return errorText(*optionsError_);
    return rowsAnswerText(client_->chats(), writeChatSummary);
}

std::string ClientJson::people(std::string_view chatId) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t chat = arguments.id(chatId, "chatId");
    if (arguments.error()) return errorText(*arguments.error());
    return rowsAnswerText(client_->people(chat), writeChatPerson);
}

std::string ClientJson::reconnected(std::int64_t nowMs) {
    if (optionsError_) return errorText(*optionsError_);
    return doneText(client_->reconnected(nowMs));
}

std::string ClientJson::messages(std::string_view chatId, std::string_view pageJson) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t chat = arguments.id(chatId, "chatId");
    const json pageValue = arguments.document(pageJson, "page");
    const json* page = arguments.options(pageValue, "page");
    store::PageRequest request;
    request.limit = arguments.limitField(page, "page", request.limit);
    request.beforeId = arguments.optionalIdField(page, "beforeId", "page");
    request.afterId = arguments.optionalIdField(page, "afterId", "page");
    if (arguments.error()) return errorText(*arguments.error());
    return rowsAnswerText(client_->messages(chat, request), writeMessage);
}

std::string ClientJson::search(std::string_view query, std::string_view optionsJson) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const json optionsValue = arguments.document(optionsJson, "options");
    const json* options = arguments.options(optionsValue, "options");
    store::SearchOptions searchOptions;
    searchOptions.limit = arguments.limitField(options, "options", searchOptions.limit);
    searchOptions.chatId = arguments.optionalIdField(options, "chatId", "options");
    searchOptions.beforeId = arguments.optionalIdField(options, "beforeId", "options");
    if (arguments.error()) return errorText(*arguments.error());
    return rowsAnswerText(client_->search(query, searchOptions), writeMessage);
}

namespace {

// An upload's id as the server answered it (a number), or as a decimal id string.
std::optional<std::int64_t> uploadId(const json& value) {
    if (value.is_number_integer() && value.get<std::int64_t>() > 0) return value.get<std::int64_t>();
    if (value.is_string()) return idFromText(value.get<std::string>());
    return std::nullopt;
}

// `details` of enqueue: null, or {"poll"?: {"question", "multipleChoice"?, "options": [text]},
// "attachments"?: [{"id", "name", "mimeType", "sizeBytes"}]}, attachments as the upload answered.
std::optional<MessageExtras> extrasFrom(const json& details, std::string& problem) {
    MessageExtras extras;
    if (details.is_null()) return extras;
    if (!details.is_object()) {
        problem = "details: expected an object or null";
        return std::nullopt;
    }
    if (const auto poll = details.find("poll"); poll != details.end() && !poll->is_null()) {
        const auto question = poll->is_object() ? poll->find("question") : poll->end();
        const auto options = poll->is_object() ? poll->find("options") : poll->end();
        const auto multiple = poll->is_object() ? poll->find("multipleChoice") : poll->end();
        if (question == poll->end() || !question->is_string() || options == poll->end() || !options->is_array() ||
            (multiple != poll->end() && !multiple->is_boolean())) {
            problem = "details.poll: expected {question, multipleChoice?, options: [text]}";
            return std::nullopt;
        }
        store::Poll asked{question->get<std::string>(), multiple != poll->end() && multiple->get<bool>(), {}};
        for (const json& option : *options) {
            if (!option.is_string()) {
                problem = "details.poll.options: expected texts";
                return std::nullopt;
            }
            asked.options.push_back({0, option.get<std::string>(), 0, false});
        }
        extras.poll = std::move(asked);
    }
    if (const auto attachments = details.find("attachments"); attachments != details.end() && !attachments->is_null()) {
        if (!attachments->is_array()) {
            problem = "details.attachments: expected an array";
            return std::nullopt;
        }
        for (const json& attachment : *attachments) {
            const std::optional<std::int64_t> id = attachment.is_object() ? uploadId(attachment.value("id", json())) : std::nullopt;
            if (!id || !attachment.value("name", json()).is_string() || !attachment.value("mimeType", json()).is_string() ||
                !attachment.value("sizeBytes", json()).is_number_integer()) {
                problem = "details.attachments: expected {id, name, mimeType, sizeBytes} as the upload answered";
                return std::nullopt;
            }
            extras.attachments.push_back({*id, attachment.at("name").get<std::string>(),
                                          attachment.at("mimeType").get<std::string>(),
                                          attachment.at("sizeBytes").get<std::int64_t>()});
        }
    }
    return extras;
}

}  // namespace

std::string ClientJson::enqueue(std::string_view chatId, std::string_view text, std::string_view replyToJson,
                                std::string_view detailsJson, std::int64_t nowMs) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t chat = arguments.id(chatId, "chatId");
    const std::optional<std::int64_t> replyTo = arguments.optionalId(arguments.document(replyToJson, "replyTo"), "replyTo");
    const json details = arguments.document(detailsJson, "details");
    if (arguments.error()) return errorText(*arguments.error());
    std::string problem;
    const std::optional<MessageExtras> extras = extrasFrom(details, problem);
    if (!extras) return errorText(ClientError(ClientErrorCode::InvalidArgument, problem));
    return answerText(client_->enqueue(chat, text, replyTo, nowMs, *extras),
                      [](const std::string& clientId) { return json(clientId); });
}

std::string ClientJson::outbox() {
    if (optionsError_) return errorText(*optionsError_);
    return answerText(client_->outbox(), [](const std::vector<store::OutboxItem>& items) {
        json array = json::array();
        for (const store::OutboxItem& item : items) array.push_back(outboxItemJson(item));
        return array;
    });
}

std::string ClientJson::onSendResult(std::string_view clientId, int httpStatus, std::string_view body,
                                     std::int64_t nowMs) {
    if (optionsError_) return errorText(*optionsError_);
    return answerText(client_->onSendResult(clientId, httpStatus, body, nowMs),
                      [](sync::SendOutcome outcome) { return json(sendOutcomeName(outcome)); });
}

std::string ClientJson::editUnsent(std::string_view clientId, std::string_view text, std::int64_t nowMs) {
    if (optionsError_) return errorText(*optionsError_);
    return doneText(client_->editUnsent(clientId, text, nowMs));
}

std::string ClientJson::retryUnsent(std::string_view clientId, std::int64_t nowMs) {
    if (optionsError_) return errorText(*optionsError_);
    return doneText(client_->retryUnsent(clientId, nowMs));
}

std::string ClientJson::editMessage(std::string_view messageId, std::string_view text, std::int64_t nowMs) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t message = arguments.id(messageId, "messageId");
    if (arguments.error()) return errorText(*arguments.error());
    return answerText(client_->editMessage(message, text, nowMs), [](const std::string& clientId) { return json(clientId); });
}

std::string ClientJson::deleteMessage(std::string_view messageId, std::int64_t nowMs) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t message = arguments.id(messageId, "messageId");
    if (arguments.error()) return errorText(*arguments.error());
    return answerText(client_->deleteMessage(message, nowMs), [](const std::string& clientId) { return json(clientId); });
}

std::string ClientJson::votePoll(std::string_view messageId, std::string_view optionIdsJson, std::int64_t nowMs) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t message = arguments.id(messageId, "messageId");
    const std::vector<std::int64_t> optionIds = arguments.ids(arguments.document(optionIdsJson, "optionIds"), "optionIds");
    if (arguments.error()) return errorText(*arguments.error());
    return answerText(client_->votePoll(message, optionIds, nowMs), [](const std::string& clientId) { return json(clientId); });
}

std::string ClientJson::discardUnsent(std::string_view clientId) {
    if (optionsError_) return errorText(*optionsError_);
    return doneText(client_->discardUnsent(clientId));
}

std::string ClientJson::markRead(std::string_view chatId, std::string_view messageId, std::int64_t nowMs) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t chat = arguments.id(chatId, "chatId");
    const std::int64_t message = arguments.id(messageId, "messageId");
    if (arguments.error()) return errorText(*arguments.error());
    return doneText(client_->markRead(chat, message, nowMs));
}

std::string ClientJson::setDraft(std::string_view chatId, std::string_view text) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t chat = arguments.id(chatId, "chatId");
    if (arguments.error()) return errorText(*arguments.error());
    return doneText(client_->setDraft(chat, text));
}

std::string ClientJson::draft(std::string_view chatId) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t chat = arguments.id(chatId, "chatId");
    if (arguments.error()) return errorText(*arguments.error());
    return answerText(client_->draft(chat), [](const std::string& text) { return json(text); });
}

std::string ClientJson::allowedActions(std::string_view chatId) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t chat = arguments.id(chatId, "chatId");
    if (arguments.error()) return errorText(*arguments.error());
    return answerText(client_->allowedActions(chat), [](const std::vector<policy::Action>& actions) {
        json names = json::array();
        for (const policy::Action action : actions) names.push_back(std::string(policy::nameOf(action)));
        return names;
    });
}

std::string ClientJson::memberActions(std::string_view chatId, std::string_view userId) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t chat = arguments.id(chatId, "chatId");
    const std::int64_t user = arguments.id(userId, "userId");
    if (arguments.error()) return errorText(*arguments.error());
    return answerText(client_->memberActions(chat, user), [](const std::vector<policy::Action>& actions) {
        json names = json::array();
        for (const policy::Action action : actions) names.push_back(std::string(policy::nameOf(action)));
        return names;
    });
}

std::string ClientJson::schoolActions() {
    if (optionsError_) return errorText(*optionsError_);
    return answerText(client_->schoolActions(), [](const std::vector<policy::Action>& actions) {
        json names = json::array();
        for (const policy::Action action : actions) names.push_back(std::string(policy::nameOf(action)));
        return names;
    });
}

std::string ClientJson::actionsOnPeople(std::string_view peopleJson) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const json people = arguments.document(peopleJson, "people");
    if (arguments.error()) return errorText(*arguments.error());
    if (!people.is_array()) return errorText(ClientError(ClientErrorCode::InvalidArgument, "people: expected an array"));
    json answer = json::array();
    for (std::size_t index = 0; index < people.size(); ++index) {
        const json& person = people[index];
        const std::string field = "people[" + std::to_string(index) + "].roles";
        const auto roles = person.is_object() ? person.find("roles") : person.end();
        if (!person.is_object() || roles == person.end() || !roles->is_array()) {
            return errorText(ClientError(ClientErrorCode::InvalidArgument, field + ": expected an array of role names"));
        }
        policy::Subject subject;
        for (const json& name : *roles) {
            if (!name.is_string()) return errorText(ClientError(ClientErrorCode::InvalidArgument, field + ": expected an array of role names"));
            if (const auto role = policy::schoolRoleFromName(name.get<std::string>())) subject.roles.push_back(*role);
        }
        const Result<std::vector<policy::Action>> fitting = client_->actionsOnPerson(subject);
        if (!fitting.ok()) return errorText(*fitting.error);
        json names = json::array();
        for (const policy::Action action : fitting.value) names.push_back(std::string(policy::nameOf(action)));
        answer.push_back(std::move(names));
    }
    return okText(std::move(answer));
}

std::string ClientJson::chatsToCreate() {
    if (optionsError_) return errorText(*optionsError_);
    return answerText(client_->chatsToCreate(), [](const std::vector<ChatToCreate>& creatable) {
        json offered = json::array();
        for (const ChatToCreate& chat : creatable) {
            offered.push_back({{"kind", std::string(policy::nameOf(chat.kind))},
                               {"classId", chat.classId.empty() ? json(nullptr) : json(chat.classId)}});
        }
        return offered;
    });
}

std::string ClientJson::inviteRoles(std::string_view chatId) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t chat = arguments.id(chatId, "chatId");
    if (arguments.error()) return errorText(*arguments.error());
    return answerText(client_->inviteRoles(chat), [](const std::vector<policy::SchoolRole>& roles) {
        json offered = json::array();
        for (const policy::SchoolRole role : roles) {
            offered.push_back({{"role", std::string(policy::nameOf(role))},
                               {"approvalByDefault", invite::approvalByDefault(role)}});
        }
        return json{{"roles", offered},
                    {"defaultLifetimeMs", invite::kDefaultInviteLifetimeMs},
                    {"maxLifetimeMs", invite::kMaxInviteLifetimeMs},
                    {"defaultUsageLimit", invite::kDefaultInviteUsageLimit},
                    {"maxUsageLimit", invite::kMaxInviteUsageLimit}};
    });
}

std::string ClientJson::checkIntegrity() {
    if (optionsError_) return errorText(*optionsError_);
    return answerText(client_->checkIntegrity(), [](const std::string& findings) { return json(findings); });
}

std::string ClientJson::compactLog() {
    if (optionsError_) return errorText(*optionsError_);
    return doneText(client_->compactLog());
}

std::string ClientJson::wipe() {
    if (optionsError_) return errorText(*optionsError_);
    return doneText(client_->wipe());
}

std::string storageFullAnswer(std::string_view detail) {
    return errorText({ClientErrorCode::StorageFull, std::string(detail)});
}

}  // namespace parta
