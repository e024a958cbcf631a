// Issue 3's rules, sentence by sentence, as rows a reader can check against the issue and
// the regulations (the generated table in policy_table_test.cpp covers every cell).
#include <gtest/gtest.h>

#include "policy/decide.h"
#include "support/test_cases.h"

namespace parta::policy {
namespace {

Subject withRoles(std::vector<SchoolRole> roles) {
    Subject subject;
    subject.userId = "u-" + std::string(nameOf(roles.front()));
    subject.roles = std::move(roles);
    return subject;
}

Subject teacherOf(std::vector<std::string> classTeacherOf, std::vector<std::string> teaches, bool verified = true) {
    Subject subject = withRoles({SchoolRole::Teacher});
    subject.verified = verified;
    subject.classTeacherOf = std::move(classTeacherOf);
    subject.teaches = std::move(teaches);
    return subject;
}

Subject studentOf(const std::string& classId, const std::string& userId = "u-student") {
    Subject subject = withRoles({SchoolRole::Student});
    subject.userId = userId;
    subject.studentOf = classId;
    return subject;
}

Subject parentOf(const std::string& childId, const std::string& classId) {
    Subject subject = withRoles({SchoolRole::Parent});
    subject.children.push_back({childId, classId});
    return subject;
}

Target chat(ChatKind kind, const std::string& classId = "", std::optional<ChatRole> chatRole = std::nullopt) {
    Target target;
    target.chat = kind;
    target.classId = classId;
    target.chatRole = chatRole;
    return target;
}

Target granting(SchoolRole role, Target destination) {
    destination.grantedRole = role;
    return destination;
}

Target withMember(Target target, Subject person, ChatRole chatRole) {
    target.member = ChatMember{std::move(person), chatRole};
    return target;
}

Target directWith(Subject other) {
    Target target = chat(ChatKind::Direct);
    target.counterpart = std::move(other);
    return target;
}

struct RuleRow {
    std::string rule;
    Subject subject;
    Action action;
    Target target;
    std::string expected;  // "ALLOWED" or the deny code
};

const Subject kAdmin = withRoles({SchoolRole::Admin});
const Subject kDirector = withRoles({SchoolRole::Director});
const Subject kClassTeacher5A = teacherOf({"5A"}, {"5A"});
const Subject kSubjectTeacher5A = teacherOf({}, {"5A"});
const Subject kUnverifiedTeacher = teacherOf({"5A"}, {"5A"}, false);
const Subject kStudent5A = studentOf("5A", "u-child");
const Subject kParent5A = parentOf("u-child", "5A");
constexpr auto kMember = ChatRole::Member;

std::vector<RuleRow> ruleRows() {
    return {
        // Channels
        {"everyone in the school reads the school channel", kStudent5A, Action::Read, chat(ChatKind::SchoolChannel), "ALLOWED"},
        {"a parent never reads the staff channel", kParent5A, Action::Read, chat(ChatKind::StaffChannel), "ROLE_CONFLICT"},
        {"a teacher reads the staff channel", kSubjectTeacher5A, Action::Read, chat(ChatKind::StaffChannel), "ALLOWED"},
        {"a verified teacher does not post in the school channel", kClassTeacher5A, Action::Post, chat(ChatKind::SchoolChannel, "", kMember), "CHANNEL_READ_ONLY"},
        {"the director posts in the staff channel", kDirector, Action::Post, chat(ChatKind::StaffChannel), "ALLOWED"},
        // Verification
        {"an unverified teacher reads the teachers room they are in", kUnverifiedTeacher, Action::Read, chat(ChatKind::TeachersRoom, "", kMember), "ALLOWED"},
        {"an unverified teacher does not post there", kUnverifiedTeacher, Action::Post, chat(ChatKind::TeachersRoom, "", kMember), "NOT_VERIFIED"},
        {"an unverified class teacher does not create their class chat", kUnverifiedTeacher, Action::CreateChat, chat(ChatKind::ClassChat, "5A"), "NOT_VERIFIED"},
        // Creating chats
        {"a class teacher creates the parents chat of their class", kClassTeacher5A, Action::CreateChat, chat(ChatKind::ParentsChat, "5A"), "ALLOWED"},
        {"a class teacher does not create the class chat of another class", kClassTeacher5A, Action::CreateChat, chat(ChatKind::ClassChat, "6B"), "NOT_CLASS_TEACHER"},
        {"a subject teacher creates a subject chat for a class they teach", kSubjectTeacher5A, Action::CreateChat, chat(ChatKind::SubjectChat, "5A"), "ALLOWED"},
        {"a subject teacher does not create a subject chat for a class they do not teach", kSubjectTeacher5A, Action::CreateChat, chat(ChatKind::SubjectChat, "6B"), "NOT_TEACHING_CLASS"},
        {"the director creates management chats", kDirector, Action::CreateChat, chat(ChatKind::ManagementChat), "ALLOWED"},
        {"a teacher does not create the teachers room", kClassTeacher5A, Action::CreateChat, chat(ChatKind::TeachersRoom), "ROLE_NOT_ALLOWED"},
        {"an admin creates the teachers room", kAdmin, Action::CreateChat, chat(ChatKind::TeachersRoom), "ALLOWED"},
        // Invite links
        {"only admins grant teacher", kClassTeacher5A, Action::CreateInvite, granting(SchoolRole::Teacher, chat(ChatKind::TeachersRoom)), "ROLE_NOT_GRANTABLE"},
        {"an admin grants teacher to the teachers room", kAdmin, Action::CreateInvite, granting(SchoolRole::Teacher, chat(ChatKind::TeachersRoom)), "ALLOWED"},
        {"nobody grants director by link", kAdmin, Action::CreateInvite, granting(SchoolRole::Director, Target{}), "APPOINTMENT_ONLY"},
        {"a class teacher grants student to their class", kClassTeacher5A, Action::CreateInvite, granting(SchoolRole::Student, [] { Target t; t.classId = "5A"; return t; }()), "ALLOWED"},
        {"a class teacher grants parent to their parents chat", kClassTeacher5A, Action::CreateInvite, granting(SchoolRole::Parent, chat(ChatKind::ParentsChat, "5A")), "ALLOWED"},
        {"a link cannot put a parent into a class chat", kClassTeacher5A, Action::CreateInvite, granting(SchoolRole::Parent, chat(ChatKind::ClassChat, "5A")), "ROLE_CONFLICT"},
        {"a subject teacher grants student to their own subject chat", kSubjectTeacher5A, Action::CreateInvite, granting(SchoolRole::Student, chat(ChatKind::SubjectChat, "5A", ChatRole::Owner)), "ALLOWED"},
        {"students never create links", kStudent5A, Action::CreateInvite, granting(SchoolRole::Student, chat(ChatKind::ClassChat, "5A", kMember)), "ROLE_NOT_ALLOWED"},
        {"approving a join request follows the grant rules", kSubjectTeacher5A, Action::ApproveJoinRequest, granting(SchoolRole::Parent, chat(ChatKind::ParentsChat, "5A")), "NOT_CLASS_TEACHER"},
        // Membership by role
        {"a student does not read a class chat of another class even if listed in it", studentOf("6B"), Action::Read, chat(ChatKind::ClassChat, "5A", kMember), "NOT_YOUR_CLASS"},
        {"a student is never in the class teachers chat", kStudent5A, Action::Read, chat(ChatKind::ClassTeachersChat, "5A", kMember), "ROLE_CONFLICT"},
        {"a parent posts in the parents chat of their child's class", kParent5A, Action::Post, chat(ChatKind::ParentsChat, "5A", kMember), "ALLOWED"},
        {"a read-only member does not post", kStudent5A, Action::Post, chat(ChatKind::ClassChat, "5A", ChatRole::ReadOnly), "READ_ONLY_MEMBER"},
        // Moderation
        {"the class teacher deletes messages in the chats of their class", kClassTeacher5A, Action::DeleteAny, chat(ChatKind::ParentsChat, "5A"), "ALLOWED"},
        {"a plain member does not delete others' messages", kStudent5A, Action::DeleteAny, chat(ChatKind::ClassChat, "5A", kMember), "NOT_CHAT_MODERATOR"},
        {"a student moderator does not mute a teacher", kStudent5A, Action::MuteMember, withMember(chat(ChatKind::ClassChat, "5A", ChatRole::Moderator), kSubjectTeacher5A, kMember), "RANK_TOO_LOW"},
        {"a chat moderator mutes a student", kStudent5A, Action::MuteMember, withMember(chat(ChatKind::ClassChat, "5A", ChatRole::Moderator), studentOf("5A", "u-other"), kMember), "ALLOWED"},
        {"an admin removes a member from any group chat", kAdmin, Action::RemoveMember, withMember(chat(ChatKind::SubjectChat, "6B"), studentOf("6B"), kMember), "ALLOWED"},
        {"an admin does not remove the director", kAdmin, Action::RemoveMember, withMember(chat(ChatKind::ManagementChat), kDirector, kMember), "RANK_TOO_LOW"},
        {"an admin does not moderate a direct chat they are not in", kAdmin, Action::DeleteAny, chat(ChatKind::Direct), "NOT_MEMBER"},
        // Direct chats
        {"staff start a direct chat with anyone", kClassTeacher5A, Action::CreateChat, directWith(studentOf("6B")), "ALLOWED"},
        {"a student starts a direct chat with staff", kStudent5A, Action::CreateChat, directWith(kSubjectTeacher5A), "ALLOWED"},
        {"a student does not start a direct chat with another student", kStudent5A, Action::CreateChat, directWith(studentOf("5A", "u-other")), "DIRECT_STAFF_ONLY"},
        {"a parent starts a direct chat with their own child", kParent5A, Action::CreateChat, directWith(kStudent5A), "ALLOWED"},
        {"a parent does not start a direct chat with another student", kParent5A, Action::CreateChat, directWith(studentOf("5A", "u-other")), "DIRECT_STAFF_OR_OWN_CHILD"},
        // Administration
        {"only admins verify teachers", kDirector, Action::VerifyTeacher, Target{}, "NOT_ADMIN"},
        {"the director appoints admins", kDirector, Action::AppointAdmin, Target{}, "ALLOWED"},
        {"a teacher does not see activity stats", kClassTeacher5A, Action::ViewActivityStats, Target{}, "NOT_ADMIN_OR_DIRECTOR"},
        {"a teacher revokes their own link", kClassTeacher5A, Action::RevokeInvite, [] { Target t; t.ownInvite = true; return t; }(), "ALLOWED"},
        {"a teacher does not revoke someone else's link", kClassTeacher5A, Action::RevokeInvite, Target{}, "NOT_OWN_INVITE"},
        {"an admin revokes any link", kAdmin, Action::RevokeInvite, Target{}, "ALLOWED"},
        {"an admin signs a person out everywhere", kAdmin, Action::EndSessions, Target{}, "ALLOWED"},
        {"the director does not end other people's sessions", kDirector, Action::EndSessions, Target{}, "NOT_ADMIN"},
        {"an admin reads the audit log", kAdmin, Action::ViewAuditLog, Target{}, "ALLOWED"},
        {"a class teacher does not read the audit log", kClassTeacher5A, Action::ViewAuditLog, Target{}, "NOT_ADMIN"},
        {"an admin moves a student to another class", kAdmin, Action::MoveStudent, Target{}, "ALLOWED"},
        {"a class teacher does not move students between classes", kClassTeacher5A, Action::MoveStudent, Target{}, "NOT_ADMIN"},
        {"an admin keeps a class's roster", kAdmin, Action::ManageRoster, Target{}, "ALLOWED"},
        {"the director does not edit rosters", kDirector, Action::ManageRoster, Target{}, "NOT_ADMIN"},
        {"the director sees the school's people, to appoint an admin among its teachers", kDirector, Action::ViewPeople, Target{}, "ALLOWED"},
        {"a teacher does not list the school's people", kClassTeacher5A, Action::ViewPeople, Target{}, "NOT_ADMIN_OR_DIRECTOR"},
        // Targets
        {"a class chat without its class cannot be judged", kClassTeacher5A, Action::CreateChat, chat(ChatKind::ClassChat), "INCOMPLETE_TARGET"},
    };
}

class PolicyRule : public ::testing::TestWithParam<RuleRow> {};

TEST_P(PolicyRule, DecidesAsTheIssueSays) {
    const RuleRow& row = GetParam();
    const Decision decision = decide(row.subject, row.action, row.target);
    EXPECT_EQ(reasonCode(decision.reason), row.expected) << row.rule;
    EXPECT_EQ(decision.allowed, row.expected == "ALLOWED") << row.rule;
}

INSTANTIATE_TEST_SUITE_P(Issue3, PolicyRule, ::testing::ValuesIn(ruleRows()),
                         [](const ::testing::TestParamInfo<RuleRow>& info) {
                             return testing::testNameFromSentence(info.param.rule);
                         });

}  // namespace
}  // namespace parta::policy

namespace parta::policy {
namespace {

TEST(ChannelPolicy, OnlyTheSchoolsChannelsAreReadWithoutJoining) {
    for (const ChatKind kind : kAllChatKinds) {
        const bool channel = kind == ChatKind::SchoolChannel || kind == ChatKind::StaffChannel;
        EXPECT_EQ(readableWithoutMembership(kind), channel) << nameOf(kind);
    }
}

}  // namespace
}  // namespace parta::policy
