#pragma once

#include <optional>
#include <string>

#include "policy/reason.h"
#include "policy/school_role.h"
#include "policy/subject.h"

namespace parta::policy {

// Whether a person may take `granted` by an invite link or an approved join request, to a
// destination of class `classId` (empty: the school, or a chat of no class), on top of the
// roles their account already holds. Decide judges who lets a role in; this judges who is let
// in: a student's account is a child's and holds no other role, so a parent or a teacher
// account never becomes a student's and a student's never becomes a parent's or a teacher's
// (000 §2.5, §2.7: students and parents have separate chats); and a student belongs to one
// class, so a link to another class does not move them: that is the admin's (001 §3.3.8).
// nullopt when nothing conflicts, else ROLE_CONFLICT.
std::optional<Reason> joinConflict(const Subject& person, SchoolRole granted, const std::string& classId);

}  // namespace parta::policy
