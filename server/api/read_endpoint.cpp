#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/json_body.h"
#include "client/policy_inputs.h"
#include "policy/decide.h"

namespace parta::server {

Response markRead(ApiContext& context, const Account& account, std::int64_t chatId, const Request& request) {
    JsonBody body(request.body, {"clientId", "lastReadId"});
    const std::string clientId = body.uuid("clientId");
    const std::int64_t lastReadId = body.id("lastReadId");
    if (!body.ok()) return badRequest(body.error());
    if (std::optional<ChangeOutcome> repeat = context.store.changeByClientId(account.userId, clientId)) {
        return changeAnswer(account, *repeat);
    }
    const std::optional<ChatAccess> access = context.store.chatAccess(account.schoolId, chatId, account.userId);
    if (!access) return unknownChat();
    const policy::Decision decision =
        policy::decide(account.subject, policy::Action::Read, policyTarget(access->chat, access->membershipRole));
    if (!decision.allowed) return policyRefusal(decision);
    if (!context.store.messageInChat(account.schoolId, chatId, lastReadId)) return unknownMessage();
    const ChangeOutcome outcome = context.store.markRead({account.schoolId, chatId, account.userId, clientId, lastReadId});
    // A read position is the reader's own: only their other devices are woken.
    if (outcome.published) context.sync.publishedToUser(account.userId);
    return changeAnswer(account, outcome);
}

}  // namespace parta::server
