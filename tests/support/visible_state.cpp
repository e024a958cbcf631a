#include "support/visible_state.h"

#include <nlohmann/json.hpp>

#include "policy/action.h"

namespace parta::testing {

namespace {

using nlohmann::json;

json describe(const store::Message& message) {
    json attachments = json::array();
    for (const store::Attachment& attachment : message.attachments) {
        attachments.push_back({attachment.id, attachment.name, attachment.mimeType, attachment.sizeBytes});
    }
    json poll = nullptr;
    if (message.poll) {
        json options = json::array();
        for (const store::PollOption& option : message.poll->options) {
            options.push_back({option.id, option.text, option.votes, option.chosenByMe});
        }
        poll = {message.poll->question, message.poll->multipleChoice, options};
    }
    return {{"id", message.id},
            {"chatId", message.chatId},
            {"senderId", message.senderId},
            {"serverTime", message.serverTime},
            {"text", message.text},
            {"replyTo", message.replyTo ? json(*message.replyTo) : json()},
            {"editedAt", message.editedAt ? json(*message.editedAt) : json()},
            {"deleted", message.deleted},
            {"pinned", message.pinned},
            {"bodyEvicted", message.bodyEvicted},
            // An outbox item's clientId is the device's own draw; a server copy's is the server's.
            {"clientId", message.id == 0 ? "outbox item" : message.clientId},
            {"attachments", attachments},
            {"poll", poll},
            {"delivery", static_cast<int>(message.delivery)},
            {"failureCode", message.failureCode},
            {"change", message.change ? json(static_cast<int>(*message.change)) : json()},
            {"changeFailureCode", message.changeFailureCode}};
}

json describe(const std::vector<store::Message>& messages) {
    json list = json::array();
    for (const store::Message& message : messages) list.push_back(describe(message));
    return list;
}

// Every message of the chat, newest page first, each page as the UI scrolls back through it.
json allMessages(Client& client, std::int64_t chatId) {
    json pages = json::array();
    store::PageRequest request;
    for (int page = 0; page < 1000; ++page) {
        const auto messages = client.messages(chatId, request);
        if (!messages.ok()) return "messages failed: " + messages.error->detail;
        pages.push_back(describe(messages.value));
        // Outbox items have no id; the oldest message with one bounds the next page.
        std::optional<std::int64_t> oldest;
        for (const store::Message& message : messages.value) {
            if (message.id != 0) {
                oldest = message.id;
                break;
            }
        }
        if (!oldest || static_cast<int>(messages.value.size()) < request.limit) break;
        request.beforeId = oldest;
    }
    return pages;
}

}  // namespace

std::string visibleState(Client& client, const std::vector<std::string>& searchWords) {
    json state;
    const auto chats = client.chats(200);
    if (!chats.ok()) return "chats failed: " + chats.error->detail;
    json chatList = json::array();
    for (const store::ChatSummary& summary : chats.value) {
        json actions = json::array();
        const auto allowed = client.allowedActions(summary.chat.id);
        if (allowed.ok()) {
            for (const policy::Action action : allowed.value) actions.push_back(std::string(policy::nameOf(action)));
        } else {
            actions = errorCode(allowed.error->code);
        }
        const auto draft = client.draft(summary.chat.id);
        chatList.push_back({{"id", summary.chat.id},
                            {"kind", summary.chat.kind},
                            {"title", summary.chat.title},
                            {"classId", summary.chat.classId},
                            {"createdAt", summary.chat.createdAt},
                            {"lastActivity", summary.lastActivity},
                            {"lastMessage", summary.lastMessage ? describe(*summary.lastMessage) : json()},
                            {"unreadCount", summary.unreadCount},
                            {"draft", summary.draft},
                            {"storedDraft", draft.ok() ? json(draft.value) : json()},
                            {"allowedActions", actions},
                            {"messages", allMessages(client, summary.chat.id)}});
    }
    state["chats"] = chatList;

    json search = json::object();
    for (const std::string& word : searchWords) {
        store::SearchOptions options;
        options.limit = 500;
        const auto hits = client.search(word, options);
        search[word] = hits.ok() ? describe(hits.value) : json("search failed: " + hits.error->detail);
    }
    state["search"] = search;

    json outbox = json::array();
    const auto items = client.outbox();
    if (items.ok()) {
        for (const store::OutboxItem& item : items.value) {
            outbox.push_back({static_cast<int>(item.kind), item.chatId, item.messageId, item.text,
                              item.replyTo ? json(*item.replyTo) : json(), item.optionIds,
                              static_cast<int>(item.state), item.failureCode});
        }
    }
    state["outbox"] = outbox;
    return state.dump(1);
}

}  // namespace parta::testing
