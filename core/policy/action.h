#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace parta::policy {

enum class Action {
    Read,
    Post,
    PostPoll,
    AttachFile,
    EditOwn,
    DeleteOwn,
    DeleteAny,  // moderation; deletions are soft and audited by the store
    Pin,
    MuteMember,
    RemoveMember,
    CreateChat,
    CreateInvite,
    RevokeInvite,
    ApproveJoinRequest,
    VerifyTeacher,
    AssignClassTeacher,
    AppointAdmin,
    CreateClass,
    ViewActivityStats,
    Broadcast,
    EndSessions,  // sign a person of the school out everywhere
    ViewAuditLog,
    MoveStudent,   // to another class; their class's memberships follow
    ManageRoster,  // the class's expected students and parents, and its export
    ViewPeople,    // the school's people with their roles and classes: whom administration acts on
};

inline constexpr std::array<Action, 25> kAllActions = {
    Action::Read,          Action::Post,          Action::PostPoll,          Action::AttachFile,
    Action::EditOwn,       Action::DeleteOwn,     Action::DeleteAny,         Action::Pin,
    Action::MuteMember,    Action::RemoveMember,  Action::CreateChat,        Action::CreateInvite,
    Action::RevokeInvite,  Action::ApproveJoinRequest, Action::VerifyTeacher, Action::AssignClassTeacher,
    Action::AppointAdmin,  Action::CreateClass,   Action::ViewActivityStats, Action::Broadcast,
    Action::EndSessions,   Action::ViewAuditLog,  Action::MoveStudent,       Action::ManageRoster,
    Action::ViewPeople};

// Actions done inside an existing chat: they need the chat, and the membership rules apply.
constexpr bool isInChatAction(Action action) {
    return action == Action::Read || action == Action::Post || action == Action::PostPoll ||
           action == Action::AttachFile || action == Action::EditOwn || action == Action::DeleteOwn ||
           action == Action::DeleteAny || action == Action::Pin || action == Action::MuteMember ||
           action == Action::RemoveMember;
}

// Both let a person in with a role, so both obey the grant table.
constexpr bool isGrantAction(Action action) {
    return action == Action::CreateInvite || action == Action::ApproveJoinRequest;
}

std::string_view nameOf(Action action);
std::optional<Action> actionFromName(std::string_view name);

}  // namespace parta::policy
