#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/invite_answers.h"
#include "invite/invite_defaults.h"
#include "api/json_body.h"
#include "auth/sha256_hex.h"
#include "client/json_text.h"
#include "http/error_response.h"
#include "invite/invite_code.h"
#include "policy/decide.h"
#include "policy/join_conflict.h"

namespace parta::server {

namespace {

constexpr std::size_t kMaxLabelChars = 256;
constexpr std::size_t kMaxClassIdChars = 64;
constexpr std::size_t kMaxLoginChars = 64;
constexpr std::size_t kMaxNameChars = 256;
constexpr std::size_t kMaxPasswordChars = 256;

Response unknownInvite() {
    return errorResponse(404, "UNKNOWN_INVITE", {"Такой ссылки-приглашения в школе нет.", "There is no such invite link in the school."});
}

Response codeRefusal(invite::InviteError error) {
    return errorResponse(400, invite::errorCode(error), invite::errorMessage(error));
}

// The decision about revoking this link: one's own, or anyone's (the admin).
policy::Decision revokeDecision(const Account& account, const Invite& invite) {
    policy::Target target;
    target.ownInvite = invite.createdBy == account.userId;
    return policy::decide(account.subject, policy::Action::RevokeInvite, target);
}

// The link a code names, for a preview or an accept: the code parsed by core first, so a typo
// answers core's error before anything is looked up; then the join rate limits; then the row.
struct FoundInvite {
    std::optional<Invite> invite;
    std::optional<Response> refusal;
};

FoundInvite findInvite(ApiContext& context, const Request& request, std::string_view typed, const std::string& accountKey) {
    const invite::InviteParseResult parsed = invite::parseInviteCode(typed);
    if (!parsed.ok()) return {std::nullopt, codeRefusal(*parsed.error)};
    const std::string codeHash = sha256Hex(parsed.code);
    const std::int64_t now = context.nowMs();
    if (!context.throttles.joinsByAddress.allow(clientAddress(request, context.proxyOnLoopback), now) ||
        !context.throttles.joinsByCode.allow(codeHash, now) ||
        (!accountKey.empty() && !context.throttles.joinsByAccount.allow(accountKey, now))) {
        return {std::nullopt, rateLimited()};
    }
    std::optional<Invite> invite = context.store.inviteByCodeHash(codeHash);
    if (!invite) return {std::nullopt, invalidOrRevoked()};
    if (std::optional<Response> inactive = inactiveInviteRefusal(*invite, now)) return {std::nullopt, std::move(inactive)};
    return {std::move(invite), std::nullopt};
}

void writeUser(JsonText& json, const store::User& user) {
    json.beginObject().key("id").number(user.id).key("name").string(user.name).key("role").string(user.role).endObject();
}

}  // namespace

Response createInvite(ApiContext& context, const Account& account, const Request& request) {
    JsonBody body(request.body, {"destination", "role", "label", "expiresAt", "usageLimit", "requiresApproval"});
    std::optional<JsonBody> destination = body.optionalObject("destination", {"classId", "chatId"});
    const std::string classId = destination ? destination->optionalText("classId", 1, kMaxClassIdChars) : std::string();
    const std::optional<std::int64_t> chatId = destination ? destination->optionalId("chatId") : std::nullopt;
    const std::string roleName = body.text("role", 1, 32);
    const std::string label = body.text("label", 1, kMaxLabelChars);
    const std::int64_t now = context.nowMs();
    const std::optional<std::int64_t> expiresAt = body.optionalInteger("expiresAt", now + 1, now + invite::kMaxInviteLifetimeMs);
    const std::optional<std::int64_t> usageLimit = body.optionalInteger("usageLimit", 1, invite::kMaxInviteUsageLimit);
    const std::optional<bool> requiresApproval = body.booleanIfPresent("requiresApproval");
    if (!body.ok()) return badRequest(body.error());
    if (!destination) return badRequest("destination: required ({} is the school)");
    if (chatId && !classId.empty()) return badRequest("destination: a chatId or a classId, not both");
    const std::optional<policy::SchoolRole> role = policy::schoolRoleFromName(roleName);
    if (!role) return badRequest("role: expected a school role of docs/permissions.md");

    Invite invite;
    invite.schoolId = account.schoolId;
    invite.classId = classId;
    invite.grantedRole = *role;
    std::optional<std::string> membershipRole;
    if (chatId) {
        const std::optional<ChatAccess> access = context.store.chatAccess(account.schoolId, *chatId, account.userId);
        if (!access) return unknownChat();
        invite.chat = access->chat;
        invite.classId = access->chat.classId;
        membershipRole = access->membershipRole;
    }
    const policy::Decision decision =
        policy::decide(account.subject, policy::Action::CreateInvite, inviteTarget(invite, membershipRole));
    if (!decision.allowed) return policyRefusal(decision);
    // A link to a class admits to it, so the class must be the school's (003 §2.1: the admin creates classes).
    if (!invite.chat && !invite.classId.empty() && !context.store.classExists(account.schoolId, invite.classId)) {
        return unknownClass();
    }

    const std::string code = invite::generateInviteCode();
    NewInvite created;
    created.schoolId = account.schoolId;
    created.codeHash = sha256Hex(code);
    if (invite.chat) created.chatId = invite.chat->id;
    created.classId = invite.classId;
    created.grantedRole = *role;
    created.label = label;
    created.createdBy = account.userId;
    created.createdAt = now;
    created.expiresAt = expiresAt.value_or(now + invite::kDefaultInviteLifetimeMs);
    created.usageLimit = static_cast<int>(usageLimit.value_or(invite::kDefaultInviteUsageLimit));
    created.requiresApproval = requiresApproval.value_or(invite::approvalByDefault(*role));
    const std::int64_t inviteId = context.store.createInvite(created);
    const std::optional<Invite> stored = context.store.invite(account.schoolId, inviteId);
    if (!stored) return storageFailedResponse();

    // The host the creator reached the server by: the one their school's people will use too.
    // Behind the TLS proxy that is https; without it the server serves plain http on loopback
    // (a demo, a test), where core accepts an http link too (invite-links.md).
    const std::string host(request.header("host"));
    const std::string scheme = context.proxyOnLoopback ? "https://" : "http://";
    JsonText json;
    json.beginObject().key("invite");
    writeInvite(json, *stored, context.store.schoolName(account.schoolId), now);
    json.key("code").string(code).key("display").string(invite::formatInviteCode(code));
    json.key("link").string(scheme + (host.empty() ? std::string("localhost") : host) + "/join/" + code);
    json.endObject();
    return noStoreJson(201, json);
}

Response listInvites(ApiContext& context, const Account& account, const Request& request) {
    const std::optional<std::string> classId = request.decodedQueryParameter("classId");
    if (!classId) return badRequest("classId: a broken percent-escape");
    const std::int64_t now = context.nowMs();
    const std::string school = context.store.schoolName(account.schoolId);
    JsonText json;
    json.beginObject().key("invites").beginArray();
    for (const Invite& invite : context.store.invites(account.schoolId, *classId)) {
        if (revokeDecision(account, invite).allowed) writeInvite(json, invite, school, now);
    }
    json.endArray().endObject();
    return noStoreJson(200, json);
}

Response previewInvite(ApiContext& context, const Request& request) {
    const std::optional<std::string> typed = request.decodedQueryParameter("code");
    if (!typed) return badRequest("code: a broken percent-escape");
    const FoundInvite found = findInvite(context, request, *typed, "");
    if (found.refusal) return *found.refusal;
    const Invite& invite = *found.invite;
    const std::string school = context.store.schoolName(invite.schoolId);
    // Names only: never the members or the messages of the destination.
    JsonText json;
    json.beginObject().key("invite").beginObject();
    json.key("destination");
    writeDestination(json, invite, school);
    json.key("school").string(school);
    json.key("role").string(policy::nameOf(invite.grantedRole));
    json.key("inviter").string(context.store.user(invite.createdBy).name);
    json.key("requiresApproval").boolean(invite.requiresApproval);
    json.key("expiresAt").number(invite.expiresAt);
    json.endObject().endObject();
    return noStoreJson(200, json);
}

Response acceptInvite(ApiContext& context, const Authentication& authentication, const Request& request) {
    JsonBody body(request.body, {"code", "account", "childName"});
    const std::string typed = body.string("code");
    std::optional<JsonBody> newAccount = body.optionalObject("account", {"login", "name", "password"});
    NewUser user;
    std::string password;
    if (newAccount) {
        user.login = newAccount->text("login", 1, kMaxLoginChars);
        user.name = newAccount->text("name", 1, kMaxNameChars);
        password = newAccount->text("password", 1, kMaxPasswordChars);
    }
    const std::string childName = body.optionalText("childName", 1, kMaxNameChars);
    if (!body.ok()) return badRequest(body.error());
    const std::optional<Account>& account = authentication.account;
    if (account && newAccount) return badRequest("account: only without a session; signed in, the link joins this account");
    if (!account && !newAccount) return authentication.refusal;

    const std::string accountKey = account ? "user:" + std::to_string(account->userId) : "login:" + user.login;
    const FoundInvite found = findInvite(context, request, typed, accountKey);
    if (found.refusal) return *found.refusal;
    const Invite& invite = *found.invite;
    // Another school's link is, for this account, one that does not exist.
    if (account && account->schoolId != invite.schoolId) return invalidOrRevoked();
    const policy::Subject person = account ? account->subject : policy::Subject{};
    if (invite.requiresApproval) {
        if (policy::joinConflict(person, invite.grantedRole, invite.classId)) return roleConflict();
    } else if (std::optional<Response> refusal = admissionRefusal(person, invite, std::nullopt)) {
        return *refusal;
    }

    Admission admission;
    admission.schoolId = invite.schoolId;
    admission.inviteId = invite.id;
    admission.childName = childName;
    admission.nowMs = context.nowMs();
    if (account) {
        admission.userId = account->userId;
    } else {
        user.passwordHash = context.passwords.hash(password);
        if (user.passwordHash.empty()) return storageFailedResponse();
        admission.newAccount = std::move(user);
    }
    const AdmissionOutcome outcome = context.store.admit(admission);
    using Result = AdmissionOutcome::Result;
    switch (outcome.result) {
        case Result::Joined:
        case Result::RequestFiled: break;
        case Result::InvalidOrRevoked: return invalidOrRevoked();
        case Result::Expired: return inviteExpired();
        case Result::UsageLimitReached: return usageLimitReached();
        case Result::AlreadyMember:
            return errorResponse(409, "ALREADY_MEMBER", {"Вы уже присоединились по этой ссылке.", "You have already joined by this link."});
        case Result::RequestAlreadyPending:
            return errorResponse(409, "REQUEST_ALREADY_PENDING",
                                 {"Ваша заявка уже отправлена и ждёт решения.", "Your request has been sent and awaits a decision."});
        case Result::LoginTaken:
            return errorResponse(409, "LOGIN_TAKEN", {"Этот логин уже занят. Выберите другой.", "This login is taken. Choose another."});
    }
    for (const std::int64_t chatId : outcome.joinedChats) context.sync.published(chatId);

    JsonText json;
    json.beginObject().key("user");
    writeUser(json, context.store.user(outcome.userId));
    if (outcome.result == Result::Joined) {
        json.key("joined").beginArray();
        for (const std::int64_t chatId : outcome.joinedChats) json.number(chatId);
        json.endArray();
    } else {
        json.key("joinRequest").beginObject().key("id").number(outcome.requestId).key("state").string("pending").endObject();
    }
    json.endObject();
    Response response = noStoreJson(outcome.result == Result::Joined ? 200 : 202, json);
    if (!account) response.headers.emplace_back("Set-Cookie", startSession(context, outcome.userId));
    return response;
}

Response revokeInvite(ApiContext& context, const Account& account, std::int64_t inviteId) {
    const std::optional<Invite> invite = context.store.invite(account.schoolId, inviteId);
    if (!invite) return unknownInvite();
    const policy::Decision decision = revokeDecision(account, *invite);
    if (!decision.allowed) return policyRefusal(decision);
    const std::int64_t now = context.nowMs();
    context.store.revokeInvites({account.schoolId, account.userId, now}, {inviteId}, false);
    JsonText json;
    json.beginObject().key("invite");
    const std::optional<Invite> revoked = context.store.invite(account.schoolId, inviteId);
    if (!revoked) return unknownInvite();
    writeInvite(json, *revoked, context.store.schoolName(account.schoolId), now);
    json.endObject();
    return noStoreJson(200, json);
}

Response revokeUnusedInvites(ApiContext& context, const Account& account, const Request& request) {
    JsonBody body(request.body, {"classId"});
    const std::string classId = body.text("classId", 1, kMaxClassIdChars);
    if (!body.ok()) return badRequest(body.error());
    const std::int64_t now = context.nowMs();
    std::vector<std::int64_t> unused;
    for (const Invite& invite : context.store.invites(account.schoolId, classId)) {
        if (invite.uses == 0 && invite.stateAt(now) == InviteState::Active && revokeDecision(account, invite).allowed) {
            unused.push_back(invite.id);
        }
    }
    const int revoked = context.store.revokeInvites({account.schoolId, account.userId, now}, unused, true);
    JsonText json;
    json.beginObject().key("revoked").number(revoked).endObject();
    return noStoreJson(200, json);
}

}  // namespace parta::server
