#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/invite_answers.h"
#include "api/json_body.h"
#include "client/json_text.h"
#include "http/error_response.h"
#include "policy/decide.h"

namespace parta::server {

namespace {

// Approving admits a person exactly as the link would, so it is judged by the grant table
// with the approver's own role in the destination chat (docs/permissions.md).
policy::Decision approveDecision(ApiContext& context, const Account& account, const Invite& invite) {
    std::optional<std::string> membershipRole;
    if (invite.chat) {
        if (const std::optional<ChatAccess> access = context.store.chatAccess(account.schoolId, invite.chat->id, account.userId)) {
            membershipRole = access->membershipRole;
        }
    }
    return policy::decide(account.subject, policy::Action::ApproveJoinRequest, inviteTarget(invite, membershipRole));
}

Response unknownJoinRequest() {
    return errorResponse(404, "UNKNOWN_JOIN_REQUEST", {"Такой заявки в школе нет.", "There is no such join request in the school."});
}

Response requestAlreadyDecided() {
    return errorResponse(409, "REQUEST_ALREADY_DECIDED", {"Эта заявка уже рассмотрена.", "This request has already been decided."});
}

}  // namespace

Response listJoinRequests(ApiContext& context, const Account& account) {
    const std::string school = context.store.schoolName(account.schoolId);
    JsonText json;
    json.beginObject().key("joinRequests").beginArray();
    for (const JoinRequest& request : context.store.pendingJoinRequests(account.schoolId)) {
        if (!approveDecision(context, account, request.invite).allowed) continue;
        json.beginObject();
        json.key("id").number(request.id);
        json.key("person").beginObject().key("id").number(request.person.id).key("name").string(request.person.name).endObject();
        json.key("role").string(policy::nameOf(request.invite.grantedRole));
        json.key("inviteId").number(request.invite.id);
        json.key("destination");
        writeDestination(json, request.invite, school);
        if (!request.childName.empty()) json.key("childName").string(request.childName);
        json.key("createdAt").number(request.createdAt);
        json.key("state").string("pending");
        json.endObject();
    }
    json.endArray().endObject();
    return noStoreJson(200, json);
}

Response decideJoinRequest(ApiContext& context, const Account& account, std::int64_t requestId, bool approve,
                           const Request& request) {
    // A decline, or an approval of no child, may come without a body.
    JsonBody body(request.body.empty() ? std::string_view("{}") : std::string_view(request.body),
                  approve ? std::initializer_list<std::string_view>{"childId"} : std::initializer_list<std::string_view>{});
    const std::optional<std::int64_t> childId = approve ? body.optionalId("childId") : std::nullopt;
    if (!body.ok()) return badRequest(body.error());
    const std::optional<JoinRequest> joinRequest = context.store.joinRequest(account.schoolId, requestId);
    if (!joinRequest) return unknownJoinRequest();
    const policy::Decision decision = approveDecision(context, account, joinRequest->invite);
    if (!decision.allowed) return policyRefusal(decision);
    if (joinRequest->state != JoinRequestState::Pending) return requestAlreadyDecided();

    if (approve) {
        std::optional<policy::Child> child;
        if (childId) {
            const std::optional<std::string> childClass = context.store.studentClass(account.schoolId, *childId);
            if (!childClass) {
                return errorResponse(404, "UNKNOWN_CHILD", {"Такого ученика в школе нет.", "There is no such student in the school."});
            }
            child = policy::Child{std::to_string(*childId), *childClass};
        }
        // A parent of another class's child, or of none, may not be in a class's parents' chat:
        // the policy's own-class rule says so, for the person as they would be admitted.
        if (std::optional<Response> refusal = admissionRefusal(joinRequest->personSubject, joinRequest->invite, child)) {
            return *refusal;
        }
    }
    const JoinDecisionOutcome outcome =
        context.store.decideJoinRequest({account.schoolId, requestId, account.userId, approve, childId, context.nowMs()});
    if (!outcome.decided) return requestAlreadyDecided();
    for (const std::int64_t chatId : outcome.joinedChats) context.sync.published(chatId);
    JsonText json;
    json.beginObject().key("joinRequest").beginObject();
    json.key("id").number(requestId).key("state").string(approve ? "approved" : "declined");
    json.endObject().endObject();
    Response response;
    response.body = std::string(json.text());
    return response;
}

}  // namespace parta::server
