// Who may take a role by an invite link or an approved request (core/policy/join_conflict.h),
// as rows a reader can check against the regulations.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "policy/join_conflict.h"

namespace parta::policy {
namespace {

struct Row {
    const char* who;
    std::vector<SchoolRole> roles;
    std::string studentOf;
    SchoolRole granted;
    std::string classId;
    bool conflicts;
};

TEST(JoinConflict, AStudentsAccountHoldsNoOtherRoleAndALinkNeverMovesAStudent) {
    using R = SchoolRole;
    const std::vector<Row> rows = {
        // who                           holds                 class   takes        to class  conflicts
        {"a new account",                {},                   "",     R::Student,  "5А",     false},
        {"a new account",                {},                   "",     R::Parent,   "5А",     false},
        {"a new account",                {},                   "",     R::Teacher,  "",       false},
        {"a student of 5А",              {R::Student},         "5А",   R::Student,  "5А",     false},
        {"a student of no class yet",    {R::Student},         "",     R::Student,  "5А",     false},
        {"a student of 6Б",              {R::Student},         "6Б",   R::Student,  "5А",     true},
        {"a student of 6Б, to a club",   {R::Student},         "6Б",   R::Student,  "",       false},
        {"a student",                    {R::Student},         "5А",   R::Parent,   "5А",     true},
        {"a student",                    {R::Student},         "5А",   R::Teacher,  "",       true},
        {"a parent",                     {R::Parent},          "",     R::Student,  "5А",     true},
        {"a teacher",                    {R::Teacher},         "",     R::Student,  "5А",     true},
        {"an admin",                     {R::Admin},           "",     R::Student,  "5А",     true},
        {"a teacher",                    {R::Teacher},         "",     R::Parent,   "5А",     false},
        {"a parent",                     {R::Parent},          "",     R::Teacher,  "",       false},
        {"a parent of another class",    {R::Parent},          "",     R::Parent,   "5А",     false},
    };
    for (const Row& row : rows) {
        Subject person;
        person.roles = row.roles;
        person.studentOf = row.studentOf;
        const std::optional<Reason> conflict = joinConflict(person, row.granted, row.classId);
        EXPECT_EQ(conflict.has_value(), row.conflicts) << row.who << " taking " << nameOf(row.granted);
        if (conflict) EXPECT_EQ(*conflict, Reason::RoleConflict);
    }
}

}  // namespace
}  // namespace parta::policy
