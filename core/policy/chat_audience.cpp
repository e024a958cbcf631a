#include "policy/chat_audience.h"

#include <array>

namespace parta::policy {

namespace {

// In the order of ChatKind, so a kind is its own index (tests/core/policy_chat_audience_test.cpp).
constexpr std::array<AudienceRule, 9> kAudienceRules = {{
    {ChatKind::SchoolChannel, Audience::Nobody, "000_967e56ec66bd2083.txt §2.1 (системный канал всей школы: читают все без вступления)"},
    {ChatKind::StaffChannel, Audience::Nobody, "000_967e56ec66bd2083.txt §2.1 (системный канал Сотрудники: читают все сотрудники без вступления)"},
    {ChatKind::TeachersRoom, Audience::TeachersOfSchool, "000_967e56ec66bd2083.txt §2.1 (класс «Учительская» с целью присоединения всех педагогических работников)"},
    {ChatKind::ClassChat, Audience::StudentsOfClass, "000_967e56ec66bd2083.txt §2.3, §2.5 (чат класса: классный руководитель и обучающиеся класса)"},
    {ChatKind::ParentsChat, Audience::ParentsOfClass, "000_967e56ec66bd2083.txt §2.3 (чат с родителями обучающихся своего класса)"},
    {ChatKind::ClassTeachersChat, Audience::TeachersOfClass, "000_967e56ec66bd2083.txt §2.3 (чат с педагогами, ведущими занятия в классе)"},
    {ChatKind::SubjectChat, Audience::StudentsOfClass, "000_967e56ec66bd2083.txt §2.4 (чат с обучающимися класса по учебному предмету)"},
    {ChatKind::ManagementChat, Audience::Nobody, "000_967e56ec66bd2083.txt §2.2 (руководитель сам собирает заместителей, педагогов, актив)"},
    {ChatKind::Direct, Audience::Counterpart, "002_208f4b6ae414b082.txt §2 (персональные коммуникации внутри пространства школы)"},
}};

}  // namespace

const AudienceRule& audienceRule(ChatKind kind) { return kAudienceRules[static_cast<std::size_t>(kind)]; }

std::string_view nameOf(Audience audience) {
    switch (audience) {
        case Audience::Nobody: return "nobody";
        case Audience::StudentsOfClass: return "students of the class";
        case Audience::ParentsOfClass: return "parents of the class";
        case Audience::TeachersOfClass: return "teachers of the class";
        case Audience::TeachersOfSchool: return "teachers of the school";
        case Audience::Counterpart: return "the counterpart";
    }
    return "nobody";
}

}  // namespace parta::policy
