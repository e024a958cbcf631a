// Moderation in a chat: pin, mute and remove (001 §3.4.7: the class teacher moderates the
// class's chats). Each is decided by the policy, reaches the chat's readers by sync, and is
// written to the audit log.
#include <gtest/gtest.h>

#include <thread>

#include "server/support/school_fixture.h"

namespace parta::testing {
namespace {

std::vector<nlohmann::json> eventsOf(const nlohmann::json& events, const std::string& type) {
    std::vector<nlohmann::json> found;
    for (const nlohmann::json& event : events) {
        if (event["type"] == type) found.push_back(event[type]);
    }
    return found;
}

class ModerationTest : public SchoolFixture {
protected:
    std::int64_t post(const Person& person, std::int64_t chatId, const std::string& text) {
        HttpClient client = signedIn(person);
        const HttpAnswer answer = send(client, chatId, text);
        EXPECT_EQ(answer.status, 201) << answer.body;
        return answer.json()["message"]["id"].get<std::int64_t>();
    }
    static HttpAnswer pin(HttpClient& client, std::int64_t chatId, std::int64_t messageId, bool pinned) {
        return client.post("/api/v1/messages/" + std::to_string(messageId) + "/pin",
                           nlohmann::json{{"chatId", chatId}, {"pinned", pinned}}.dump());
    }
    static HttpAnswer mute(HttpClient& client, std::int64_t chatId, std::int64_t userId, bool muted) {
        return client.post(memberPath(chatId, userId) + "/mute", nlohmann::json{{"muted", muted}}.dump());
    }
    static HttpAnswer remove(HttpClient& client, std::int64_t chatId, std::int64_t userId) {
        return client.del(memberPath(chatId, userId));
    }
    static std::string memberPath(std::int64_t chatId, std::int64_t userId) {
        return "/api/v1/chats/" + std::to_string(chatId) + "/members/" + std::to_string(userId);
    }
    std::vector<std::string> auditActions() {
        std::vector<std::string> actions;
        for (const server::AuditEntry& entry : store().auditLog(schoolId, 0, 100).entries) actions.push_back(entry.action);
        return actions;
    }
};

TEST_F(ModerationTest, AClassTeacherPinsAndUnpinsAMessageThatMembersSeeByItsCopy) {
    const std::int64_t messageId = post(student, classChat, "Расписание на неделю");
    HttpClient classmateClient = signedIn(classmate);
    const Synced before = syncAll(classmateClient);
    HttpClient teacher = signedIn(classTeacher);

    const HttpAnswer pinned = pin(teacher, classChat, messageId, true);
    ASSERT_EQ(pinned.status, 200) << pinned.body;
    const std::vector<nlohmann::json> copies = eventsOf(pinned.json()["events"], "message");
    ASSERT_EQ(copies.size(), 1u);
    EXPECT_EQ(copies[0]["pinned"], true);
    const Synced after = syncAll(classmateClient, before.cursor);
    const std::vector<nlohmann::json> seen = eventsOf(after.events, "message");
    ASSERT_EQ(seen.size(), 1u) << after.events.dump();
    EXPECT_EQ(seen[0]["id"], messageId);
    EXPECT_EQ(seen[0]["pinned"], true);

    EXPECT_TRUE(pin(teacher, classChat, messageId, true).json()["events"].empty()) << "pinning twice changed something";
    EXPECT_EQ(eventsOf(pin(teacher, classChat, messageId, false).json()["events"], "message")[0]["pinned"], false);
    EXPECT_EQ(auditActions(), (std::vector<std::string>{"unpin", "pin"}));
}

TEST_F(ModerationTest, AMutedStudentReadsButCannotPostUntilUnmuted) {
    HttpClient teacher = signedIn(classTeacher);
    const HttpAnswer muted = mute(teacher, classChat, student.id, true);
    ASSERT_EQ(muted.status, 200) << muted.body;
    const std::vector<nlohmann::json> memberships = eventsOf(muted.json()["events"], "membership");
    ASSERT_EQ(memberships.size(), 1u);
    EXPECT_EQ(memberships[0]["role"], "readonly");

    HttpClient pupil = signedIn(student);
    EXPECT_EQ(send(pupil, classChat, "Можно сказать?").errorCode(), "READ_ONLY_MEMBER");
    EXPECT_EQ(pupil.get("/api/v1/sync?limit=100").status, 200);
    ASSERT_EQ(mute(teacher, classChat, student.id, false).status, 200);
    EXPECT_EQ(send(pupil, classChat, "Спасибо!").status, 201);
    EXPECT_EQ(auditActions(), (std::vector<std::string>{"unmute_member", "mute_member"}));
}

TEST_F(ModerationTest, ARemovedStudentLearnsItAndReceivesNothingMoreOfTheChat) {
    HttpClient pupil = signedIn(student);
    const Synced before = syncAll(pupil);
    HttpClient teacher = signedIn(classTeacher);
    std::thread removal([&] {
        waitForParkedPolls(1);
        const HttpAnswer removed = remove(teacher, classChat, student.id);
        EXPECT_EQ(removed.status, 200) << removed.body;
        EXPECT_EQ(eventsOf(removed.json()["events"], "membershipRemoved").size(), 1u);
    });
    // The removed student's own long-poll wakes with the removal, though the chat is no longer theirs.
    const HttpAnswer woken = pupil.get("/api/v1/sync?since=" + before.cursor + "&limit=100");
    removal.join();
    ASSERT_EQ(woken.status, 200);
    const std::vector<nlohmann::json> removals = eventsOf(woken.json()["events"], "membershipRemoved");
    ASSERT_EQ(removals.size(), 1u) << woken.body;
    EXPECT_EQ(removals[0]["chatId"], classChat);
    EXPECT_EQ(removals[0]["userId"], student.id);

    post(classmate, classChat, "Без Пети");
    // A snapshot taken now holds neither the chat nor anything said in it since.
    const Synced snapshot = syncAll(pupil);
    for (const nlohmann::json& chat : eventsOf(snapshot.events, "chat")) EXPECT_NE(chat["id"], classChat);
    for (const nlohmann::json& message : eventsOf(snapshot.events, "message")) EXPECT_NE(message["chatId"], classChat);
    EXPECT_EQ(send(pupil, classChat, "Я ещё здесь?").errorCode(), "NOT_MEMBER");
    EXPECT_EQ(auditActions(), (std::vector<std::string>{"remove_member"}));
}

struct ModerationCase {
    const char* behaviour;
    const Person* moderator;
    std::string path;
    std::string body;  // POST with it; empty: DELETE
    int status;
    const char* code;
};

TEST_F(ModerationTest, EveryRefusalIsThePolicysOrAnUnknownTarget) {
    const std::int64_t inClass = post(classmate, classChat, "Сообщение");
    const std::int64_t inParents = post(parent, parentsChat, "Вопрос родителей");
    const auto pinPath = [](std::int64_t id) { return "/api/v1/messages/" + std::to_string(id) + "/pin"; };
    const auto pinBody = [](std::int64_t chatId) { return nlohmann::json{{"chatId", chatId}, {"pinned", true}}.dump(); };
    const std::string mutes = nlohmann::json{{"muted", true}}.dump();
    const ModerationCase cases[] = {
        {"a student may not pin in the class chat", &student, pinPath(inClass), pinBody(classChat), 403, "NOT_CHAT_MODERATOR"},
        {"a parent may not pin in the parents' chat", &parent, pinPath(inParents), pinBody(parentsChat), 403, "NOT_CHAT_MODERATOR"},
        {"a student may not mute a classmate", &student, memberPath(classChat, classmate.id) + "/mute", mutes, 403, "NOT_CHAT_MODERATOR"},
        {"a student may not remove a classmate", &student, memberPath(classChat, classmate.id), "", 403, "NOT_CHAT_MODERATOR"},
        {"a student may not remove the class teacher", &student, memberPath(classChat, classTeacher.id), "", 403, "NOT_CHAT_MODERATOR"},
        {"the class teacher may not remove themselves", &classTeacher, memberPath(classChat, classTeacher.id), "", 403, "RANK_TOO_LOW"},
        {"a non-member is no one to mute", &classTeacher, memberPath(classChat, parent.id) + "/mute", mutes, 404, "UNKNOWN_MEMBER"},
        {"a message of another chat is unknown", &classTeacher, pinPath(inParents), pinBody(classChat), 404, "UNKNOWN_MESSAGE"},
        {"another school's teacher finds no such chat", &strangerTeacher, memberPath(classChat, student.id), "", 404, "UNKNOWN_CHAT"},
        {"another school's teacher cannot pin here", &strangerTeacher, pinPath(inClass), pinBody(classChat), 404, "UNKNOWN_CHAT"},
        {"a pin needs its flag", &classTeacher, pinPath(inClass), nlohmann::json{{"chatId", classChat}}.dump(), 400, "BAD_REQUEST"},
        {"a mute's flag is a boolean", &classTeacher, memberPath(classChat, student.id) + "/mute", R"({"muted": "yes"})", 400, "BAD_REQUEST"},
        {"a member path needs a plain id", &classTeacher, "/api/v1/chats/" + std::to_string(classChat) + "/members/abc", "", 404, "NOT_FOUND"},
    };
    for (const ModerationCase& c : cases) {
        HttpClient client = signedIn(*c.moderator);
        const HttpAnswer answer = c.body.empty() ? client.del(c.path) : client.post(c.path, c.body);
        EXPECT_EQ(answer.status, c.status) << c.behaviour << ": " << answer.body;
        EXPECT_EQ(answer.errorCode(), c.code) << c.behaviour;
    }
    EXPECT_TRUE(auditActions().empty()) << "a refused act was audited";
    EXPECT_EQ(send(*std::make_unique<HttpClient>(signedIn(student)), classChat, "Я всё ещё в чате").status, 201);
}

}  // namespace
}  // namespace parta::testing
