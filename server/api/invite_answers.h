#pragma once

#include <optional>
#include <string>

#include "client/json_text.h"
#include "http/http_message.h"
#include "policy/subject.h"
#include "policy/target.h"
#include "store/server_store.h"

namespace parta::server {

// What the invite and join-request endpoints share (docs/protocol.md, "Invites and joining").

// The policy's target for creating, revoking or approving by this link: its destination, the
// caller's role in the destination chat, and the role it grants.
policy::Target inviteTarget(const Invite& invite, const std::optional<std::string>& membershipRole);

// The person as they would be once admitted by the link: its role, a student's class, and a
// parent's child when the approver names one. Decide then says whether that person may be in
// the destination chat at all (a parent whose child is of another class may not).
policy::Subject admittedSubject(policy::Subject person, const Invite& invite, const std::optional<policy::Child>& child);

// The refusal of admitting `person` by the link, or nullopt: core's joinConflict, then, for a
// chat, decide(read) for the person as admitted.
std::optional<Response> admissionRefusal(const policy::Subject& person, const Invite& invite,
                                         const std::optional<policy::Child>& child);

// {"id", "destination", "role", "label", …, "state"}: a link as its managers see it, never its code.
void writeInvite(JsonText& json, const Invite& invite, const std::string& schoolName, std::int64_t nowMs);
// {"kind", "chatId"?, "classId"?, "title"}: where a link admits to; the school's title is its name.
void writeDestination(JsonText& json, const Invite& invite, const std::string& schoolName);

// One answer for an unknown code, a revoked link and another school's link, byte for byte, so
// codes cannot be probed.
Response invalidOrRevoked();
// 410 EXPIRED and 410 USAGE_LIMIT_REACHED: the link has ended, and says how.
Response inviteExpired();
Response usageLimitReached();
// The refusal for a link no longer active, or nullopt for an active one.
std::optional<Response> inactiveInviteRefusal(const Invite& invite, std::int64_t nowMs);
// 409 ROLE_CONFLICT: the account's roles cannot take the role the link grants.
Response roleConflict();

}  // namespace parta::server
