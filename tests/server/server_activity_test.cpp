// The activity statistics an admin reports to the director (000 §2.1), against the norms of
// 003 §2.1–2.2 that core/activity holds: GET /api/v1/stats/activity.
#include <gtest/gtest.h>

#include "auth/password_hasher.h"
#include "server/support/school_fixture.h"

namespace parta::testing {
namespace {

using policy::SchoolRole;
using server::NewMessage;
using server::NewUser;

constexpr std::int64_t kHourMs = 3600 * 1000;
constexpr std::int64_t kDayMs = 24 * kHourMs;
// Wednesday 2026-12-02 10:00 UTC; its week began on Monday 2026-11-30 00:00 Moscow time.
constexpr std::int64_t kNowMs = 1796205600000;
constexpr std::int64_t kThisMondayMoscowMs = 1795996800000 - 3 * kHourMs;

class ActivityTest : public SchoolFixture {
protected:
    void SetUp() override {
        SchoolFixture::SetUp();
        server::ServerOptions options = testOptions();
        options.clock = [] { return kNowMs; };
        clockedServer_ = startServer(std::move(options), clockedPort_);
    }
    void TearDown() override {
        clockedServer_.reset();
        SchoolFixture::TearDown();
    }

    // A client of the server whose clock stands at kNowMs.
    HttpClient signedInNow(const Person& person) {
        HttpClient client(clockedPort_);
        EXPECT_EQ(client.signIn(person.login, kPassword).status, 200);
        return client;
    }
    Person addPerson(std::int64_t school, const std::string& login, const std::string& name, NewUser user) {
        user.schoolId = school;
        user.login = login;
        user.name = name;
        user.passwordHash = server::PasswordHasher(server::PasswordCost::TestOnlyMinimal).hash(kPassword);
        user.createdAt = kNowMs - 90 * kDayMs;
        return Person{login, store().createUser(user)};
    }
    Person addTeacher(const std::string& login, const std::string& name, bool verified) {
        NewUser teacher;
        teacher.roles = {SchoolRole::Teacher};
        teacher.verified = verified;
        return addPerson(schoolId, login, name, teacher);
    }
    // `count` messages by `sender` in `chatId` at `at`, straight into the store: the report
    // counts what was posted when, whatever the clock of the moment says.
    std::vector<std::int64_t> post(const Person& sender, std::int64_t school, std::int64_t chatId, int count,
                                   std::int64_t at) {
        std::vector<std::int64_t> ids;
        for (int i = 0; i < count; ++i) {
            NewMessage message;
            message.schoolId = school;
            message.chatId = chatId;
            message.senderId = sender.id;
            message.clientId = sender.login + "-" + std::to_string(at) + "-" + std::to_string(i);
            message.text = "Домашнее задание на завтра, №" + std::to_string(i);
            message.serverTime = at + i;
            ids.push_back(store().postMessage(message).message.id);
        }
        return ids;
    }
    nlohmann::json report(const Person& asWhom, const std::string& query = "?weeks=3&utcOffsetMinutes=180") {
        HttpClient client = signedInNow(asWhom);
        const HttpAnswer answer = client.get("/api/v1/stats/activity" + query);
        EXPECT_EQ(answer.status, 200) << answer.body;
        return answer.json();
    }
    // Into `report`, which must outlive the answer.
    static const nlohmann::json* teacherIn(const nlohmann::json& report, std::int64_t id) {
        for (const nlohmann::json& person : report["teachers"]["people"]) {
            if (person["id"] == id) return &person;
        }
        return nullptr;
    }

private:
    std::unique_ptr<server::ReferenceServer> clockedServer_;
    std::uint16_t clockedPort_ = 0;
};

TEST_F(ActivityTest, ATeacherIsActiveInAWeekWithThreeMessagesAndNotWithTwo) {
    post(classTeacher, schoolId, classChat, 3, kThisMondayMoscowMs - 7 * kDayMs + kHourMs);  // last week
    post(classTeacher, schoolId, parentsChat, 2, kThisMondayMoscowMs + kHourMs);             // this week
    const nlohmann::json stats = report(admin);
    ASSERT_EQ(stats["weeks"].size(), 3u);
    EXPECT_EQ(stats["weeks"][2]["start"], kThisMondayMoscowMs);
    EXPECT_EQ(stats["norms"]["teacherActiveMessagesPerWeek"], 3);
    const nlohmann::json* teacher = teacherIn(stats, classTeacher.id);
    ASSERT_NE(teacher, nullptr) << stats.dump();
    EXPECT_EQ((*teacher)["messagesPerWeek"], nlohmann::json::array({0, 3, 2}));
    EXPECT_EQ((*teacher)["activePerWeek"], nlohmann::json::array({false, true, false}));
    EXPECT_EQ(stats["teachers"]["activeTeachersPerWeek"], nlohmann::json::array({0, 1, 0}));
}

TEST_F(ActivityTest, AWeekEndsAtTheSchoolsMidnightAndDeletedMessagesDoNotCount) {
    // Sunday 22:30 in Moscow is last week; Monday 00:00 there, Sunday 21:00 UTC, is this week.
    post(classTeacher, schoolId, classChat, 3, kThisMondayMoscowMs - 90 * 60 * 1000);
    const std::vector<std::int64_t> thisWeek = post(classTeacher, schoolId, classChat, 3, kThisMondayMoscowMs);
    HttpClient teacher = signedIn(classTeacher);
    const HttpAnswer deleted = remove(teacher, thisWeek.front(), classChat);
    ASSERT_EQ(deleted.status, 200) << deleted.body;

    const nlohmann::json moscowReport = report(admin);
    const nlohmann::json* counted = teacherIn(moscowReport, classTeacher.id);
    ASSERT_NE(counted, nullptr);
    EXPECT_EQ((*counted)["messagesPerWeek"], nlohmann::json::array({0, 3, 2}));
    // Counted in UTC, both batches fall on Sunday, before this week began.
    const nlohmann::json utcReport = report(admin, "?weeks=3&utcOffsetMinutes=0");
    const nlohmann::json* utc = teacherIn(utcReport, classTeacher.id);
    ASSERT_NE(utc, nullptr);
    EXPECT_EQ((*utc)["messagesPerWeek"], nlohmann::json::array({0, 5, 0}));
}

TEST_F(ActivityTest, TeachersAreActivatedOnceConfirmedAgainstTheHundredPercentTarget) {
    const Person unconfirmed = addTeacher("new-teacher", "Антон Новиков", false);
    nlohmann::json stats = report(admin);
    EXPECT_EQ(stats["norms"]["teacherActivationPercent"], 100);
    EXPECT_EQ(stats["teachers"]["activation"],
              (nlohmann::json{{"activated", 1}, {"expected", 2}, {"targetPercent", 100}, {"target", "missed"}}));
    EXPECT_EQ((*teacherIn(stats, unconfirmed.id))["verified"], false);

    // Deleting the unconfirmed teacher's account takes them out of the expected ones.
    HttpClient leaving = signedIn(unconfirmed);
    ASSERT_EQ(leaving.request("DELETE", "/api/v1/account", nlohmann::json{{"password", kPassword}}.dump()).status, 204);
    stats = report(admin);
    EXPECT_EQ(stats["teachers"]["activation"]["expected"], 1);
    EXPECT_EQ(stats["teachers"]["activation"]["target"], "met");
    EXPECT_EQ(teacherIn(stats, unconfirmed.id), nullptr);
}

TEST_F(ActivityTest, AnotherSchoolsTeachersAndMessagesNeverCount) {
    post(strangerTeacher, otherSchoolId, strangerClassChat, 5, kThisMondayMoscowMs + kHourMs);
    const nlohmann::json stats = report(admin);
    EXPECT_EQ(teacherIn(stats, strangerTeacher.id), nullptr);
    EXPECT_EQ(stats["teachers"]["people"].size(), 1u);
    EXPECT_EQ(stats["teachers"]["activeTeachersPerWeek"], nlohmann::json::array({0, 0, 0}));
}

TEST_F(ActivityTest, OnlyTheAdminAndTheDirectorSeeTheStatistics) {
    NewUser directorProfile;
    directorProfile.roles = {SchoolRole::Director};
    const Person director = addPerson(schoolId, "director", "Галина Директорова", directorProfile);
    const struct {
        const Person* who;
        int status;
        const char* code;
    } rows[] = {
        {&admin, 200, ""},
        {&director, 200, ""},
        {&classTeacher, 403, "NOT_ADMIN_OR_DIRECTOR"},
        {&student, 403, "NOT_ADMIN_OR_DIRECTOR"},
        {&parent, 403, "NOT_ADMIN_OR_DIRECTOR"},
    };
    for (const auto& row : rows) {
        HttpClient client = signedInNow(*row.who);
        const HttpAnswer answer = client.get("/api/v1/stats/activity");
        EXPECT_EQ(answer.status, row.status) << row.who->login << ": " << answer.body;
        EXPECT_EQ(answer.errorCode(), row.code) << row.who->login;
    }
}

TEST_F(ActivityTest, ADefaultReportIsFourWeeksAndABadRangeIsRefused) {
    EXPECT_EQ(report(admin, "")["weeks"].size(), 4u);
    HttpClient client = signedInNow(admin);
    for (const char* query : {"?weeks=0", "?weeks=53", "?weeks=two", "?utcOffsetMinutes=841", "?utcOffsetMinutes=-721",
                              "?utcOffsetMinutes=3.5"}) {
        const HttpAnswer answer = client.get(std::string("/api/v1/stats/activity") + query);
        EXPECT_EQ(answer.status, 400) << query;
        EXPECT_EQ(answer.errorCode(), "BAD_REQUEST") << query;
    }
}

}  // namespace
}  // namespace parta::testing
