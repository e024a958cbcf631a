#include "policy/reason.h"

namespace parta::policy {

std::string_view reasonCode(Reason reason) {
    switch (reason) {
        case Reason::Allowed: return "ALLOWED";
        case Reason::InvalidRequest: return "INVALID_REQUEST";
        case Reason::IncompleteTarget: return "INCOMPLETE_TARGET";
        case Reason::RoleConflict: return "ROLE_CONFLICT";
        case Reason::NotYourClass: return "NOT_YOUR_CLASS";
        case Reason::NotMember: return "NOT_MEMBER";
        case Reason::ReadOnlyMember: return "READ_ONLY_MEMBER";
        case Reason::NotVerified: return "NOT_VERIFIED";
        case Reason::NotClassTeacher: return "NOT_CLASS_TEACHER";
        case Reason::NotTeachingClass: return "NOT_TEACHING_CLASS";
        case Reason::NotChatModerator: return "NOT_CHAT_MODERATOR";
        case Reason::RankTooLow: return "RANK_TOO_LOW";
        case Reason::DirectStaffOnly: return "DIRECT_STAFF_ONLY";
        case Reason::DirectStaffOrOwnChild: return "DIRECT_STAFF_OR_OWN_CHILD";
        case Reason::NotOwnInvite: return "NOT_OWN_INVITE";
        case Reason::AppointmentOnly: return "APPOINTMENT_ONLY";
        case Reason::RoleNotGrantable: return "ROLE_NOT_GRANTABLE";
        case Reason::RoleNotAllowed: return "ROLE_NOT_ALLOWED";
        case Reason::ChannelReadOnly: return "CHANNEL_READ_ONLY";
        case Reason::NotAdmin: return "NOT_ADMIN";
        case Reason::NotAdminOrDirector: return "NOT_ADMIN_OR_DIRECTOR";
    }
    return "ROLE_NOT_ALLOWED";
}

std::optional<Reason> reasonFromCode(std::string_view code) {
    for (const Reason reason : kAllReasons) {
        if (reasonCode(reason) == code) return reason;
    }
    return std::nullopt;
}

// Each sentence says what the rule is, so the person knows whom to ask, not only "no".
LocalizedText reasonMessage(Reason reason) {
    switch (reason) {
        case Reason::Allowed:
            return {"Разрешено.", "Allowed."};
        case Reason::InvalidRequest:
            return {"Запрос на проверку прав составлен неверно.",
                    "The permission check request is malformed."};
        case Reason::IncompleteTarget:
            return {"Не указано, к чему относится действие: чат, класс, участник или роль.",
                    "The action is missing what it applies to: a chat, class, member or role."};
        case Reason::RoleConflict:
            return {"Люди с этой ролью не могут быть участниками такого чата.",
                    "People with this role can never be members of this kind of chat."};
        case Reason::NotYourClass:
            return {"Ученики и родители участвуют только в чатах своего класса.",
                    "Students and parents take part only in the chats of their own class."};
        case Reason::NotMember:
            return {"Вы не участник этого чата.", "You are not a member of this chat."};
        case Reason::ReadOnlyMember:
            return {"В этом чате вы можете только читать.", "You can only read in this chat."};
        case Reason::NotVerified:
            return {"Нужен подтверждённый статус учителя. Обратитесь к администратору школы.",
                    "This needs a verified teacher status. Ask the school administrator."};
        case Reason::NotClassTeacher:
            return {"Это может сделать только классный руководитель этого класса.",
                    "Only the class teacher of this class can do this."};
        case Reason::NotTeachingClass:
            return {"Вы не ведёте уроки в этом классе.", "You do not teach this class."};
        case Reason::NotChatModerator:
            return {"Это могут делать только владелец и модераторы чата.",
                    "Only the owner and moderators of the chat can do this."};
        case Reason::RankTooLow:
            return {"Нельзя ограничить или удалить участника с равными или большими правами.",
                    "You cannot mute or remove a member of equal or higher standing."};
        case Reason::DirectStaffOnly:
            return {"Ученики могут начать личную переписку только с сотрудниками школы.",
                    "Students can start a direct chat only with school staff."};
        case Reason::DirectStaffOrOwnChild:
            return {"Родители могут начать личную переписку только с сотрудниками школы и своими "
                    "детьми.",
                    "Parents can start a direct chat only with school staff and their own children."};
        case Reason::NotOwnInvite:
            return {"Чужие ссылки-приглашения аннулирует только администратор школы.",
                    "Only the school administrator revokes other people's invite links."};
        case Reason::AppointmentOnly:
            return {"Администратор и директор назначаются, а не приглашаются по ссылке.",
                    "Administrators and the director are appointed, never invited by link."};
        case Reason::RoleNotGrantable:
            return {"Вы не можете выдать эту роль для этого места.",
                    "You cannot grant this role for this destination."};
        case Reason::RoleNotAllowed:
            return {"Ваша роль в школе не позволяет это действие.",
                    "Your role in the school does not allow this."};
        case Reason::ChannelReadOnly:
            return {"В этом канале публикуют только администраторы и директор.",
                    "Only administrators and the director post in this channel."};
        case Reason::NotAdmin:
            return {"Это может сделать только администратор школы.",
                    "Only a school administrator can do this."};
        case Reason::NotAdminOrDirector:
            return {"Это могут сделать только администратор школы или директор.",
                    "Only a school administrator or the director can do this."};
    }
    return reasonMessage(Reason::RoleNotAllowed);
}

}  // namespace parta::policy
