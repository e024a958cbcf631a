// POST /api/v1/chats: a chat of every kind, decided by the policy, starting with the people its
// kind names (core/policy/chat_audience.h), who learn of it by sync at once.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "server/support/school_fixture.h"

namespace parta::testing {
namespace {

class ChatsTest : public SchoolFixture {
protected:
    static HttpAnswer create(HttpClient& client, nlohmann::json body) { return client.post("/api/v1/chats", body.dump()); }
    static nlohmann::json classBound(const char* kind, const char* classId, const char* title) {
        return {{"kind", kind}, {"classId", classId}, {"title", title}};
    }
    static nlohmann::json directWith(std::int64_t userId) {
        return {{"kind", "direct"}, {"title", "Личная переписка"}, {"counterpartId", userId}};
    }
    static std::int64_t chatIdOf(const HttpAnswer& answer) {
        return answer.json()["events"][0]["chat"]["id"].get<std::int64_t>();
    }
    // The members of a chat by its sync events, as one of them sees them.
    std::set<std::int64_t> membersSeenBy(const Person& person, std::int64_t chatId) {
        HttpClient client = signedIn(person);
        std::set<std::int64_t> members;
        for (const nlohmann::json& event : syncAll(client).events) {
            if (event["type"] == "membership" && event["membership"]["chatId"] == chatId) {
                members.insert(event["membership"]["userId"].get<std::int64_t>());
            }
        }
        return members;
    }
};

TEST_F(ChatsTest, AClassTeachersNewClassChatStartsWithTheStudentsOfTheClass) {
    HttpClient teacher = signedIn(classTeacher);
    const HttpAnswer answer = create(teacher, classBound("class_chat", "5А", "5А: проектная неделя"));
    ASSERT_EQ(answer.status, 201) << answer.body;
    const nlohmann::json chat = answer.json()["events"][0]["chat"];
    EXPECT_EQ(chat["kind"], "class_chat");
    EXPECT_EQ(chat["classId"], "5А");
    EXPECT_EQ(chat["title"], "5А: проектная неделя");
    const std::int64_t chatId = chat["id"].get<std::int64_t>();
    EXPECT_EQ(membersSeenBy(student, chatId), (std::set<std::int64_t>{classTeacher.id, student.id, classmate.id}));
    EXPECT_TRUE(membersSeenBy(parent, chatId).empty()) << "a parent was put in a class chat";
}

TEST_F(ChatsTest, EachKindStartsWithThePeopleItsRuleNames) {
    HttpClient teacher = signedIn(classTeacher);
    const std::int64_t parents = chatIdOf(create(teacher, classBound("parents_chat", "5А", "Родители 5А: экскурсия")));
    EXPECT_EQ(membersSeenBy(classTeacher, parents), (std::set<std::int64_t>{classTeacher.id, parent.id}));
    const std::int64_t subject = chatIdOf(create(teacher, classBound("subject_chat", "5А", "Математика 5А")));
    EXPECT_EQ(membersSeenBy(classTeacher, subject), (std::set<std::int64_t>{classTeacher.id, student.id, classmate.id}));
    const std::int64_t colleagues = chatIdOf(create(teacher, classBound("class_teachers_chat", "5А", "Педагоги 5А")));
    EXPECT_EQ(membersSeenBy(classTeacher, colleagues), (std::set<std::int64_t>{classTeacher.id}));
    HttpClient school = signedIn(admin);
    const std::int64_t room = chatIdOf(create(school, {{"kind", "teachers_room"}, {"title", "Учительская"}}));
    EXPECT_EQ(membersSeenBy(admin, room), (std::set<std::int64_t>{admin.id, classTeacher.id}));
    const std::int64_t management = chatIdOf(create(school, {{"kind", "management_chat"}, {"title", "Совещание"}}));
    EXPECT_EQ(membersSeenBy(admin, management), (std::set<std::int64_t>{admin.id}));
}

TEST_F(ChatsTest, ADirectChatHasBothPeopleAndASecondRequestAnswersTheSameChat) {
    HttpClient mother = signedIn(parent);
    const HttpAnswer first = create(mother, directWith(classTeacher.id));
    ASSERT_EQ(first.status, 201) << first.body;
    const std::int64_t chatId = chatIdOf(first);
    EXPECT_EQ(membersSeenBy(classTeacher, chatId), (std::set<std::int64_t>{parent.id, classTeacher.id}));
    HttpClient teacher = signedIn(classTeacher);
    const HttpAnswer again = create(teacher, directWith(parent.id));
    EXPECT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(chatIdOf(again), chatId);
}

TEST_F(ChatsTest, TheNewChatsMembersLongPollsWake) {
    HttpClient pupil = signedIn(student);
    const Synced before = syncAll(pupil);
    std::thread creation([&] {
        waitForParkedPolls(1);
        HttpClient teacher = signedIn(classTeacher);
        EXPECT_EQ(create(teacher, classBound("subject_chat", "5А", "Литература 5А")).status, 201);
    });
    const HttpAnswer woken = pupil.get("/api/v1/sync?since=" + before.cursor + "&limit=100");
    creation.join();
    ASSERT_EQ(woken.status, 200);
    bool sawChat = false;
    const nlohmann::json page = woken.json();
    for (const nlohmann::json& event : page["events"]) sawChat |= event["type"] == "chat";
    EXPECT_TRUE(sawChat) << woken.body;
}

struct CreateCase {
    const char* behaviour;
    const Person* creator;
    nlohmann::json body;
    int status;
    const char* code;
};

TEST_F(ChatsTest, EveryRefusalIsThePolicysOrTheBodysFault) {
    const CreateCase cases[] = {
        {"a student does not create a class chat", &student, classBound("class_chat", "5А", "Наш чат"), 403, "ROLE_NOT_ALLOWED"},
        {"a class teacher creates no chat of another class", &classTeacher, classBound("class_chat", "6Б", "6Б"), 403, "NOT_CLASS_TEACHER"},
        {"a parent does not create a parents' chat", &parent, classBound("parents_chat", "5А", "Родители"), 403, "ROLE_NOT_ALLOWED"},
        {"a student writes directly to staff only", &student, directWith(0), 400, "BAD_REQUEST"},
        {"a student may not start a direct chat with a classmate", &student, directWith(0), 403, "DIRECT_STAFF_ONLY"},
        {"nobody talks to another school's person", &parent, directWith(0), 404, "UNKNOWN_USER"},
        {"nobody starts a direct chat with themselves", &parent, directWith(0), 404, "UNKNOWN_USER"},
        {"an unknown kind", &admin, {{"kind", "group"}, {"title", "Группа"}}, 400, "BAD_REQUEST"},
        {"a class-bound chat names its class", &classTeacher, {{"kind", "class_chat"}, {"title", "Без класса"}}, 400, "BAD_REQUEST"},
        {"a direct chat names its counterpart", &parent, {{"kind", "direct"}, {"title", "Кому?"}}, 400, "BAD_REQUEST"},
        {"only a direct chat has a counterpart", &admin, {{"kind", "management_chat"}, {"title", "Совет"}, {"counterpartId", 1}}, 400, "BAD_REQUEST"},
        {"an unknown field", &admin, {{"kind", "management_chat"}, {"title", "Совет"}, {"members", nlohmann::json::array()}}, 400, "BAD_REQUEST"},
        {"a title is required", &admin, {{"kind", "management_chat"}}, 400, "BAD_REQUEST"},
    };
    // Ids known only now.
    std::vector<CreateCase> table(std::begin(cases), std::end(cases));
    table[3].body = {{"kind", "direct"}, {"title", "x"}, {"counterpartId", "not an id"}};
    table[4].body = directWith(classmate.id);
    table[5].body = directWith(strangerTeacher.id);
    table[6].body = directWith(parent.id);
    const std::int64_t eventsBefore = store().lastEventId(schoolId);
    for (const CreateCase& c : table) {
        HttpClient client = signedIn(*c.creator);
        const HttpAnswer answer = create(client, c.body);
        EXPECT_EQ(answer.status, c.status) << c.behaviour << ": " << answer.body;
        EXPECT_EQ(answer.errorCode(), c.code) << c.behaviour;
    }
    EXPECT_EQ(store().lastEventId(schoolId), eventsBefore) << "a refused creation wrote something";
}

}  // namespace
}  // namespace parta::testing
