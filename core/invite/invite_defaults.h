#pragma once

#include <cstdint>

#include "policy/school_role.h"

namespace parta::invite {

// What a link is when its creator says nothing: the server's create endpoint applies these,
// the demo school's links follow them, and the app's invite form starts from them.

// Issue 13: a link lasts 7 days unless its creator says otherwise, and never more than 30.
inline constexpr std::int64_t kDefaultInviteLifetimeMs = 7 * 24 * 60 * 60 * 1000LL;
inline constexpr std::int64_t kMaxInviteLifetimeMs = 30 * 24 * 60 * 60 * 1000LL;
// A class and its parents fit in the default; a whole school's staff in the maximum.
inline constexpr int kDefaultInviteUsageLimit = 40;
inline constexpr int kMaxInviteUsageLimit = 1000;

// Issue 13: parent and teacher links ask for approval unless their creator turns it off; a
// parent's approver names the child, and a teacher's status is checked by the admin.
inline bool approvalByDefault(policy::SchoolRole role) {
    return role == policy::SchoolRole::Parent || role == policy::SchoolRole::Teacher;
}

}  // namespace parta::invite
