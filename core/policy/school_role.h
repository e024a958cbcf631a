#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace parta::policy {

// A person may hold several of these in one school (a teacher who is also a parent).
enum class SchoolRole { Admin, Director, Teacher, Student, Parent };

inline constexpr std::array<SchoolRole, 5> kAllSchoolRoles = {
    SchoolRole::Admin, SchoolRole::Director, SchoolRole::Teacher, SchoolRole::Student, SchoolRole::Parent};

// Stable names used in JSON and in docs/permissions.md.
std::string_view nameOf(SchoolRole role);
std::optional<SchoolRole> schoolRoleFromName(std::string_view name);

}  // namespace parta::policy
