#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "common/localized_text.h"

namespace parta::policy {

// Why a decision came out as it did. The codes are stable: the UI shows the sentence,
// the server, tests and logs use the code.
enum class Reason {
    Allowed,
    InvalidRequest,    // the JSON did not describe a subject, action and target
    IncompleteTarget,  // the target lacks what this action needs (a chat, a class, a member...)
    RoleConflict,
    NotYourClass,
    NotMember,
    ReadOnlyMember,
    NotVerified,
    NotClassTeacher,
    NotTeachingClass,
    NotChatModerator,
    RankTooLow,
    DirectStaffOnly,
    DirectStaffOrOwnChild,
    NotOwnInvite,
    AppointmentOnly,
    RoleNotGrantable,
    RoleNotAllowed,
    ChannelReadOnly,
    NotAdmin,
    NotAdminOrDirector,
};

inline constexpr std::array<Reason, 21> kAllReasons = {
    Reason::Allowed,          Reason::InvalidRequest,  Reason::IncompleteTarget,
    Reason::RoleConflict,     Reason::NotYourClass,    Reason::NotMember,
    Reason::ReadOnlyMember,   Reason::NotVerified,     Reason::NotClassTeacher,
    Reason::NotTeachingClass, Reason::NotChatModerator, Reason::RankTooLow,
    Reason::DirectStaffOnly,  Reason::DirectStaffOrOwnChild, Reason::NotOwnInvite,
    Reason::AppointmentOnly,  Reason::RoleNotGrantable, Reason::RoleNotAllowed,
    Reason::ChannelReadOnly,  Reason::NotAdmin,        Reason::NotAdminOrDirector};

std::string_view reasonCode(Reason reason);
std::optional<Reason> reasonFromCode(std::string_view code);
LocalizedText reasonMessage(Reason reason);

}  // namespace parta::policy
