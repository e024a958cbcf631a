// Client::allowedActions puts the synced profile, chat and membership through core/policy:
// the UI shapes itself from these answers and repeats no rule.
#include <gtest/gtest.h>

#include <algorithm>

#include "client/client.h"
#include "policy/decide.h"
#include "support/sync_fixtures.h"

namespace parta {
namespace {

using policy::Action;
using testing::chatEvent;
using testing::meEvent;
using testing::membershipEvent;
using testing::page;

constexpr std::int64_t kParentsChat5A = 1;
constexpr std::int64_t kParentsChat6B = 2;
constexpr std::int64_t kSchoolChannel = 3;

const nlohmann::json kParentOf5A = {
    {"userId", 7}, {"roles", {"parent"}}, {"children", {{{"userId", 40}, {"classId", "5A"}}}}};
const nlohmann::json kClassTeacherOf5A = {
    {"userId", 3}, {"roles", {"teacher"}}, {"verified", true}, {"classTeacherOf", {"5A"}}, {"teaches", {"5A"}}};
const nlohmann::json kStudentOf5A = {{"userId", 40}, {"roles", {"student"}}, {"studentOf", "5A"}};

bool has(const std::vector<Action>& actions, Action action) {
    return std::find(actions.begin(), actions.end(), action) != actions.end();
}

// A client signed in as `me`, holding three chats in which `me` has `role`.
class ClientPolicy : public ::testing::Test {
protected:
    void signIn(const nlohmann::json& me, const std::string& role) {
        const std::int64_t userId = me.at("userId").get<std::int64_t>();
        const auto events = nlohmann::json::array(
            {meEvent(me), chatEvent(kParentsChat5A, "Родители 5А", "parents_chat", "5A"),
             chatEvent(kParentsChat6B, "Родители 6Б", "parents_chat", "6B"),
             chatEvent(kSchoolChannel, "Школа", "school_channel", ""), membershipEvent(kParentsChat5A, userId, role),
             membershipEvent(kParentsChat6B, userId, role), membershipEvent(kSchoolChannel, userId, role)});
        const auto applied = client.applySync(page("c1", events).dump(), 0);
        ASSERT_TRUE(applied.ok()) << applied.error->detail;
    }

    std::vector<Action> allowed(std::int64_t chatId) {
        const auto result = client.allowedActions(chatId);
        EXPECT_TRUE(result.ok()) << (result.error ? result.error->detail : "");
        return result.value;
    }

    Client client;
};

TEST_F(ClientPolicy, ParentReadsAndPostsInTheParentsChatOfTheirChildsClassButCannotModerate) {
    signIn(kParentOf5A, "member");
    const std::vector<Action> actions = allowed(kParentsChat5A);
    EXPECT_TRUE(has(actions, Action::Read));
    EXPECT_TRUE(has(actions, Action::Post));
    EXPECT_FALSE(has(actions, Action::DeleteAny));
    EXPECT_FALSE(has(actions, Action::Pin));
}

TEST_F(ClientPolicy, ParentGetsNothingInTheParentsChatOfAnotherClassEvenAsAMember) {
    signIn(kParentOf5A, "member");
    EXPECT_TRUE(allowed(kParentsChat6B).empty());
}

TEST_F(ClientPolicy, ClassTeacherMayModerateTheParentsChatOfTheirClass) {
    signIn(kClassTeacherOf5A, "owner");
    const std::vector<Action> actions = allowed(kParentsChat5A);
    EXPECT_TRUE(has(actions, Action::Post));
    EXPECT_TRUE(has(actions, Action::DeleteAny));
    EXPECT_TRUE(has(actions, Action::Pin));
}

TEST_F(ClientPolicy, StudentOnlyReadsTheSchoolChannel) {
    signIn(kStudentOf5A, "member");
    EXPECT_EQ(allowed(kSchoolChannel), std::vector<Action>{Action::Read});
}

TEST_F(ClientPolicy, AnswersExactlyWhatThePolicyDecidesForTheSyncedSubjectAndChat) {
    signIn(kClassTeacherOf5A, "readonly");
    policy::Subject subject;
    subject.userId = "3";
    subject.roles = {policy::SchoolRole::Teacher};
    subject.verified = true;
    subject.classTeacherOf = {"5A"};
    subject.teaches = {"5A"};
    policy::Target target;
    target.chat = policy::ChatKind::ParentsChat;
    target.classId = "5A";
    target.chatRole = policy::ChatRole::ReadOnly;
    EXPECT_EQ(allowed(kParentsChat5A), policy::allowedActions(subject, target));
}

TEST_F(ClientPolicy, ANewMeEventReplacesTheWholeProfile) {
    signIn(kClassTeacherOf5A, "owner");
    nlohmann::json formerTeacher = {{"userId", 3}, {"roles", {"parent"}}};
    ASSERT_TRUE(client.applySync(page("c2", nlohmann::json::array({meEvent(formerTeacher)})).dump(), 0).ok());
    EXPECT_FALSE(has(allowed(kParentsChat5A), Action::DeleteAny));
}

TEST_F(ClientPolicy, UnknownChatIsAnError) {
    signIn(kParentOf5A, "member");
    const auto result = client.allowedActions(99);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error->code, ClientErrorCode::UnknownChat);
}

TEST_F(ClientPolicy, BeforeTheProfileHasSyncedNothingIsDecided) {
    const auto result = client.allowedActions(kParentsChat5A);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error->code, ClientErrorCode::ProfileNotSynced);
    EXPECT_EQ(errorCode(result.error->code), "PROFILE_NOT_SYNCED");
}

TEST_F(ClientPolicy, TheClassTeacherMayInviteParentsToTheParentsChatAndNobodyElse) {
    signIn(kClassTeacherOf5A, "owner");
    const auto roles = client.inviteRoles(kParentsChat5A);
    ASSERT_TRUE(roles.ok());
    EXPECT_EQ(roles.value, (std::vector<policy::SchoolRole>{policy::SchoolRole::Parent}));
    // The policy's grant table (docs/permissions.md, "Grant rules"): in a parents' chat only
    // parents, and no student, teacher or appointed role.
}

TEST_F(ClientPolicy, AParentMayInviteNobody) {
    signIn(kParentOf5A, "member");
    const auto roles = client.inviteRoles(kParentsChat5A);
    ASSERT_TRUE(roles.ok());
    EXPECT_TRUE(roles.value.empty());
    EXPECT_EQ(errorCode(client.inviteRoles(99).error->code), "UNKNOWN_CHAT");
}

TEST_F(ClientPolicy, TheClassTeacherMayMuteRemoveAndWriteDirectlyToAParentOfTheParentsChat) {
    signIn(kClassTeacherOf5A, "owner");
    const auto parentMember = nlohmann::json::array(
        {testing::userEvent(7, "Елена Иванова", "parent"), membershipEvent(kParentsChat5A, 7, "member")});
    ASSERT_TRUE(client.applySync(page("c2", parentMember).dump(), 0).ok());
    const auto actions = client.memberActions(kParentsChat5A, 7);
    ASSERT_TRUE(actions.ok());
    EXPECT_EQ(actions.value, (std::vector<Action>{Action::MuteMember, Action::RemoveMember, Action::CreateChat}));
    // Nobody acts on someone who is not in the chat.
    EXPECT_TRUE(client.memberActions(kParentsChat6B, 7).value.empty());
}

TEST_F(ClientPolicy, AParentMayWriteDirectlyToTheClassTeacherButNotMuteOrRemoveHer) {
    signIn(kParentOf5A, "member");
    const auto teacher = nlohmann::json::array(
        {testing::userEvent(3, "Марина Кузнецова", "teacher"), membershipEvent(kParentsChat5A, 3, "owner")});
    ASSERT_TRUE(client.applySync(page("c2", teacher).dump(), 0).ok());
    EXPECT_EQ(client.memberActions(kParentsChat5A, 3).value, std::vector<Action>{Action::CreateChat});
}

TEST_F(ClientPolicy, AParentMayNotStartADirectChatWithAnotherParent) {
    signIn(kParentOf5A, "member");
    const auto otherParent = nlohmann::json::array(
        {testing::userEvent(8, "Ольга Петрова", "parent"), membershipEvent(kParentsChat5A, 8, "member")});
    ASSERT_TRUE(client.applySync(page("c2", otherParent).dump(), 0).ok());
    EXPECT_TRUE(client.memberActions(kParentsChat5A, 8).value.empty());
}

TEST_F(ClientPolicy, NobodyIsOfferedADirectChatWithThemselves) {
    signIn(kClassTeacherOf5A, "owner");
    ASSERT_TRUE(client.applySync(page("c2", nlohmann::json::array({testing::userEvent(3, "Марина Кузнецова", "teacher")})).dump(), 0).ok());
    EXPECT_FALSE(has(client.memberActions(kParentsChat5A, 3).value, Action::CreateChat));
}

TEST_F(ClientPolicy, TheSchoolScreensOfferTheAdminTheAdministrationAndTheDirectorWhatTheyMayView) {
    signIn({{"userId", 1}, {"roles", {"admin"}}}, "owner");
    const auto admin = client.schoolActions();
    ASSERT_TRUE(admin.ok());
    for (const Action action : {Action::ViewPeople, Action::VerifyTeacher, Action::AssignClassTeacher, Action::CreateClass,
                                Action::ManageRoster, Action::ViewActivityStats, Action::ViewAuditLog,
                                Action::RevokeInvite}) {
        EXPECT_TRUE(has(admin.value, action)) << policy::nameOf(action);
    }
    signIn({{"userId", 2}, {"roles", {"director"}}}, "member");
    const auto director = client.schoolActions();
    EXPECT_TRUE(has(director.value, Action::ViewActivityStats));
    EXPECT_TRUE(has(director.value, Action::ViewPeople));
    EXPECT_FALSE(has(director.value, Action::ManageRoster));
    EXPECT_FALSE(has(director.value, Action::VerifyTeacher));
    // Every link of the school is the admin's to revoke (001 §3.3.9); a director revokes only
    // the links they made, in the chat they made them for.
    EXPECT_FALSE(has(director.value, Action::RevokeInvite));
}

TEST_F(ClientPolicy, ParentsStudentsAndTeachersHaveNoSchoolScreens) {
    for (const nlohmann::json& person : {kParentOf5A, kStudentOf5A, kClassTeacherOf5A}) {
        signIn(person, "member");
        EXPECT_TRUE(client.schoolActions().value.empty()) << person.dump();
    }
}

TEST_F(ClientPolicy, TheSchoolActionsAreExactlyThoseThePolicyAllowsOnTheSchool) {
    signIn({{"userId", 1}, {"roles", {"admin"}}}, "owner");
    policy::Subject admin;
    admin.userId = "1";
    admin.roles = {policy::SchoolRole::Admin};
    for (const Action action : client.schoolActions().value) {
        EXPECT_TRUE(policy::decide(admin, action, policy::Target{}).allowed) << policy::nameOf(action);
    }
}

TEST_F(ClientPolicy, AClassTeacherMayCreateTheChatsOfHerClassesAndSubjectChatsWhereSheTeaches) {
    signIn(kClassTeacherOf5A, "owner");
    const auto creatable = client.chatsToCreate();
    ASSERT_TRUE(creatable.ok());
    using policy::ChatKind;
    EXPECT_EQ(creatable.value, (std::vector<ChatToCreate>{{ChatKind::ClassChat, "5A"},
                                                          {ChatKind::ParentsChat, "5A"},
                                                          {ChatKind::ClassTeachersChat, "5A"},
                                                          {ChatKind::SubjectChat, "5A"}}));
}

TEST_F(ClientPolicy, AnUnverifiedTeacherMayCreateNoChat) {
    signIn({{"userId", 3}, {"roles", {"teacher"}}, {"verified", false}, {"classTeacherOf", {"5A"}}}, "owner");
    EXPECT_TRUE(client.chatsToCreate().value.empty());
}

TEST_F(ClientPolicy, TheAdminIsNotOfferedASecondOfAOnePerSchoolChatTheDeviceHolds) {
    signIn({{"userId", 1}, {"roles", {"admin"}}}, "owner");
    const auto creatable = client.chatsToCreate();
    ASSERT_TRUE(creatable.ok());
    using policy::ChatKind;
    // The school channel is held (signIn gives it); the staff channel, «Учительская» and
    // management chats are still to create.
    EXPECT_EQ(creatable.value, (std::vector<ChatToCreate>{{ChatKind::StaffChannel, ""},
                                                          {ChatKind::TeachersRoom, ""},
                                                          {ChatKind::ManagementChat, ""}}));
}

TEST_F(ClientPolicy, ParentsAndStudentsCreateNoGroupChat) {
    for (const nlohmann::json& person : {kParentOf5A, kStudentOf5A}) {
        signIn(person, "member");
        EXPECT_TRUE(client.chatsToCreate().value.empty()) << person.dump();
    }
}

}  // namespace
}  // namespace parta
