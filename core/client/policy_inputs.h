#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "policy/action.h"
#include "policy/subject.h"
#include "policy/target.h"
#include "store/records.h"

namespace parta {

// The synced profile and chat as the policy's inputs. Names the policy does not know (rows
// synced before schema version 5) are left out, so they can only ever narrow what is allowed.
policy::Subject policySubject(const store::Me& me);
// `membershipRole`: the subject's role in the chat; nullopt when not a member.
policy::Target policyTarget(const store::Chat& chat, const std::optional<std::string>& membershipRole);
// Deleting one's own message is delete_own; anyone else's is moderation, delete_any
// (docs/permissions.md). The Client asks it before queueing, the server before deleting.
policy::Action deletionAction(std::int64_t senderId, std::int64_t deleterId);

}  // namespace parta
