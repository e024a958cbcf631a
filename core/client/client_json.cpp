#include "client/client_json.h"

#include <charconv>
#include <limits>

#include <nlohmann/json.hpp>

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

json messageJson(const store::Message& message) {
    json attachments = json::array();
    for (const store::Attachment& attachment : message.attachments) {
        attachments.push_back({{"id", idJson(attachment.id)},
                               {"name", attachment.name},
                               {"mimeType", attachment.mimeType},
                               {"sizeBytes", attachment.sizeBytes}});
    }
    json poll = nullptr;
    if (message.poll) {
        json options = json::array();
        for (const store::PollOption& option : message.poll->options) {
            options.push_back({{"id", idJson(option.id)}, {"text", option.text}});
        }
        poll = {{"question", message.poll->question},
                {"multipleChoice", message.poll->multipleChoice},
                {"options", options}};
    }
    return {{"id", message.id == 0 ? json(nullptr) : idJson(message.id)},
            {"chatId", idJson(message.chatId)},
            {"senderId", idJson(message.senderId)},
            {"serverTime", message.serverTime},
            {"text", message.text},
            {"replyTo", optionalIdJson(message.replyTo)},
            {"editedAt", optionalNumberJson(message.editedAt)},
            {"deleted", message.deleted},
            {"pinned", message.pinned},
            {"bodyEvicted", message.bodyEvicted},
            {"clientId", optionalTextJson(message.clientId)},
            {"attachments", attachments},
            {"poll", poll},
            {"delivery", deliveryName(message.delivery)},
            {"failureCode", optionalTextJson(message.failureCode)}};
}

json messagesJson(const std::vector<store::Message>& messages) {
    json array = json::array();
    for (const store::Message& message : messages) array.push_back(messageJson(message));
    return array;
}

json chatSummaryJson(const store::ChatSummary& summary) {
    return {{"id", idJson(summary.chat.id)},
            {"kind", summary.chat.kind},
            {"title", summary.chat.title},
            {"classId", optionalTextJson(summary.chat.classId)},
            {"createdAt", summary.chat.createdAt},
            {"lastActivity", summary.lastActivity},
            {"unreadCount", summary.unreadCount},
            {"draft", summary.draft},
            {"lastMessage", summary.lastMessage ? messageJson(*summary.lastMessage) : json(nullptr)}};
}

json outboxItemJson(const store::OutboxItem& item) {
    return {{"clientId", item.clientId},
            {"chatId", idJson(item.chatId)},
            {"text", item.text},
            {"replyTo", optionalIdJson(item.replyTo)},
            {"createdAt", item.createdAt},
            {"state", outboxStateName(item.state)},
            {"attempts", item.attempts},
            {"nextAttemptAt", item.nextAttemptAt},
            {"failureCode", optionalTextJson(item.failureCode)},
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
    const LocalizedText message = errorMessage(error.code);
    return policy::dumpJson({{"ok", false},
                             {"error", errorCode(error.code)},
                             {"message", {{"ru", message.ru}, {"en", message.en}}},
                             {"detail", error.detail}});
}

template <typename T, typename ToJson>
std::string answerText(const Result<T>& result, ToJson toJson) {
    return result.ok() ? okText(toJson(result.value)) : errorText(*result.error);
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
    return answerText(client_->chats(), [](const std::vector<store::ChatSummary>& chats) {
        json array = json::array();
        for (const store::ChatSummary& chat : chats) array.push_back(chatSummaryJson(chat));
        return array;
    });
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
    return answerText(client_->messages(chat, request), messagesJson);
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
    return answerText(client_->search(query, searchOptions), messagesJson);
}

std::string ClientJson::enqueue(std::string_view chatId, std::string_view text, std::string_view replyToJson,
                                std::int64_t nowMs) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t chat = arguments.id(chatId, "chatId");
    const std::optional<std::int64_t> replyTo = arguments.optionalId(arguments.document(replyToJson, "replyTo"), "replyTo");
    if (arguments.error()) return errorText(*arguments.error());
    return answerText(client_->enqueue(chat, text, replyTo, nowMs), [](const std::string& clientId) { return json(clientId); });
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

std::string ClientJson::discardUnsent(std::string_view clientId) {
    if (optionsError_) return errorText(*optionsError_);
    return doneText(client_->discardUnsent(clientId));
}

std::string ClientJson::markRead(std::string_view chatId, std::string_view messageId) {
    if (optionsError_) return errorText(*optionsError_);
    ArgumentReader arguments;
    const std::int64_t chat = arguments.id(chatId, "chatId");
    const std::int64_t message = arguments.id(messageId, "messageId");
    if (arguments.error()) return errorText(*arguments.error());
    return doneText(client_->markRead(chat, message));
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

std::string ClientJson::checkIntegrity() {
    if (optionsError_) return errorText(*optionsError_);
    return answerText(client_->checkIntegrity(), [](const std::string& findings) { return json(findings); });
}

std::string ClientJson::wipe() {
    if (optionsError_) return errorText(*optionsError_);
    return doneText(client_->wipe());
}

std::string storageFullAnswer(std::string_view detail) {
    return errorText({ClientErrorCode::StorageFull, std::string(detail)});
}

}  // namespace parta
