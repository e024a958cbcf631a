#pragma once

#include <string>
#include <vector>

#include "policy/school_role.h"

namespace parta::policy {

struct Child {
    std::string userId;
    std::string classId;

    bool operator==(const Child& other) const { return userId == other.userId && classId == other.classId; }
};

// Who acts: their roles in the school and the assignments the rules look at.
struct Subject {
    std::string userId;
    std::vector<SchoolRole> roles;
    bool verified = false;                    // «подтверждённый статус учителя»
    std::vector<std::string> classTeacherOf;  // classes the person curates
    std::vector<std::string> teaches;         // classes the person teaches a subject in
    std::string studentOf;                    // the person's own class, when a student
    std::vector<Child> children;              // when a parent

    bool has(SchoolRole role) const;
    bool isStaff() const;  // admin, director or teacher
    bool isClassTeacherOf(const std::string& classId) const;
    bool teachesClass(const std::string& classId) const;
    bool hasChildIn(const std::string& classId) const;
    bool isParentOf(const std::string& userId) const;

    bool operator==(const Subject& other) const;
};

}  // namespace parta::policy
