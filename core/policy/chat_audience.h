#pragma once

#include <string_view>

#include "policy/chat_kind.h"

namespace parta::policy {

// Who a new chat of a kind starts with, besides its creator (its owner). The issue asks that
// a chat be created "with the membership the policy requires: a class chat's class, a direct
// chat's counterpart"; anyone else joins by an invite link.
enum class Audience {
    Nobody,            // the creator alone; others come by link
    StudentsOfClass,   // the students of the chat's class
    ParentsOfClass,    // the parents of those students
    TeachersOfClass,   // the teachers who curate or teach the chat's class
    TeachersOfSchool,  // every teacher of the school
    Counterpart,       // the other person of a direct chat
};

struct AudienceRule {
    ChatKind kind;
    Audience audience;
    std::string_view regulation;
};

// One rule per chat kind, traced to the regulations.
const AudienceRule& audienceRule(ChatKind kind);

std::string_view nameOf(Audience audience);

}  // namespace parta::policy
