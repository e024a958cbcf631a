#include "api/invite_answers.h"

#include <algorithm>

#include "client/policy_inputs.h"
#include "http/error_response.h"
#include "policy/decide.h"
#include "policy/join_conflict.h"

namespace parta::server {

namespace {

std::string_view stateName(InviteState state) {
    switch (state) {
        case InviteState::Active: return "active";
        case InviteState::Revoked: return "revoked";
        case InviteState::Expired: return "expired";
        case InviteState::Exhausted: return "exhausted";
    }
    return "revoked";
}

}  // namespace

policy::Target inviteTarget(const Invite& invite, const std::optional<std::string>& membershipRole) {
    policy::Target target;
    if (invite.chat) {
        target = policyTarget(*invite.chat, membershipRole);
    } else {
        target.classId = invite.classId;
    }
    target.grantedRole = invite.grantedRole;
    return target;
}

policy::Subject admittedSubject(policy::Subject person, const Invite& invite, const std::optional<policy::Child>& child) {
    if (!person.has(invite.grantedRole)) {
        person.roles.push_back(invite.grantedRole);
        std::sort(person.roles.begin(), person.roles.end());
    }
    if (invite.grantedRole == policy::SchoolRole::Student && person.studentOf.empty()) person.studentOf = invite.classId;
    if (child) person.children.push_back(*child);
    return person;
}

std::optional<Response> admissionRefusal(const policy::Subject& person, const Invite& invite,
                                         const std::optional<policy::Child>& child) {
    if (policy::joinConflict(person, invite.grantedRole, invite.classId)) return roleConflict();
    if (!invite.chat) return std::nullopt;
    const policy::Decision decision =
        policy::decide(admittedSubject(person, invite, child), policy::Action::Read, policyTarget(*invite.chat, "member"));
    if (decision.allowed) return std::nullopt;
    return errorResponse(403, policy::reasonCode(decision.reason), decision.message());
}

void writeDestination(JsonText& json, const Invite& invite, const std::string& schoolName) {
    json.beginObject();
    if (invite.chat) {
        json.key("kind").string(invite.chat->kind).key("chatId").number(invite.chat->id);
        if (!invite.classId.empty()) json.key("classId").string(invite.classId);
        json.key("title").string(invite.chat->title);
    } else if (!invite.classId.empty()) {
        // A class has no record of its own: its id is its name ("5А").
        json.key("kind").string("class").key("classId").string(invite.classId).key("title").string(invite.classId);
    } else {
        json.key("kind").string("school").key("title").string(schoolName);
    }
    json.endObject();
}

void writeInvite(JsonText& json, const Invite& invite, const std::string& schoolName, std::int64_t nowMs) {
    json.beginObject();
    json.key("id").number(invite.id);
    json.key("destination");
    writeDestination(json, invite, schoolName);
    json.key("role").string(policy::nameOf(invite.grantedRole));
    json.key("label").string(invite.label);
    json.key("createdBy").number(invite.createdBy);
    json.key("createdAt").number(invite.createdAt);
    json.key("expiresAt").number(invite.expiresAt);
    json.key("usageLimit").number(invite.usageLimit);
    json.key("uses").number(invite.uses);
    json.key("requiresApproval").boolean(invite.requiresApproval);
    json.key("state").string(stateName(invite.stateAt(nowMs)));
    json.endObject();
}

Response invalidOrRevoked() {
    return errorResponse(404, "INVALID_OR_REVOKED",
                         {"Ссылка-приглашение недействительна или отозвана. Попросите у школы новую.",
                          "The invite link is invalid or has been revoked. Ask the school for a new one."});
}

Response inviteExpired() {
    return errorResponse(410, "EXPIRED",
                         {"Срок действия ссылки-приглашения истёк. Попросите у школы новую.",
                          "The invite link has expired. Ask the school for a new one."});
}

Response usageLimitReached() {
    return errorResponse(410, "USAGE_LIMIT_REACHED",
                         {"По этой ссылке-приглашению уже присоединилось столько людей, сколько она допускает.",
                          "This invite link has been used as many times as it allows."});
}

std::optional<Response> inactiveInviteRefusal(const Invite& invite, std::int64_t nowMs) {
    switch (invite.stateAt(nowMs)) {
        case InviteState::Active: return std::nullopt;
        case InviteState::Revoked: return invalidOrRevoked();
        case InviteState::Expired: return inviteExpired();
        case InviteState::Exhausted: return usageLimitReached();
    }
    return invalidOrRevoked();
}

Response roleConflict() {
    return errorResponse(409, policy::reasonCode(policy::Reason::RoleConflict),
                         {"Эта ссылка-приглашение для другой роли, чем у вашего аккаунта. Войдите в другой аккаунт "
                          "или создайте новый.",
                          "This invite link is for a role your account cannot take. Sign in to another account or "
                          "create a new one."});
}

}  // namespace parta::server
