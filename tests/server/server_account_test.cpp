// Account deletion (001 §4.1.2) and the school's audit log of moderation and administration.
#include <gtest/gtest.h>

#include <thread>

#include "random/uuid.h"
#include "server/support/school_fixture.h"

namespace parta::testing {
namespace {

constexpr const char* kDeletedName = "Удалённый пользователь";

std::string passwordBody(const std::string& password) { return nlohmann::json{{"password", password}}.dump(); }

// The events of `type` in a synced list.
std::vector<nlohmann::json> eventsOf(const nlohmann::json& events, const std::string& type) {
    std::vector<nlohmann::json> found;
    for (const nlohmann::json& event : events) {
        if (event["type"] == type) found.push_back(event[type]);
    }
    return found;
}

class AccountTest : public SchoolFixture {
protected:
    HttpAnswer deleteAccount(HttpClient& client, const std::string& password) {
        return client.request("DELETE", "/api/v1/account", passwordBody(password));
    }
    std::int64_t post(const Person& person, std::int64_t chatId, const std::string& text) {
        HttpClient client = signedIn(person);
        const HttpAnswer answer = send(client, chatId, text);
        EXPECT_EQ(answer.status, 201) << answer.body;
        return answer.json()["message"]["id"].get<std::int64_t>();
    }
    HttpAnswer deleteMessage(HttpClient& client, std::int64_t chatId, std::int64_t messageId) {
        return client.post("/api/v1/messages/" + std::to_string(messageId) + "/delete",
                           nlohmann::json{{"clientId", generateUuidV4()}, {"chatId", chatId}}.dump());
    }
};

TEST_F(AccountTest, DeletingAnAccountTakesThePasswordAndSignsItOutEverywhere) {
    HttpClient phone = signedIn(parent);
    HttpClient laptop = signedIn(parent);
    const HttpAnswer wrong = deleteAccount(phone, "not the password");
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(wrong.errorCode(), "WRONG_PASSWORD");
    EXPECT_EQ(laptop.get("/api/v1/sync?limit=10").status, 200) << "a wrong password deleted something";

    const HttpAnswer deleted = deleteAccount(phone, kPassword);
    EXPECT_EQ(deleted.status, 204);
    EXPECT_NE(deleted.header("set-cookie").find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(laptop.get("/api/v1/sync?limit=10").errorCode(), "SESSION_ENDED");
    EXPECT_EQ(anonymous().signIn(parent.login, kPassword).errorCode(), "WRONG_LOGIN_OR_PASSWORD");
}

TEST_F(AccountTest, MessagesStayUnderTheDeletedNameAndMembersLearnTheRemoval) {
    const std::int64_t messageId = post(parent, parentsChat, "Спасибо за собрание!");
    HttpClient teacher = signedIn(classTeacher);
    const Synced before = syncAll(teacher);
    HttpClient leaving = signedIn(parent);
    ASSERT_EQ(deleteAccount(leaving, kPassword).status, 204);

    const Synced after = syncAll(teacher, before.cursor);
    const std::vector<nlohmann::json> removals = eventsOf(after.events, "membershipRemoved");
    ASSERT_EQ(removals.size(), 2u) << after.events.dump() << ": the parents' chat and the school channel";
    for (const nlohmann::json& removal : removals) EXPECT_EQ(removal["userId"], parent.id);
    const std::vector<nlohmann::json> users = eventsOf(after.events, "user");
    ASSERT_FALSE(users.empty());
    for (const nlohmann::json& user : users) {
        EXPECT_EQ(user["id"], parent.id);
        EXPECT_EQ(user["name"], kDeletedName);
    }

    // Someone syncing from scratch finds the message, its sender under the deleted name, and the
    // old name nowhere.
    HttpClient newcomer = signedIn(classTeacher);
    const Synced fresh = syncAll(newcomer);
    bool messageKept = false;
    for (const nlohmann::json& message : eventsOf(fresh.events, "message")) {
        if (message["id"] == messageId) messageKept = message["text"] == "Спасибо за собрание!";
    }
    EXPECT_TRUE(messageKept);
    EXPECT_EQ(fresh.events.dump().find("Ольга Ученичкова"), std::string::npos) << "the deleted person's name is still sent";
    for (const nlohmann::json& membership : eventsOf(fresh.events, "membership")) EXPECT_NE(membership["userId"], parent.id);
}

TEST_F(AccountTest, ADeletedChildLeavesTheParentsChildren) {
    HttpClient child = signedIn(student);
    ASSERT_EQ(deleteAccount(child, kPassword).status, 204);
    HttpClient mother = signedIn(parent);
    const Synced synced = syncAll(mother);
    const std::vector<nlohmann::json> me = eventsOf(synced.events, "me");
    ASSERT_EQ(me.size(), 1u);
    EXPECT_TRUE(me[0]["children"].empty()) << me[0].dump();
}

TEST_F(AccountTest, AMembersLongPollWakesWhenSomeoneLeaves) {
    HttpClient teacher = signedIn(classTeacher);
    const Synced before = syncAll(teacher);
    std::thread leave([&] {
        waitForParkedPolls(1);
        HttpClient leaving = signedIn(parent);
        EXPECT_EQ(deleteAccount(leaving, kPassword).status, 204);
    });
    const HttpAnswer woken = teacher.get("/api/v1/sync?since=" + before.cursor + "&limit=100");
    leave.join();
    ASSERT_EQ(woken.status, 200);
    EXPECT_FALSE(eventsOf(woken.json()["events"], "membershipRemoved").empty()) << woken.body;
}

TEST_F(AccountTest, TheAuditLogKeepsModerationAndAdministrationNewestFirst) {
    const std::int64_t messageId = post(student, classChat, "Неуместное сообщение");
    HttpClient teacher = signedIn(classTeacher);
    ASSERT_EQ(deleteMessage(teacher, classChat, messageId).status, 200);
    HttpClient school = signedIn(admin);
    ASSERT_EQ(school.del("/api/v1/users/" + std::to_string(parent.id) + "/sessions").status, 200);

    const HttpAnswer answer = school.get("/api/v1/audit");
    ASSERT_EQ(answer.status, 200) << answer.body;
    const nlohmann::json entries = answer.json()["entries"];
    ASSERT_EQ(entries.size(), 2u) << answer.body;
    EXPECT_EQ(entries[0]["action"], "end_sessions");
    EXPECT_EQ(entries[0]["actor"]["id"], admin.id);
    EXPECT_EQ(entries[0]["user"]["id"], parent.id);
    EXPECT_EQ(entries[0]["chatId"], nullptr);
    EXPECT_EQ(entries[1]["action"], "delete_any");
    EXPECT_EQ(entries[1]["actor"]["id"], classTeacher.id);
    EXPECT_EQ(entries[1]["actor"]["name"], "Марина Учителева");
    EXPECT_EQ(entries[1]["user"]["id"], student.id);
    EXPECT_EQ(entries[1]["chatId"], classChat);
    EXPECT_EQ(entries[1]["messageId"], messageId);
    EXPECT_FALSE(answer.json()["more"].get<bool>());
    EXPECT_TRUE(store().auditLog(otherSchoolId, 0, 50).entries.empty()) << "an entry crossed into the other school";
}

TEST_F(AccountTest, WhatPeopleDoToTheirOwnIsNotAudited) {
    const std::int64_t messageId = post(student, classChat, "Опечатка");
    HttpClient own = signedIn(student);
    ASSERT_EQ(deleteMessage(own, classChat, messageId).status, 200);
    ASSERT_EQ(own.del("/api/v1/sessions").status, 204);
    EXPECT_TRUE(signedIn(admin).get("/api/v1/audit").json()["entries"].empty());
}

TEST_F(AccountTest, TheAuditLogPagesBackwardsByEntryId) {
    HttpClient school = signedIn(admin);
    for (const Person* person : {&student, &parent, &classTeacher}) {
        ASSERT_EQ(school.del("/api/v1/users/" + std::to_string(person->id) + "/sessions").status, 200);
    }
    const nlohmann::json first = school.get("/api/v1/audit?limit=2").json();
    ASSERT_EQ(first["entries"].size(), 2u);
    EXPECT_TRUE(first["more"].get<bool>());
    EXPECT_EQ(first["entries"][0]["user"]["id"], classTeacher.id);
    const std::string before = std::to_string(first["entries"][1]["id"].get<std::int64_t>());
    const nlohmann::json rest = school.get("/api/v1/audit?limit=2&before=" + before).json();
    ASSERT_EQ(rest["entries"].size(), 1u);
    EXPECT_EQ(rest["entries"][0]["user"]["id"], student.id);
    EXPECT_FALSE(rest["more"].get<bool>());
}

TEST_F(AccountTest, OnlyAdminsReadTheAuditLogAndBadQueriesAre400) {
    for (const Person* person : {&classTeacher, &student, &parent, &strangerTeacher}) {
        const HttpAnswer answer = signedIn(*person).get("/api/v1/audit");
        EXPECT_EQ(answer.status, 403) << person->login;
        EXPECT_EQ(answer.errorCode(), "NOT_ADMIN") << person->login;
    }
    HttpClient school = signedIn(admin);
    for (const char* query : {"?limit=0", "?limit=201", "?limit=x", "?before=0", "?before=-3", "?before="}) {
        EXPECT_EQ(school.get(std::string("/api/v1/audit") + query).errorCode(), "BAD_REQUEST") << query;
    }
}

}  // namespace
}  // namespace parta::testing
