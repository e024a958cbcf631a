#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/json_body.h"
#include "client/policy_inputs.h"
#include "policy/decide.h"

namespace parta::server {

Response editMessage(ApiContext& context, const Account& account, std::int64_t messageId, const Request& request) {
    JsonBody body(request.body, {"clientId", "chatId", "text"});
    const std::string clientId = body.uuid("clientId");
    const std::int64_t chatId = body.id("chatId");
    const std::string text = body.string("text");
    if (!body.ok()) return badRequest(body.error());
    if (std::optional<Response> refusal = textRefusal(text)) return *refusal;
    // A repeat answers what the first did, whatever has changed since (docs/protocol.md).
    if (std::optional<ChangeOutcome> repeat = context.store.changeByClientId(account.userId, clientId)) {
        return changeAnswer(account, *repeat);
    }
    const std::optional<ChatAccess> access = context.store.chatAccess(account.schoolId, chatId, account.userId);
    if (!access) return unknownChat();
    const policy::Decision decision =
        policy::decide(account.subject, policy::Action::EditOwn, policyTarget(access->chat, access->membershipRole));
    if (!decision.allowed) return policyRefusal(decision);
    const std::optional<store::Message> message = context.store.messageInChat(account.schoolId, chatId, messageId);
    if (!message) return unknownMessage();
    if (message->deleted) return messageDeleted();
    if (message->senderId != account.userId) return notOwnMessage();
    const ChangeOutcome outcome =
        context.store.editMessage({account.schoolId, chatId, messageId, account.userId, clientId, text, context.nowMs()});
    if (outcome.published) context.sync.published(chatId);
    return changeAnswer(account, outcome);
}

}  // namespace parta::server
