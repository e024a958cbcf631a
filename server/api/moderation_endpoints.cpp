#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/json_body.h"
#include "client/policy_inputs.h"
#include "http/error_response.h"
#include "policy/decide.h"
#include "sync/sync_page_writer.h"

namespace parta::server {

namespace {

Response eventsAnswer(const Account& account, const std::vector<LogEntry>& events) {
    Response response;
    response.body = changeAnswerJson(account.userId, events);
    return response;
}

Response unknownMember() {
    return errorResponse(404, "UNKNOWN_MEMBER", {"Такого участника в чате нет.", "There is no such member in the chat."});
}

// Mute and remove act on another member: the policy compares the two (need::Outranks).
std::optional<Response> memberRefusal(ApiContext& context, const Account& account, std::int64_t chatId, std::int64_t userId,
                                      policy::Action action) {
    const std::optional<ChatAccess> access = context.store.chatAccess(account.schoolId, chatId, account.userId);
    if (!access) return unknownChat();
    const std::optional<policy::ChatMember> member = context.store.chatMember(account.schoolId, chatId, userId);
    if (!member) return unknownMember();
    policy::Target target = policyTarget(access->chat, access->membershipRole);
    target.member = *member;
    const policy::Decision decision = policy::decide(account.subject, action, target);
    if (!decision.allowed) return policyRefusal(decision);
    return std::nullopt;
}

}  // namespace

Response pinMessage(ApiContext& context, const Account& account, std::int64_t messageId, const Request& request) {
    JsonBody body(request.body, {"chatId", "pinned"});
    const std::int64_t chatId = body.id("chatId");
    const bool pinned = body.boolean("pinned");
    if (!body.ok()) return badRequest(body.error());
    const std::optional<ChatAccess> access = context.store.chatAccess(account.schoolId, chatId, account.userId);
    if (!access) return unknownChat();
    const policy::Decision decision =
        policy::decide(account.subject, policy::Action::Pin, policyTarget(access->chat, access->membershipRole));
    if (!decision.allowed) return policyRefusal(decision);
    const std::optional<store::Message> message = context.store.messageInChat(account.schoolId, chatId, messageId);
    if (!message) return unknownMessage();
    if (message->deleted) return messageDeleted();
    const std::vector<LogEntry> events =
        context.store.setPinned({account.schoolId, chatId, account.userId, context.nowMs()}, messageId, pinned);
    if (!events.empty()) context.sync.published(chatId);
    return eventsAnswer(account, events);
}

Response muteMember(ApiContext& context, const Account& account, std::int64_t chatId, std::int64_t userId,
                    const Request& request) {
    JsonBody body(request.body, {"muted"});
    const bool muted = body.boolean("muted");
    if (!body.ok()) return badRequest(body.error());
    if (std::optional<Response> refusal = memberRefusal(context, account, chatId, userId, policy::Action::MuteMember)) {
        return *refusal;
    }
    const std::vector<LogEntry> events =
        context.store.setMuted({account.schoolId, chatId, account.userId, context.nowMs()}, userId, muted);
    if (!events.empty()) context.sync.published(chatId);
    return eventsAnswer(account, events);
}

Response removeMember(ApiContext& context, const Account& account, std::int64_t chatId, std::int64_t userId) {
    if (std::optional<Response> refusal = memberRefusal(context, account, chatId, userId, policy::Action::RemoveMember)) {
        return *refusal;
    }
    const std::vector<LogEntry> events =
        context.store.removeMember({account.schoolId, chatId, account.userId, context.nowMs()}, userId);
    if (!events.empty()) {
        context.sync.published(chatId);
        // No longer a member, so published() does not reach them; their devices must learn it.
        context.sync.publishedToUser(userId);
    }
    return eventsAnswer(account, events);
}

}  // namespace parta::server
