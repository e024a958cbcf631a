#include "policy/join_conflict.h"

#include <algorithm>

namespace parta::policy {

std::optional<Reason> joinConflict(const Subject& person, SchoolRole granted, const std::string& classId) {
    const bool holdsOtherThanStudent = std::any_of(person.roles.begin(), person.roles.end(),
                                                   [](SchoolRole role) { return role != SchoolRole::Student; });
    if (granted == SchoolRole::Student) {
        if (holdsOtherThanStudent) return Reason::RoleConflict;
        if (person.has(SchoolRole::Student) && !classId.empty() && !person.studentOf.empty() &&
            person.studentOf != classId) {
            return Reason::RoleConflict;
        }
        return std::nullopt;
    }
    if (person.has(SchoolRole::Student)) return Reason::RoleConflict;
    return std::nullopt;
}

}  // namespace parta::policy
