// Administration of a school (issue 13, "Administration and statistics"): classes, teachers'
// verification and attachment, admins, students moving between classes, and rosters — each
// refused with the policy's reason for whom the policy refuses, each audited, none crossing
// schools.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "auth/password_hasher.h"
#include "policy/decide.h"
#include "server/support/school_fixture.h"

namespace parta::testing {
namespace {

using policy::Action;
using policy::SchoolRole;

std::string body(const nlohmann::json& json) { return json.dump(); }

std::string userPath(std::int64_t userId, const std::string& action) {
    return "/api/v1/users/" + std::to_string(userId) + "/" + action;
}

std::vector<nlohmann::json> eventsOf(const nlohmann::json& events, const std::string& type) {
    std::vector<nlohmann::json> found;
    for (const nlohmann::json& event : events) {
        if (event["type"] == type) found.push_back(event[type]);
    }
    return found;
}

bool hasMembership(const nlohmann::json& events, std::int64_t chatId, std::int64_t userId) {
    for (const nlohmann::json& membership : eventsOf(events, "membership")) {
        if (membership["chatId"] == chatId && membership["userId"] == userId) return true;
    }
    return false;
}

bool hasRemoval(const nlohmann::json& events, std::int64_t chatId, std::int64_t userId) {
    for (const nlohmann::json& removal : eventsOf(events, "membershipRemoved")) {
        if (removal["chatId"] == chatId && removal["userId"] == userId) return true;
    }
    return false;
}

// The fixture's school, with a director and an unverified teacher, and class 5Б with its
// class chat and parents' chat, so that a student can move.
class AdministrationTest : public SchoolFixture {
protected:
    void SetUp() override {
        SchoolFixture::SetUp();
        const server::PasswordHasher hasher(server::PasswordCost::TestOnlyMinimal);
        const auto person = [&](const std::string& login, const std::string& name, server::NewUser user) {
            user.schoolId = schoolId;
            user.login = login;
            user.name = name;
            user.passwordHash = hasher.hash(kPassword);
            return Person{login, store().createUser(user)};
        };
        server::NewUser directorProfile;
        directorProfile.roles = {SchoolRole::Director};
        director = person("director", "Анна Директорова", directorProfile);
        server::NewUser newcomerProfile;
        newcomerProfile.roles = {SchoolRole::Teacher};
        newcomer = person("newcomer", "Олег Новичков", newcomerProfile);
        server::NewUser teacher5BProfile;
        teacher5BProfile.roles = {SchoolRole::Teacher};
        teacher5BProfile.verified = true;
        teacher5BProfile.classTeacherOf = {"5Б"};
        teacher5B = person("teacher-5b", "Светлана Бэшкина", teacher5BProfile);
        classChat5B = store().createChat(server::NewChat{schoolId, "class_chat", "5Б", "5Б класс", 1});
        store().addMember(classChat5B, teacher5B.id, "owner");
        parentsChat5B = store().createChat(server::NewChat{schoolId, "parents_chat", "5Б", "Родители 5Б", 1});
        store().addMember(parentsChat5B, teacher5B.id, "owner");
    }

    // The policy's view of a fixture person, as decide sees them.
    policy::Subject subjectOf(const Person& person) { return store().account(person.id)->subject; }

    nlohmann::json auditEntries() {
        HttpClient client = signedIn(admin);
        return client.get("/api/v1/audit?limit=200").json()["entries"];
    }

    Person director, newcomer, teacher5B;
    std::int64_t classChat5B = 0, parentsChat5B = 0;
};

// One request per administration endpoint, for the refusal table below.
struct AdministrationCall {
    const char* name;
    Action action;
    std::string method;
    std::string target;
    std::string body;
};

TEST_F(AdministrationTest, EveryAdministrationEndpointAnswersEachRoleWhatDecideSays) {
    const std::vector<AdministrationCall> calls = {
        {"list classes", Action::ViewPeople, "GET", "/api/v1/classes", ""},
        {"create a class", Action::CreateClass, "POST", "/api/v1/classes", body({{"classId", "9Я"}})},
        {"list people", Action::ViewPeople, "GET", "/api/v1/people", ""},
        {"verify a teacher", Action::VerifyTeacher, "POST", userPath(newcomer.id, "verify"), ""},
        {"attach a subject teacher", Action::AssignClassTeacher, "POST", userPath(newcomer.id, "assignments"),
         body({{"classId", "5Б"}, {"assignment", "subject_teacher"}, {"assigned", true}})},
        {"appoint an admin", Action::AppointAdmin, "POST", userPath(teacher5B.id, "admin"), body({{"admin", true}})},
        {"move a student", Action::MoveStudent, "POST", userPath(classmate.id, "class"), body({{"classId", "5Б"}})},
        {"read a roster", Action::ManageRoster, "GET", "/api/v1/roster?classId=5%D0%90", ""},
        {"add to a roster", Action::ManageRoster, "POST", "/api/v1/roster",
         body({{"classId", "5А"}, {"kind", "student"}, {"name", "Петров Пётр"}})},
        {"export the rosters", Action::ManageRoster, "GET", "/api/v1/roster/export", ""},
    };
    const std::vector<std::pair<const char*, const Person*>> people = {
        {"class teacher", &classTeacher}, {"student", &student}, {"parent", &parent},
        {"unverified teacher", &newcomer}, {"director", &director}, {"admin", &admin}};
    for (const auto& [role, person] : people) {
        HttpClient client = signedIn(*person);
        for (const AdministrationCall& call : calls) {
            const policy::Decision decision = policy::decide(subjectOf(*person), call.action, policy::Target{});
            const HttpAnswer answer = client.request(call.method, call.target, call.body);
            if (decision.allowed) {
                EXPECT_LT(answer.status, 300) << role << " | " << call.name << ": " << answer.body;
            } else {
                EXPECT_EQ(answer.status, 403) << role << " | " << call.name << ": " << answer.body;
                EXPECT_EQ(answer.errorCode(), policy::reasonCode(decision.reason)) << role << " | " << call.name;
            }
        }
    }
}

TEST_F(AdministrationTest, AnAdminCreatesAClassOnceAndTheAuditNamesIt) {
    HttpClient client = signedIn(admin);
    const HttpAnswer created = client.post("/api/v1/classes", body({{"classId", "6В"}}));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.json()["class"]["id"], "6В");
    const HttpAnswer again = client.post("/api/v1/classes", body({{"classId", "6В"}}));
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.errorCode(), "CLASS_EXISTS");

    std::vector<std::string> ids;
    const nlohmann::json classes = client.get("/api/v1/classes").json()["classes"];
    for (const nlohmann::json& schoolClass : classes) ids.push_back(schoolClass["id"]);
    EXPECT_EQ(ids, (std::vector<std::string>{"5А", "5Б", "6В"})) << "the other school's 7Б is not this school's";
    const nlohmann::json entries = auditEntries();
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries[0]["action"], "create_class");
    EXPECT_EQ(entries[0]["classId"], "6В");
    EXPECT_EQ(entries.size(), 1u) << "the refused second class was audited";
}

TEST_F(AdministrationTest, TheClassListShowsEachClassTeachersAndStudents) {
    HttpClient client = signedIn(admin);
    const nlohmann::json classes = client.get("/api/v1/classes").json()["classes"];
    ASSERT_EQ(classes.size(), 2u);
    EXPECT_EQ(classes[0]["id"], "5А");
    EXPECT_EQ(classes[0]["classTeachers"][0]["id"], classTeacher.id);
    EXPECT_EQ(classes[0]["subjectTeachers"][0]["id"], classTeacher.id);
    EXPECT_EQ(classes[0]["students"], 2);
    EXPECT_EQ(classes[1]["classTeachers"][0]["name"], "Светлана Бэшкина");
    EXPECT_EQ(classes[1]["students"], 0);
}

TEST_F(AdministrationTest, ASecondTeachersRoomOrSchoolChannelIsRefused) {
    HttpClient client = signedIn(admin);
    const HttpAnswer room = client.post("/api/v1/chats", body({{"kind", "teachers_room"}, {"title", "Учительская"}}));
    ASSERT_EQ(room.status, 201) << room.body;
    const HttpAnswer second = client.post("/api/v1/chats", body({{"kind", "teachers_room"}, {"title", "Ещё одна"}}));
    EXPECT_EQ(second.status, 409);
    EXPECT_EQ(second.errorCode(), "CHAT_EXISTS");
    const HttpAnswer channel = client.post("/api/v1/chats", body({{"kind", "school_channel"}, {"title", "Второй канал"}}));
    EXPECT_EQ(channel.errorCode(), "CHAT_EXISTS") << "the fixture's school already has its channel";
}

TEST_F(AdministrationTest, VerifyingATeacherConfirmsTheirStatusInTheirOwnNextSync) {
    HttpClient teacher = signedIn(newcomer);
    const Synced before = syncAll(teacher);
    ASSERT_FALSE(eventsOf(before.events, "me").empty());
    EXPECT_EQ(eventsOf(before.events, "me").back()["verified"], false);

    HttpClient client = signedIn(admin);
    const HttpAnswer verified = client.post(userPath(newcomer.id, "verify"), "");
    ASSERT_EQ(verified.status, 200) << verified.body;
    EXPECT_EQ(verified.json()["person"]["verified"], true);
    const std::vector<nlohmann::json> me = eventsOf(syncAll(teacher, before.cursor).events, "me");
    ASSERT_EQ(me.size(), 1u);
    EXPECT_EQ(me[0]["verified"], true);

    EXPECT_EQ(client.post(userPath(newcomer.id, "verify"), "").status, 200) << "verifying twice is no error";
    const nlohmann::json entries = auditEntries();
    ASSERT_EQ(entries.size(), 1u) << "the repeat changed nothing, so it is not audited";
    EXPECT_EQ(entries[0]["action"], "verify_teacher");
    EXPECT_EQ(entries[0]["user"]["id"], newcomer.id);
}

TEST_F(AdministrationTest, OnlyATeacherIsVerifiedOrAttachedAndOnlyStaffBecomeAdmins) {
    HttpClient client = signedIn(admin);
    const HttpAnswer verifyStudent = client.post(userPath(student.id, "verify"), "");
    EXPECT_EQ(verifyStudent.status, 409);
    EXPECT_EQ(verifyStudent.errorCode(), "NOT_A_TEACHER");
    const HttpAnswer attachParent = client.post(
        userPath(parent.id, "assignments"), body({{"classId", "5А"}, {"assignment", "class_teacher"}, {"assigned", true}}));
    EXPECT_EQ(attachParent.errorCode(), "NOT_A_TEACHER");
    const HttpAnswer studentAdmin = client.post(userPath(student.id, "admin"), body({{"admin", true}}));
    EXPECT_EQ(studentAdmin.status, 409);
    EXPECT_EQ(studentAdmin.errorCode(), "NOT_STAFF");
    const HttpAnswer moveTeacher = client.post(userPath(classTeacher.id, "class"), body({{"classId", "5Б"}}));
    EXPECT_EQ(moveTeacher.errorCode(), "NOT_A_STUDENT");
    EXPECT_TRUE(auditEntries().empty()) << "a refused action was audited";
}

TEST_F(AdministrationTest, AttachingATeacherToAClassGivesThemItsChatsToCreate) {
    HttpClient client = signedIn(admin);
    HttpClient teacher = signedIn(teacher5B);
    const std::string subjectChat = body({{"kind", "subject_chat"}, {"title", "Математика 5А"}, {"classId", "5А"}});
    EXPECT_EQ(teacher.post("/api/v1/chats", subjectChat).errorCode(), "NOT_TEACHING_CLASS");

    const HttpAnswer attached = client.post(userPath(teacher5B.id, "assignments"),
                                            body({{"classId", "5А"}, {"assignment", "subject_teacher"}, {"assigned", true}}));
    ASSERT_EQ(attached.status, 200) << attached.body;
    EXPECT_EQ(attached.json()["person"]["teaches"], nlohmann::json::array({"5А"}));
    EXPECT_EQ(teacher.post("/api/v1/chats", subjectChat).status, 201);

    const HttpAnswer unknown = client.post(userPath(teacher5B.id, "assignments"),
                                           body({{"classId", "11Ж"}, {"assignment", "class_teacher"}, {"assigned", true}}));
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.errorCode(), "UNKNOWN_CLASS");
    const HttpAnswer badKind = client.post(userPath(teacher5B.id, "assignments"),
                                           body({{"classId", "5А"}, {"assignment", "curator"}, {"assigned", true}}));
    EXPECT_EQ(badKind.status, 400);
    const nlohmann::json entries = auditEntries();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0]["action"], "assign_subject_teacher");
    EXPECT_EQ(entries[0]["classId"], "5А");
}

TEST_F(AdministrationTest, DetachingAClassTeacherRevokesTheUnusedLinksTheyCouldNoLongerCreate) {
    HttpClient client = signedIn(admin);
    HttpClient teacher = signedIn(teacher5B);
    // Also a subject teacher of 5Б, with a subject chat whose student link outlives the detachment.
    ASSERT_EQ(client.post(userPath(teacher5B.id, "assignments"),
                          body({{"classId", "5Б"}, {"assignment", "subject_teacher"}, {"assigned", true}}))
                  .status,
              200);
    const HttpAnswer subjectChat =
        teacher.post("/api/v1/chats", body({{"kind", "subject_chat"}, {"title", "Чтение 5Б"}, {"classId", "5Б"}}));
    ASSERT_EQ(subjectChat.status, 201) << subjectChat.body;
    const std::int64_t subjectChatId = subjectChat.json()["events"][0]["chat"]["id"];
    const auto link = [&](const nlohmann::json& destination, const std::string& role) {
        const HttpAnswer created =
            teacher.post("/api/v1/invites", body({{"destination", destination}, {"role", role}, {"label", "5Б"}}));
        EXPECT_EQ(created.status, 201) << created.body;
        return created.json()["invite"]["id"].get<std::int64_t>();
    };
    const std::int64_t classLink = link({{"classId", "5Б"}}, "student");
    const std::int64_t parentsLink = link({{"chatId", parentsChat5B}}, "parent");
    const std::int64_t subjectLink = link({{"chatId", subjectChatId}}, "student");
    // A class teacher's link of another class is not theirs to lose.
    HttpClient otherTeacher = signedIn(classTeacher);
    const HttpAnswer otherLink = otherTeacher.post(
        "/api/v1/invites", body({{"destination", {{"classId", "5А"}}}, {"role", "student"}, {"label", "5А"}}));
    ASSERT_EQ(otherLink.status, 201);

    const HttpAnswer detached = client.post(userPath(teacher5B.id, "assignments"),
                                            body({{"classId", "5Б"}, {"assignment", "class_teacher"}, {"assigned", false}}));
    ASSERT_EQ(detached.status, 200) << detached.body;
    EXPECT_EQ(detached.json()["revokedInvites"], 2);
    EXPECT_EQ(detached.json()["person"]["classTeacherOf"], nlohmann::json::array());

    std::map<std::int64_t, std::string> states;
    const nlohmann::json invites = client.get("/api/v1/invites").json()["invites"];
    for (const nlohmann::json& invite : invites) states[invite["id"]] = invite["state"];
    EXPECT_EQ(states[classLink], "revoked");
    EXPECT_EQ(states[parentsLink], "revoked");
    EXPECT_EQ(states[subjectLink], "active") << "still teaching 5Б, the teacher may still invite to the subject chat";
    EXPECT_EQ(states[otherLink.json()["invite"]["id"].get<std::int64_t>()], "active");
    // The detachment and its two revocations, in the one transaction that made them.
    const nlohmann::json entries = auditEntries();
    ASSERT_GE(entries.size(), 3u);
    EXPECT_EQ(entries[0]["action"], "revoke_invite");
    EXPECT_EQ(entries[1]["action"], "revoke_invite");
    EXPECT_EQ(entries[0]["actor"]["id"], admin.id);
    EXPECT_EQ(entries[0]["classId"], "5Б");
    EXPECT_EQ(std::set<std::int64_t>({entries[0]["inviteId"], entries[1]["inviteId"]}),
              std::set<std::int64_t>({classLink, parentsLink}));
    EXPECT_EQ(entries[2]["action"], "detach_class_teacher");
}

TEST_F(AdministrationTest, RevokingALinkIsAuditedWithItsClassAndARepeatIsNot) {
    HttpClient teacher = signedIn(classTeacher);
    const HttpAnswer created = teacher.post(
        "/api/v1/invites", body({{"destination", {{"classId", "5А"}}}, {"role", "student"}, {"label", "5А"}}));
    ASSERT_EQ(created.status, 201) << created.body;
    const std::int64_t inviteId = created.json()["invite"]["id"];
    const std::string path = "/api/v1/invites/" + std::to_string(inviteId) + "/revoke";
    ASSERT_EQ(teacher.post(path, "").status, 200);
    ASSERT_EQ(teacher.post(path, "").status, 200);
    const nlohmann::json entries = auditEntries();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0]["action"], "revoke_invite");
    EXPECT_EQ(entries[0]["actor"]["id"], classTeacher.id);
    EXPECT_EQ(entries[0]["inviteId"], inviteId);
    EXPECT_EQ(entries[0]["classId"], "5А");
}

TEST_F(AdministrationTest, TheDirectorAndAnAdminAppointAdminsAndTheLastAdminStays) {
    HttpClient headmaster = signedIn(director);
    const HttpAnswer appointed = headmaster.post(userPath(classTeacher.id, "admin"), body({{"admin", true}}));
    ASSERT_EQ(appointed.status, 200) << appointed.body;
    EXPECT_EQ(appointed.json()["person"]["roles"], nlohmann::json::array({"admin", "teacher"}));
    HttpClient newAdmin = signedIn(classTeacher);
    EXPECT_EQ(newAdmin.get("/api/v1/audit").status, 200) << "the appointed admin reads what admins read";

    HttpClient client = signedIn(admin);
    EXPECT_EQ(client.post(userPath(classTeacher.id, "admin"), body({{"admin", false}})).status, 200);
    const HttpAnswer last = client.post(userPath(admin.id, "admin"), body({{"admin", false}}));
    EXPECT_EQ(last.status, 409);
    EXPECT_EQ(last.errorCode(), "LAST_ADMIN");
    const nlohmann::json entries = auditEntries();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0]["action"], "dismiss_admin");
    EXPECT_EQ(entries[1]["action"], "appoint_admin");
    EXPECT_EQ(entries[1]["actor"]["id"], director.id);
}

TEST_F(AdministrationTest, AMovedStudentAndTheirParentFollowToTheNewClassChats) {
    HttpClient pupil = signedIn(student);
    HttpClient mother = signedIn(parent);
    HttpClient mate = signedIn(classmate);
    const Synced pupilBefore = syncAll(pupil);
    const Synced motherBefore = syncAll(mother);
    const Synced mateBefore = syncAll(mate);

    HttpClient client = signedIn(admin);
    const HttpAnswer moved = client.post(userPath(student.id, "class"), body({{"classId", "5Б"}}));
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.json()["person"]["studentOf"], "5Б");

    const Synced pupilAfter = syncAll(pupil, pupilBefore.cursor);
    EXPECT_TRUE(hasRemoval(pupilAfter.events, classChat, student.id));
    EXPECT_TRUE(hasMembership(pupilAfter.events, classChat5B, student.id));
    const std::vector<nlohmann::json> me = eventsOf(pupilAfter.events, "me");
    ASSERT_FALSE(me.empty());
    EXPECT_EQ(me.back()["studentOf"], "5Б");

    const Synced motherAfter = syncAll(mother, motherBefore.cursor);
    EXPECT_TRUE(hasRemoval(motherAfter.events, parentsChat, parent.id));
    EXPECT_TRUE(hasMembership(motherAfter.events, parentsChat5B, parent.id));

    // The classmate stays, and sees only that the student left.
    const Synced mateAfter = syncAll(mate, mateBefore.cursor);
    EXPECT_TRUE(hasRemoval(mateAfter.events, classChat, student.id));
    EXPECT_FALSE(hasRemoval(mateAfter.events, classChat, classmate.id));

    const nlohmann::json entries = auditEntries();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0]["action"], "move_student");
    EXPECT_EQ(entries[0]["classId"], "5Б");
    EXPECT_EQ(client.post(userPath(student.id, "class"), body({{"classId", "5Б"}})).status, 200);
    EXPECT_EQ(auditEntries().size(), 1u) << "a move to the class the student is in changed nothing";
    EXPECT_EQ(client.post(userPath(student.id, "class"), body({{"classId", "11Ж"}})).errorCode(), "UNKNOWN_CLASS");
}

TEST_F(AdministrationTest, AParentWithAnotherChildInTheOldClassStaysInItsParentsChat) {
    const server::PasswordHasher hasher(server::PasswordCost::TestOnlyMinimal);
    server::NewUser twoChildren;
    twoChildren.schoolId = schoolId;
    twoChildren.login = "two-children";
    twoChildren.name = "Галина Двоедетная";
    twoChildren.passwordHash = hasher.hash(kPassword);
    twoChildren.roles = {SchoolRole::Parent};
    twoChildren.childIds = {student.id, classmate.id};
    const std::int64_t parentId = store().createUser(twoChildren);
    store().addMember(parentsChat, parentId, "member");

    HttpClient client = signedIn(admin);
    ASSERT_EQ(client.post(userPath(student.id, "class"), body({{"classId", "5Б"}})).status, 200);
    HttpClient both = signedIn(Person{"two-children", parentId});
    const nlohmann::json events = syncAll(both).events;
    EXPECT_FALSE(hasRemoval(events, parentsChat, parentId));
    std::set<std::int64_t> chats;
    for (const nlohmann::json& membership : eventsOf(events, "membership")) {
        if (membership["userId"] == parentId) chats.insert(membership["chatId"].get<std::int64_t>());
    }
    EXPECT_EQ(chats.count(parentsChat), 1u);
    EXPECT_EQ(chats.count(parentsChat5B), 1u);
}

TEST_F(AdministrationTest, ARosterEntryIsMatchedOnlyToOneAccountOfItsClass) {
    HttpClient client = signedIn(admin);
    const auto add = [&](const std::string& kind, const std::string& name) {
        const HttpAnswer added = client.post("/api/v1/roster", body({{"classId", "5А"}, {"kind", kind}, {"name", name}}));
        EXPECT_EQ(added.status, 201) << added.body;
        return added.json()["entry"]["id"].get<std::int64_t>();
    };
    const std::int64_t petya = add("student", "Ученичков Пётр");
    const std::int64_t olga = add("parent", "Ученичкова Ольга");
    const std::int64_t absent = add("student", "Отсутствиев Иван");
    const auto link = [&](std::int64_t entryId, const nlohmann::json& userId) {
        return client.post("/api/v1/roster/" + std::to_string(entryId) + "/account", body({{"userId", userId}}));
    };

    const HttpAnswer linked = link(petya, student.id);
    ASSERT_EQ(linked.status, 200) << linked.body;
    EXPECT_EQ(linked.json()["entry"]["activated"], true);
    EXPECT_EQ(linked.json()["entry"]["account"]["id"], student.id);
    EXPECT_EQ(link(olga, parent.id).json()["entry"]["activated"], true);
    EXPECT_EQ(link(absent, student.id).errorCode(), "ACCOUNT_TAKEN");
    EXPECT_EQ(link(absent, parent.id).errorCode(), "NOT_OF_CLASS") << "a parent is not a student entry";
    EXPECT_EQ(link(absent, teacher5B.id).errorCode(), "NOT_OF_CLASS");
    EXPECT_EQ(link(absent, stranger.id).errorCode(), "NOT_OF_CLASS") << "another school's student";

    const nlohmann::json roster = client.get("/api/v1/roster?classId=5%D0%90").json();
    ASSERT_EQ(roster["entries"].size(), 3u);
    EXPECT_EQ(roster["entries"][0]["kind"], "student") << "students first";
    EXPECT_EQ(roster["entries"][2]["kind"], "parent");

    EXPECT_EQ(link(petya, nullptr).json()["entry"]["account"], nullptr);
    EXPECT_EQ(client.del("/api/v1/roster/" + std::to_string(absent)).status, 204);
    EXPECT_EQ(client.del("/api/v1/roster/" + std::to_string(absent)).errorCode(), "UNKNOWN_ROSTER_ENTRY");
    EXPECT_EQ(client.get("/api/v1/roster?classId=11%D0%96").errorCode(), "UNKNOWN_CLASS");

    std::vector<std::string> actions;
    const nlohmann::json entries = auditEntries();
    for (const nlohmann::json& entry : entries) actions.push_back(entry["action"]);
    EXPECT_EQ(actions, (std::vector<std::string>{"remove_roster_entry", "unlink_roster_entry", "link_roster_entry",
                                                 "link_roster_entry", "add_roster_entry", "add_roster_entry",
                                                 "add_roster_entry"}));
}

TEST_F(AdministrationTest, TheRosterOffersExactlyTheAccountsAMatchAccepts) {
    HttpClient client = signedIn(admin);
    const nlohmann::json roster = client.get("/api/v1/roster?classId=5%D0%90").json();
    const auto idsOf = [](const nlohmann::json& accounts) {
        std::set<std::int64_t> ids;
        for (const nlohmann::json& account : accounts) ids.insert(account["id"].get<std::int64_t>());
        return ids;
    };
    const std::set<std::int64_t> students = idsOf(roster["accounts"]["student"]);
    const std::set<std::int64_t> parents = idsOf(roster["accounts"]["parent"]);
    EXPECT_EQ(students.count(student.id), 1u);
    EXPECT_EQ(parents.count(parent.id), 1u);
    for (const std::int64_t outsider : {teacher5B.id, stranger.id, admin.id}) {
        EXPECT_EQ(students.count(outsider) + parents.count(outsider), 0u) << outsider;
    }
    EXPECT_EQ(students.count(parent.id), 0u);
    EXPECT_EQ(parents.count(student.id), 0u);
    // Each one offered is accepted by a match of its kind.
    const auto entryOf = [&](const std::string& kind) {
        return client.post("/api/v1/roster", body({{"classId", "5А"}, {"kind", kind}, {"name", "Проверкин " + kind}}))
            .json()["entry"]["id"].get<std::int64_t>();
    };
    for (const auto& [kind, offered] : {std::pair{std::string("student"), students}, {std::string("parent"), parents}}) {
        for (const std::int64_t userId : offered) {
            const std::int64_t entry = entryOf(kind);
            EXPECT_EQ(client.post("/api/v1/roster/" + std::to_string(entry) + "/account", body({{"userId", userId}})).status, 200)
                << kind << " " << userId;
            EXPECT_EQ(client.del("/api/v1/roster/" + std::to_string(entry)).status, 204);
        }
    }
}

TEST_F(AdministrationTest, AMovedStudentNoLongerCountsForTheOldClassRoster) {
    HttpClient client = signedIn(admin);
    const HttpAnswer added =
        client.post("/api/v1/roster", body({{"classId", "5А"}, {"kind", "student"}, {"name", "Ученичков Пётр"}}));
    const std::int64_t entryId = added.json()["entry"]["id"];
    ASSERT_EQ(client.post("/api/v1/roster/" + std::to_string(entryId) + "/account", body({{"userId", student.id}})).status, 200);
    ASSERT_EQ(client.post(userPath(student.id, "class"), body({{"classId", "5Б"}})).status, 200);
    const nlohmann::json roster = client.get("/api/v1/roster?classId=5%D0%90").json();
    EXPECT_EQ(roster["entries"][0]["account"], nullptr);
    EXPECT_EQ(roster["entries"][0]["activated"], false);
}

TEST_F(AdministrationTest, TheRosterExportIsASpreadsheetReadyCsvWithFormulasDefused) {
    HttpClient client = signedIn(admin);
    client.post("/api/v1/roster", body({{"classId", "5А"}, {"kind", "student"}, {"name", "Ученичков \"Петя\" Пётр"}}));
    client.post("/api/v1/roster", body({{"classId", "5Б"}, {"kind", "parent"}, {"name", "=HYPERLINK(\"http://x\")"}}));
    const HttpAnswer exported = client.get("/api/v1/roster/export");
    ASSERT_EQ(exported.status, 200) << exported.body;
    EXPECT_EQ(exported.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_NE(exported.header("content-disposition").find("attachment"), std::string::npos);
    EXPECT_EQ(exported.body,
              "\xEF\xBB\xBF\"Класс\";\"Список\";\"ФИО по списку\";\"Аккаунт\";\"Активирован\"\r\n"
              "\"5А\";\"ученик\";\"Ученичков \"\"Петя\"\" Пётр\";\"\";\"нет\"\r\n"
              "\"5Б\";\"родитель\";\"'=HYPERLINK(\"\"http://x\"\")\";\"\";\"нет\"\r\n");
    const HttpAnswer oneClass = client.get("/api/v1/roster/export?classId=5%D0%91");
    EXPECT_EQ(oneClass.body.find("5А"), std::string::npos);
}

TEST_F(AdministrationTest, ActivityStatisticsCountEachClassAgainstItsRoster) {
    HttpClient client = signedIn(admin);
    std::vector<std::int64_t> entries;
    for (const char* name : {"Ученичков Пётр", "Одноклассникова Лена", "Неявкин Коля"}) {
        entries.push_back(
            client.post("/api/v1/roster", body({{"classId", "5А"}, {"kind", "student"}, {"name", name}})).json()["entry"]["id"]);
    }
    const std::int64_t parentEntry =
        client.post("/api/v1/roster", body({{"classId", "5А"}, {"kind", "parent"}, {"name", "Ученичкова Ольга"}})).json()["entry"]["id"];
    client.post("/api/v1/roster/" + std::to_string(entries[0]) + "/account", body({{"userId", student.id}}));
    client.post("/api/v1/roster/" + std::to_string(entries[1]) + "/account", body({{"userId", classmate.id}}));
    client.post("/api/v1/roster/" + std::to_string(parentEntry) + "/account", body({{"userId", parent.id}}));

    const nlohmann::json statistics = client.get("/api/v1/stats/activity").json();
    ASSERT_EQ(statistics["classes"].size(), 2u);
    const nlohmann::json& fiveA = statistics["classes"][0];
    EXPECT_EQ(fiveA["classId"], "5А");
    EXPECT_EQ(fiveA["students"]["activated"], 2);
    EXPECT_EQ(fiveA["students"]["expected"], 3);
    EXPECT_EQ(fiveA["students"]["targetPercent"], 90);
    EXPECT_EQ(fiveA["students"]["target"], "missed") << "2 of 3 is short of 90%";
    EXPECT_EQ(fiveA["parents"]["target"], "met");
    EXPECT_EQ(fiveA["unlistedStudents"], 0);
    EXPECT_EQ(statistics["classes"][1]["students"]["target"], "nothing_expected") << "5Б keeps no roster yet";
    EXPECT_EQ(statistics["students"]["expected"], 3) << "the school's whole";

    // The one-person roster of 5А's parents: a second parent account unlisted shows as such.
    client.post("/api/v1/roster/" + std::to_string(entries[1]) + "/account", body({{"userId", nullptr}}));
    EXPECT_EQ(client.get("/api/v1/stats/activity").json()["classes"][0]["unlistedStudents"], 1);
}

TEST_F(AdministrationTest, NothingOfAnotherSchoolIsAdministeredOrListed) {
    HttpClient client = signedIn(admin);
    for (const std::string action : {"verify", "assignments", "admin", "class"}) {
        const std::string request = action == "assignments"
                                        ? body({{"classId", "5А"}, {"assignment", "class_teacher"}, {"assigned", true}})
                                    : action == "admin" ? body({{"admin", true}})
                                    : action == "class" ? body({{"classId", "5А"}})
                                                        : "";
        const HttpAnswer answer = client.post(userPath(strangerTeacher.id, action), request);
        EXPECT_EQ(answer.status, 404) << action;
        EXPECT_EQ(answer.errorCode(), "UNKNOWN_USER") << action;
    }
    EXPECT_EQ(client.get("/api/v1/roster?classId=7%D0%91").errorCode(), "UNKNOWN_CLASS");
    const nlohmann::json people = client.get("/api/v1/people").json()["people"];
    for (const nlohmann::json& person : people) {
        EXPECT_NE(person["id"], stranger.id);
        EXPECT_NE(person["id"], strangerTeacher.id);
    }
    // The other school's roster entries are not reachable by id either.
    const HttpAnswer added =
        client.post("/api/v1/roster", body({{"classId", "5А"}, {"kind", "student"}, {"name", "Ученичков Пётр"}}));
    const std::string entryPath = "/api/v1/roster/" + std::to_string(added.json()["entry"]["id"].get<std::int64_t>());
    store().createUser([&] {
        server::NewUser strangerAdmin;
        strangerAdmin.schoolId = otherSchoolId;
        strangerAdmin.login = "stranger-admin";
        strangerAdmin.name = "Чужой Админ";
        strangerAdmin.passwordHash = server::PasswordHasher(server::PasswordCost::TestOnlyMinimal).hash(kPassword);
        strangerAdmin.roles = {SchoolRole::Admin};
        return strangerAdmin;
    }());
    HttpClient foreignAdmin = anonymous();
    ASSERT_EQ(foreignAdmin.signIn("stranger-admin", kPassword).status, 200);
    EXPECT_EQ(foreignAdmin.del(entryPath).errorCode(), "UNKNOWN_ROSTER_ENTRY");
    EXPECT_EQ(foreignAdmin.post(entryPath + "/account", body({{"userId", nullptr}})).errorCode(), "UNKNOWN_ROSTER_ENTRY");
    EXPECT_EQ(foreignAdmin.post("/api/v1/invites", body({{"destination", {{"classId", "5А"}}}, {"role", "student"}, {"label", "x"}}))
                  .errorCode(),
              "UNKNOWN_CLASS")
        << "a link to this school's class from another school's admin";
}

}  // namespace
}  // namespace parta::testing
