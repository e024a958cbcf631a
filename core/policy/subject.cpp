#include "policy/subject.h"

#include <algorithm>

namespace parta::policy {
namespace {

bool contains(const std::vector<std::string>& classes, const std::string& classId) {
    return !classId.empty() && std::find(classes.begin(), classes.end(), classId) != classes.end();
}

}  // namespace

bool Subject::has(SchoolRole role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

bool Subject::isStaff() const {
    return has(SchoolRole::Admin) || has(SchoolRole::Director) || has(SchoolRole::Teacher);
}

// Assignments count only together with the role they belong to: a former teacher keeps no rights.
bool Subject::isClassTeacherOf(const std::string& classId) const {
    return has(SchoolRole::Teacher) && contains(classTeacherOf, classId);
}

bool Subject::teachesClass(const std::string& classId) const {
    return has(SchoolRole::Teacher) && contains(teaches, classId);
}

bool Subject::hasChildIn(const std::string& classId) const {
    return has(SchoolRole::Parent) && !classId.empty() &&
           std::any_of(children.begin(), children.end(), [&](const Child& child) { return child.classId == classId; });
}

bool Subject::isParentOf(const std::string& childUserId) const {
    return has(SchoolRole::Parent) && !childUserId.empty() &&
           std::any_of(children.begin(), children.end(),
                       [&](const Child& child) { return child.userId == childUserId; });
}

bool Subject::operator==(const Subject& other) const {
    return userId == other.userId && roles == other.roles && verified == other.verified &&
           classTeacherOf == other.classTeacherOf && teaches == other.teaches &&
           studentOf == other.studentOf && children == other.children;
}

}  // namespace parta::policy
