#include "policy/permission_table.h"

namespace parta::policy {

bool covers(Who who, const Subject& subject) {
    switch (who) {
        case Who::Admin: return subject.has(SchoolRole::Admin);
        case Who::Director: return subject.has(SchoolRole::Director);
        case Who::Teacher: return subject.has(SchoolRole::Teacher);
        case Who::Student: return subject.has(SchoolRole::Student);
        case Who::Parent: return subject.has(SchoolRole::Parent);
        case Who::Staff: return subject.isStaff();
        case Who::Everyone: return !subject.roles.empty();
    }
    return false;
}

std::string_view nameOf(Who who) {
    switch (who) {
        case Who::Admin: return "admin";
        case Who::Director: return "director";
        case Who::Teacher: return "teacher";
        case Who::Student: return "student";
        case Who::Parent: return "parent";
        case Who::Staff: return "staff (admin, director, teacher)";
        case Who::Everyone: return "everyone in the school";
    }
    return "everyone in the school";
}

Place placeOf(ChatKind kind) {
    switch (kind) {
        case ChatKind::SchoolChannel: return Place::SchoolChannel;
        case ChatKind::StaffChannel: return Place::StaffChannel;
        case ChatKind::TeachersRoom: return Place::TeachersRoom;
        case ChatKind::ClassChat: return Place::ClassChat;
        case ChatKind::ParentsChat: return Place::ParentsChat;
        case ChatKind::ClassTeachersChat: return Place::ClassTeachersChat;
        case ChatKind::SubjectChat: return Place::SubjectChat;
        case ChatKind::ManagementChat: return Place::ManagementChat;
        case ChatKind::Direct: return Place::Direct;
    }
    return Place::Direct;
}

Place placeOf(const Target& target) {
    if (target.chat) return placeOf(*target.chat);
    return target.classId.empty() ? Place::School : Place::Class;
}

std::string_view nameOf(Place place) {
    switch (place) {
        case Place::School: return "school";
        case Place::Class: return "class";
        case Place::SchoolChannel: return nameOf(ChatKind::SchoolChannel);
        case Place::StaffChannel: return nameOf(ChatKind::StaffChannel);
        case Place::TeachersRoom: return nameOf(ChatKind::TeachersRoom);
        case Place::ClassChat: return nameOf(ChatKind::ClassChat);
        case Place::ParentsChat: return nameOf(ChatKind::ParentsChat);
        case Place::ClassTeachersChat: return nameOf(ChatKind::ClassTeachersChat);
        case Place::SubjectChat: return nameOf(ChatKind::SubjectChat);
        case Place::ManagementChat: return nameOf(ChatKind::ManagementChat);
        case Place::Direct: return nameOf(ChatKind::Direct);
    }
    return "school";
}

const std::vector<RequirementCheck>& requirementChecks() {
    static const std::vector<RequirementCheck> checks = {
        {need::Member, RequirementKind::Qualification, Reason::NotMember, "member of the chat"},
        {need::CanWrite, RequirementKind::Qualification, Reason::ReadOnlyMember, "not read-only in the chat"},
        {need::Verified, RequirementKind::Qualification, Reason::NotVerified, "verified teacher status"},
        {need::ClassTeacherOfClass, RequirementKind::Qualification, Reason::NotClassTeacher, "class teacher of the chat's class"},
        {need::TeachesClass, RequirementKind::Qualification, Reason::NotTeachingClass, "teaches the chat's class"},
        {need::ChatModerator, RequirementKind::Qualification, Reason::NotChatModerator, "owner or moderator of the chat"},
        {need::Outranks, RequirementKind::OtherParty, Reason::RankTooLow, "higher standing than the other member"},
        {need::CounterpartStaff, RequirementKind::OtherParty, Reason::DirectStaffOnly, "the other person is staff"},
        {need::CounterpartStaffOrOwnChild, RequirementKind::OtherParty, Reason::DirectStaffOrOwnChild,
         "the other person is staff or the parent's own child"},
        {need::OwnInvite, RequirementKind::OtherParty, Reason::NotOwnInvite, "the link is the subject's own"},
    };
    return checks;
}

const std::vector<PermissionRule>& permissionRules() {
    static const std::vector<PermissionRule> rules = {
        // who may          do what                  where                         when                                             why (regulation)
        // Reading. Chats other than the channels are read by their members; the membership
        // rules below keep students and parents out of other classes and staff rooms.
        {Who::Everyone, acts::Read, where::SchoolChannel, need::Always, "000_967e56ec66bd2083.txt §2.1 (системные каналы: Общешкольный канал)"},
        {Who::Staff, acts::Read, where::StaffChannel, need::Always, "000_967e56ec66bd2083.txt §2.1 (системные каналы: канал Сотрудники)"},
        {Who::Staff, acts::Read, where::TeachersRoom, need::Member, "000_967e56ec66bd2083.txt §2.1 (класс «Учительская» для всех педагогических работников)"},
        {Who::Everyone, acts::Read, where::ClassChat | where::SubjectChat, need::Member, "000_967e56ec66bd2083.txt §2.5 (чат класса и чаты по учебным дисциплинам)"},
        {Who::Everyone, acts::Read, where::ParentsChat, need::Member, "000_967e56ec66bd2083.txt §2.7 (родитель участвует в коммуникации в чате)"},
        {Who::Everyone, acts::Read, where::ClassTeachersChat, need::Member, "000_967e56ec66bd2083.txt §2.3 (чат с педагогами, ведущими занятия в классе)"},
        {Who::Everyone, acts::Read, where::ManagementChat, need::Member, "000_967e56ec66bd2083.txt §2.2 (чаты руководителя с заместителями, педагогами, активом)"},
        {Who::Everyone, acts::Read, where::Direct, need::Member, "001_acba6f732bb2bae0.txt §2.2 (персональные коммуникации)"},

        // Writing. Channels are written by the admins and the director only.
        {Who::Admin, acts::Write, where::Channels, need::Always, "000_967e56ec66bd2083.txt §2.1 (ведет, размещает информацию в системных каналах); 001_acba6f732bb2bae0.txt §3.3.10"},
        {Who::Director, acts::Write, where::Channels, need::Always, "001_acba6f732bb2bae0.txt §2.4 (директору доступно информирование участников)"},
        {Who::Admin, acts::Write, where::ChatsNotChannels, need::Member | need::CanWrite, "001_acba6f732bb2bae0.txt §3.3.5 (создает чаты с участниками)"},
        {Who::Director, acts::Write, where::ChatsNotChannels, need::Member | need::CanWrite, "000_967e56ec66bd2083.txt §2.2 (коммуникационное взаимодействие в чатах)"},
        {Who::Teacher, acts::Write, where::ChatsNotChannels, need::Member | need::CanWrite | need::Verified, "001_acba6f732bb2bae0.txt §2.5 (с обязательным подтверждением роли «учитель»)"},
        {Who::Student, acts::Write, where::ClassChat | where::SubjectChat, need::Member | need::CanWrite, "000_967e56ec66bd2083.txt §2.5 (участвует в коммуникации в чате класса и по дисциплинам)"},
        {Who::Student, acts::Write, where::ManagementChat | where::Direct, need::Member | need::CanWrite, "000_967e56ec66bd2083.txt §2.2 (чат с ученическим активом); 001_acba6f732bb2bae0.txt §2.9"},
        {Who::Parent, acts::Write, where::ParentsChat, need::Member | need::CanWrite, "000_967e56ec66bd2083.txt §2.7 (участвует в коммуникации в чате)"},
        {Who::Parent, acts::Write, where::ManagementChat | where::Direct, need::Member | need::CanWrite, "000_967e56ec66bd2083.txt §2.2 (чат с родительским активом); 001_acba6f732bb2bae0.txt §2.10"},

        // Moderation: delete_any and pin.
        {Who::Teacher, acts::Moderate, where::ClassBound, need::Verified | need::ClassTeacherOfClass, "001_acba6f732bb2bae0.txt §3.4.7 (классный руководитель отвечает за модерацию)"},
        {Who::Everyone, acts::Moderate, where::GroupChats, need::ChatModerator, "003_fd6978b9d158a3b4.txt §2.2 (осуществлять модерирование данных чатов)"},
        {Who::Admin, acts::Moderate, where::GroupChats, need::Always, "003_fd6978b9d158a3b4.txt §2.1 (общешкольные чаты: управлять ими); 004_2478cd3cd6f86b55.txt §2.1"},
        {Who::Admin, acts::Moderate, where::Direct, need::Member, "001_acba6f732bb2bae0.txt §2.3 (закрытое пространство: чужие личные чаты закрыты)"},

        // Mute and remove: the same people, and only over members of lower standing.
        {Who::Teacher, acts::MuteOrRemove, where::ClassBound, need::Verified | need::ClassTeacherOfClass | need::Outranks, "001_acba6f732bb2bae0.txt §3.4.7 (модерация и блокировка)"},
        {Who::Everyone, acts::MuteOrRemove, where::GroupChats, need::ChatModerator | need::Outranks, "003_fd6978b9d158a3b4.txt §2.2 (осуществлять модерирование данных чатов)"},
        {Who::Admin, acts::MuteOrRemove, where::GroupChats, need::Outranks, "003_fd6978b9d158a3b4.txt §2.1 (общешкольные чаты: управлять ими); 004_2478cd3cd6f86b55.txt §2.1"},
        {Who::Admin, acts::MuteOrRemove, where::Direct, need::Member | need::Outranks, "001_acba6f732bb2bae0.txt §2.3 (закрытое пространство: чужие личные чаты закрыты)"},

        // Creating chats.
        {Who::Admin, acts::CreateChat, where::Channels, need::Always, "000_967e56ec66bd2083.txt §2.1 (системные каналы: Общешкольный канал, канал Сотрудники)"},
        {Who::Admin, acts::CreateChat, where::TeachersRoom, need::Always, "000_967e56ec66bd2083.txt §2.1 (создает класс «Учительская»)"},
        {Who::Admin, acts::CreateChat, where::ManagementChat, need::Always, "003_fd6978b9d158a3b4.txt §2.1 (создавать общешкольные чаты школы)"},
        {Who::Director, acts::CreateChat, where::ManagementChat, need::Always, "000_967e56ec66bd2083.txt §2.2 (чаты руководителя для управленческих задач)"},
        {Who::Teacher, acts::CreateChat, where::ClassChat | where::ParentsChat | where::ClassTeachersChat, need::Verified | need::ClassTeacherOfClass, "000_967e56ec66bd2083.txt §2.3 (классный руководитель создает чаты своего класса)"},
        {Who::Teacher, acts::CreateChat, where::SubjectChat, need::Verified | need::TeachesClass, "000_967e56ec66bd2083.txt §2.4 (чат с обучающимися класса по учебному предмету)"},
        {Who::Admin, acts::CreateChat, where::Direct, need::Always, "002_208f4b6ae414b082.txt §2 (персональные коммуникации внутри пространства школы)"},
        {Who::Director, acts::CreateChat, where::Direct, need::Always, "002_208f4b6ae414b082.txt §4 (коммуникации руководителя с участниками)"},
        {Who::Teacher, acts::CreateChat, where::Direct, need::Verified, "001_acba6f732bb2bae0.txt §2.5 (с обязательным подтверждением роли «учитель»)"},
        {Who::Student, acts::CreateChat, where::Direct, need::CounterpartStaff, "001_acba6f732bb2bae0.txt §2.9 (коммуникации в чатах с учителями)"},
        {Who::Parent, acts::CreateChat, where::Direct, need::CounterpartStaffOrOwnChild, "002_208f4b6ae414b082.txt §5 (коммуникация между учителем и родителями)"},

        // Administration of the school.
        {Who::Admin, acts::RevokeInvite, where::Anywhere, need::Always, "001_acba6f732bb2bae0.txt §3.3.9 (аннулирует невостребованные ссылки-приглашения)"},
        {Who::Staff, acts::RevokeInvite, where::Anywhere, need::OwnInvite, "000_967e56ec66bd2083.txt §2.1 (аннулирование ссылок для информационной безопасности)"},
        {Who::Admin, acts::VerifyTeacher, where::Anywhere, need::Always, "000_967e56ec66bd2083.txt §2.1 (завершает процесс подтверждения статуса «учитель»)"},
        {Who::Admin, acts::AssignClassTeacher, where::Anywhere, need::Always, "001_acba6f732bb2bae0.txt §3.3.7 (прикрепляет классных руководителей); 003_fd6978b9d158a3b4.txt §2.1 (закреплять за каждым классом учетные записи классного руководителя и учителей)"},
        {Who::Admin, acts::MoveStudent, where::Anywhere, need::Always, "001_acba6f732bb2bae0.txt §3.3.8 (редактирует информацию, связанную с движением обучающихся)"},
        {Who::Admin, acts::ManageRoster, where::Anywhere, need::Always, "003_fd6978b9d158a3b4.txt §2.1 (проводить сверку базы данных по наполнению учеников 1 раз в квартал)"},
        {Who::Admin, acts::ViewPeople, where::Anywhere, need::Always, "001_acba6f732bb2bae0.txt §3.3.8 (редактирует информацию, связанную с движением обучающихся и педагогических работников)"},
        {Who::Director, acts::ViewPeople, where::Anywhere, need::Always, "000_967e56ec66bd2083.txt §2.2 (назначает администратора платформы из числа педагогических работников)"},
        {Who::Admin, acts::CreateClass, where::Anywhere, need::Always, "003_fd6978b9d158a3b4.txt §2.1 (создавать классы)"},
        {Who::Admin, acts::ViewAuditLog, where::Anywhere, need::Always, "000_967e56ec66bd2083.txt §2.1 (координирует процессы по использованию платформы; информационная безопасность участников)"},
        {Who::Admin, acts::EndSessions, where::Anywhere, need::Always, "001_acba6f732bb2bae0.txt §4.2.2 (о несанкционированном доступе к аккаунту сообщают администратору ОУ)"},
        {Who::Admin, acts::AppointAdmin, where::Anywhere, need::Always, "000_967e56ec66bd2083.txt §2.1 (назначает дополнительных администраторов)"},
        {Who::Director, acts::AppointAdmin, where::Anywhere, need::Always, "000_967e56ec66bd2083.txt §2.2 (назначает администратора платформы)"},
        {Who::Admin, acts::ViewActivityStats, where::Anywhere, need::Always, "001_acba6f732bb2bae0.txt §3.3.12 (статистические данные по использованию)"},
        {Who::Director, acts::ViewActivityStats, where::Anywhere, need::Always, "004_2478cd3cd6f86b55.txt §2.2 (анализирует данные по результативности)"},
        {Who::Admin, acts::Broadcast, where::Anywhere, need::Always, "000_967e56ec66bd2083.txt §2.1 (планирует, организует трансляции); 003_fd6978b9d158a3b4.txt §2.1"},
        {Who::Director, acts::Broadcast, where::Anywhere, need::Always, "002_208f4b6ae414b082.txt §4 (руководителю доступно проведение школьных мероприятий)"},
    };
    return rules;
}

const std::vector<GrantRule>& grantRules() {
    static const std::vector<GrantRule> rules = {
        // who may grant    which role            to where                                  when                                                   why (regulation)
        {Who::Admin, SchoolRole::Teacher, where::School | where::TeachersRoom, need::Always, "000_967e56ec66bd2083.txt §2.1 (ссылки-приглашения с пользовательской ролью; класс «Учительская»)"},
        {Who::Admin, SchoolRole::Student, where::Class | where::ClassChat, need::Always, "001_acba6f732bb2bae0.txt §3.3.6 (ссылки-приглашения для обучающихся)"},
        {Who::Admin, SchoolRole::Parent, where::ParentsChat, need::Always, "000_967e56ec66bd2083.txt §2.7 (ссылка от представителя администрации)"},
        {Who::Admin, SchoolRole::Student, where::ManagementChat, need::ChatModerator, "004_2478cd3cd6f86b55.txt §2.1 (создает и ведет общие чаты)"},
        {Who::Admin, SchoolRole::Parent, where::ManagementChat, need::ChatModerator, "004_2478cd3cd6f86b55.txt §2.1 (создает и ведет общие чаты)"},
        {Who::Teacher, SchoolRole::Student, where::Class | where::ClassChat, need::Verified | need::ClassTeacherOfClass, "003_fd6978b9d158a3b4.txt §2.2 (приглашать обучающихся своего класса); 001_acba6f732bb2bae0.txt §3.4.5"},
        {Who::Teacher, SchoolRole::Parent, where::ParentsChat, need::Verified | need::ClassTeacherOfClass, "000_967e56ec66bd2083.txt §2.7 (ссылка от классного руководителя)"},
        {Who::Teacher, SchoolRole::Student, where::SubjectChat, need::Verified | need::TeachesClass | need::ChatModerator, "000_967e56ec66bd2083.txt §2.5 (по ссылке-приглашению, полученной от учителя)"},
        {Who::Director, SchoolRole::Student, where::ManagementChat, need::ChatModerator, "000_967e56ec66bd2083.txt §2.2 (чат руководителя с ученическим активом)"},
        {Who::Director, SchoolRole::Parent, where::ManagementChat, need::ChatModerator, "000_967e56ec66bd2083.txt §2.2 (чат руководителя с родительским активом)"},
    };
    return rules;
}

const std::vector<AppointedRole>& appointedRoles() {
    static const std::vector<AppointedRole> roles = {
        {SchoolRole::Admin, "000_967e56ec66bd2083.txt §2.1 (администратор назначается приказом; назначает дополнительных администраторов)"},
        {SchoolRole::Director, "000_967e56ec66bd2083.txt §2.2 (администрация назначает, а не приглашается)"},
    };
    return roles;
}

const std::vector<MembershipRule>& membershipRules() {
    static const std::vector<MembershipRule> rules = {
        // role               chats                                                                          membership                  why (regulation)
        {SchoolRole::Parent, where::ClassChat | where::SubjectChat | where::ClassTeachersChat | where::TeachersRoom | where::StaffChannel, Membership::Never, "000_967e56ec66bd2083.txt §2.7 (родитель участвует в чате родителей)"},
        {SchoolRole::Student, where::ParentsChat | where::ClassTeachersChat | where::TeachersRoom | where::StaffChannel, Membership::Never, "000_967e56ec66bd2083.txt §2.5 (чат класса и чаты по учебным дисциплинам)"},
        {SchoolRole::Student, where::ClassChat | where::SubjectChat, Membership::OwnClassOnly, "000_967e56ec66bd2083.txt §2.5 (чат своего класса); 002_208f4b6ae414b082.txt §2 (посторонние не могут присоединиться к чату класса)"},
        {SchoolRole::Parent, where::ParentsChat, Membership::OwnClassOnly, "000_967e56ec66bd2083.txt §2.3 (чат с родителями обучающихся своего класса)"},
    };
    return rules;
}

const std::vector<FallbackRule>& fallbackRules() {
    static const std::vector<FallbackRule> rules = {
        {acts::Write, where::Channels, Reason::ChannelReadOnly, "000_967e56ec66bd2083.txt §2.1 (системные каналы ведет администратор)"},
        {acts::VerifyTeacher | acts::AssignClassTeacher | acts::CreateClass | acts::RevokeInvite | acts::EndSessions | acts::ViewAuditLog | acts::MoveStudent | acts::ManageRoster, where::Anywhere, Reason::NotAdmin, "000_967e56ec66bd2083.txt §2.1 (действия администратора)"},
        {acts::AppointAdmin | acts::ViewActivityStats | acts::Broadcast | acts::ViewPeople, where::Anywhere, Reason::NotAdminOrDirector, "000_967e56ec66bd2083.txt §2.1, §2.2 (администратор и администрация)"},
    };
    return rules;
}

const std::vector<StandingLevel>& standingLevels() {
    static const std::vector<StandingLevel> levels = {
        {StandingSource::Director, 100, "director", "000_967e56ec66bd2083.txt §2.1 (администратор назначается руководителем)"},
        {StandingSource::Admin, 90, "admin", "003_fd6978b9d158a3b4.txt §2.1 (управляет общешкольными чатами)"},
        {StandingSource::ChatOwner, 60, "owner of the chat", "004_2478cd3cd6f86b55.txt §2.3 (создает и ведет чаты группы)"},
        {StandingSource::ClassTeacherOfChat, 60, "class teacher of the chat's class", "001_acba6f732bb2bae0.txt §3.4.7 (отвечает за модерацию чата класса)"},
        {StandingSource::Staff, 40, "other staff", "001_acba6f732bb2bae0.txt §2.5 (педагогический работник)"},
        {StandingSource::ChatModerator, 30, "moderator of the chat", "003_fd6978b9d158a3b4.txt §2.2 (модерирование чатов)"},
        {StandingSource::ChatMember, 10, "member", "001_acba6f732bb2bae0.txt §4.1 (права участников)"},
    };
    return levels;
}

}  // namespace parta::policy
