#include <algorithm>

#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/json_body.h"
#include "client/policy_inputs.h"
#include "policy/decide.h"
#include "sync/limits.h"
#include "sync/sync_page_writer.h"

namespace parta::server {

namespace {

Response messageResponse(int status, const store::Message& message) {
    Response response;
    response.status = status;
    response.body = sentMessageJson(message);
    return response;
}

// The optional `poll` of a new message, within the protocol's limits (core/sync/limits.h).
std::optional<NewPoll> readPoll(JsonBody& body) {
    std::optional<JsonBody> poll = body.optionalObject("poll", {"question", "multipleChoice", "options"});
    if (!poll) return std::nullopt;
    NewPoll read;
    read.question = poll->text("question", 1, sync::kMaxMessageChars);
    read.multipleChoice = poll->optionalBoolean("multipleChoice");
    read.options = poll->texts("options", sync::kMinPollOptions, sync::kMaxPollOptions, 1, sync::kMaxNameChars);
    return read;
}

bool distinct(std::vector<std::int64_t> ids) {
    std::sort(ids.begin(), ids.end());
    return std::adjacent_find(ids.begin(), ids.end()) == ids.end();
}

}  // namespace

Response postMessage(ApiContext& context, const Account& account, const Request& request) {
    JsonBody body(request.body, {"clientId", "chatId", "text", "replyTo", "poll", "attachmentIds"});
    const std::string clientId = body.uuid("clientId");
    const std::int64_t chatId = body.id("chatId");
    const std::string text = body.string("text");
    const std::optional<std::int64_t> replyTo = body.optionalId("replyTo");
    std::optional<NewPoll> poll = readPoll(body);
    std::vector<std::int64_t> attachmentIds = body.optionalIds("attachmentIds", sync::kMaxAttachments);
    if (!body.ok()) return badRequest(body.error());
    if (std::optional<Response> refusal = textRefusal(text)) return *refusal;
    // A retry of a message already stored answers with that copy, whatever has changed since
    // (docs/protocol.md, "Exactly once"): the client must see its message, not a new refusal.
    if (std::optional<store::Message> stored = context.store.messageByClientId(account.userId, clientId)) {
        return messageResponse(200, *stored);
    }
    // A chat of another school is answered as one that does not exist, so ids cannot be probed.
    const std::optional<ChatAccess> access = context.store.chatAccess(account.schoolId, chatId, account.userId);
    if (!access) return unknownChat();
    const policy::Action action = poll ? policy::Action::PostPoll : policy::Action::Post;
    const policy::Decision decision =
        policy::decide(account.subject, action, policyTarget(access->chat, access->membershipRole));
    if (!decision.allowed) return policyRefusal(decision);
    if (replyTo && !context.store.messageInChat(account.schoolId, chatId, *replyTo)) {
        return badRequest("replyTo: expected a message of the same chat");
    }
    if (!attachmentIds.empty()) {
        // Attaching is a right of its own (attach_file), which a member who may post may lack.
        const policy::Decision attaching = policy::decide(account.subject, policy::Action::AttachFile,
                                                          policyTarget(access->chat, access->membershipRole));
        if (!attaching.allowed) return policyRefusal(attaching);
        if (!distinct(attachmentIds) ||
            context.store.unsentUploadsAmong(account.schoolId, chatId, account.userId, attachmentIds) !=
                attachmentIds.size()) {
            return badRequest("attachmentIds: expected distinct ids of your own uploads to this chat that no message carries");
        }
    }
    const StoredMessage stored = context.store.postMessage({account.schoolId, chatId, account.userId, clientId, text,
                                                            replyTo, context.nowMs(), std::move(poll),
                                                            std::move(attachmentIds)});
    if (stored.created) context.sync.published(chatId);
    return messageResponse(stored.created ? 201 : 200, stored.message);
}

}  // namespace parta::server
