// The stable names of the policy's enums: JSON, the wasm API and docs/permissions.md use them.
#include "policy/action.h"
#include "policy/chat_kind.h"
#include "policy/chat_role.h"
#include "policy/school_role.h"

namespace parta::policy {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> fromName(const std::array<Enum, N>& all, std::string_view name) {
    for (const Enum value : all) {
        if (nameOf(value) == name) return value;
    }
    return std::nullopt;
}

}  // namespace

std::string_view nameOf(SchoolRole role) {
    switch (role) {
        case SchoolRole::Admin: return "admin";
        case SchoolRole::Director: return "director";
        case SchoolRole::Teacher: return "teacher";
        case SchoolRole::Student: return "student";
        case SchoolRole::Parent: return "parent";
    }
    return "student";
}

std::string_view nameOf(ChatKind kind) {
    switch (kind) {
        case ChatKind::SchoolChannel: return "school_channel";
        case ChatKind::StaffChannel: return "staff_channel";
        case ChatKind::TeachersRoom: return "teachers_room";
        case ChatKind::ClassChat: return "class_chat";
        case ChatKind::ParentsChat: return "parents_chat";
        case ChatKind::ClassTeachersChat: return "class_teachers_chat";
        case ChatKind::SubjectChat: return "subject_chat";
        case ChatKind::ManagementChat: return "management_chat";
        case ChatKind::Direct: return "direct";
    }
    return "direct";
}

std::string_view nameOf(ChatRole role) {
    switch (role) {
        case ChatRole::Owner: return "owner";
        case ChatRole::Moderator: return "moderator";
        case ChatRole::Member: return "member";
        case ChatRole::ReadOnly: return "readonly";
    }
    return "readonly";
}

std::string_view nameOf(Action action) {
    switch (action) {
        case Action::Read: return "read";
        case Action::Post: return "post";
        case Action::PostPoll: return "post_poll";
        case Action::AttachFile: return "attach_file";
        case Action::EditOwn: return "edit_own";
        case Action::DeleteOwn: return "delete_own";
        case Action::DeleteAny: return "delete_any";
        case Action::Pin: return "pin";
        case Action::MuteMember: return "mute_member";
        case Action::RemoveMember: return "remove_member";
        case Action::CreateChat: return "create_chat";
        case Action::CreateInvite: return "create_invite";
        case Action::RevokeInvite: return "revoke_invite";
        case Action::ApproveJoinRequest: return "approve_join_request";
        case Action::VerifyTeacher: return "verify_teacher";
        case Action::AssignClassTeacher: return "assign_class_teacher";
        case Action::AppointAdmin: return "appoint_admin";
        case Action::CreateClass: return "create_class";
        case Action::ViewActivityStats: return "view_activity_stats";
        case Action::Broadcast: return "broadcast";
        case Action::EndSessions: return "end_sessions";
        case Action::ViewAuditLog: return "view_audit_log";
        case Action::MoveStudent: return "move_student";
        case Action::ManageRoster: return "manage_roster";
        case Action::ViewPeople: return "view_people";
    }
    return "read";
}

std::optional<SchoolRole> schoolRoleFromName(std::string_view name) { return fromName(kAllSchoolRoles, name); }
std::optional<ChatKind> chatKindFromName(std::string_view name) { return fromName(kAllChatKinds, name); }
std::optional<ChatRole> chatRoleFromName(std::string_view name) { return fromName(kAllChatRoles, name); }
std::optional<Action> actionFromName(std::string_view name) { return fromName(kAllActions, name); }

}  // namespace parta::policy
