#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/json_body.h"
#include "client/policy_inputs.h"
#include "policy/decide.h"

namespace parta::server {

Response deleteMessage(ApiContext& context, const Account& account, std::int64_t messageId, const Request& request) {
    JsonBody body(request.body, {"clientId", "chatId"});
    const std::string clientId = body.uuid("clientId");
    const std::int64_t chatId = body.id("chatId");
    if (!body.ok()) return badRequest(body.error());
    if (std::optional<ChangeOutcome> repeat = context.store.changeByClientId(account.userId, clientId)) {
        return changeAnswer(account, *repeat);
    }
    const std::optional<ChatAccess> access = context.store.chatAccess(account.schoolId, chatId, account.userId);
    if (!access) return unknownChat();
    const std::optional<store::Message> message = context.store.messageInChat(account.schoolId, chatId, messageId);
    if (!message) return unknownMessage();
    if (message->deleted) return messageDeleted();
    const policy::Action action = deletionAction(message->senderId, account.userId);
    const policy::Decision decision =
        policy::decide(account.subject, action, policyTarget(access->chat, access->membershipRole));
    if (!decision.allowed) return policyRefusal(decision);
    const ChangeOutcome outcome =
        context.store.deleteMessage({account.schoolId, chatId, messageId, account.userId, clientId, context.nowMs()});
    if (outcome.published) context.sync.published(chatId);
    return changeAnswer(account, outcome);
}

}  // namespace parta::server
