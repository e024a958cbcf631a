#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/json_body.h"
#include "client/policy_inputs.h"
#include "client/poll_choice.h"
#include "policy/decide.h"
#include "sync/limits.h"

namespace parta::server {

Response votePoll(ApiContext& context, const Account& account, std::int64_t messageId, const Request& request) {
    JsonBody body(request.body, {"clientId", "chatId", "optionIds"});
    const std::string clientId = body.uuid("clientId");
    const std::int64_t chatId = body.id("chatId");
    const std::vector<std::int64_t> optionIds = body.ids("optionIds", sync::kMaxPollOptions);
    if (!body.ok()) return badRequest(body.error());
    if (std::optional<ChangeOutcome> repeat = context.store.changeByClientId(account.userId, clientId)) {
        return changeAnswer(account, *repeat);
    }
    const std::optional<ChatAccess> access = context.store.chatAccess(account.schoolId, chatId, account.userId);
    if (!access) return unknownChat();
    // A poll asks the people who see it: voting needs what reading the chat needs.
    const policy::Decision decision =
        policy::decide(account.subject, policy::Action::Read, policyTarget(access->chat, access->membershipRole));
    if (!decision.allowed) return policyRefusal(decision);
    const std::optional<store::Message> message = context.store.messageInChat(account.schoolId, chatId, messageId);
    if (!message) return unknownMessage();
    if (message->deleted) return messageDeleted();
    if (!message->poll) return badPollChoice("the message has no poll");
    if (!isValidPollChoice(*message->poll, optionIds)) {
        return badPollChoice("optionIds: expected distinct options of the poll, one in a single-choice poll");
    }
    const ChangeOutcome outcome =
        context.store.vote({account.schoolId, chatId, messageId, account.userId, clientId, optionIds});
    if (outcome.published) context.sync.published(chatId);
    return changeAnswer(account, outcome);
}

}  // namespace parta::server
