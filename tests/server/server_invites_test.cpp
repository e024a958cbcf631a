// Invite links and join requests on the server (docs/protocol.md, "Invites and joining"):
// the lifecycle from creation to membership, each way a link ends, the merged errors, the
// approval of join requests, the two schools kept apart, and every refusal of the policy.
#include <gtest/gtest.h>

#include <atomic>
#include <set>

#include "auth/sha256_hex.h"
#include "invite/invite_code.h"
#include "server/support/school_fixture.h"
#include "store/database.h"

namespace parta::testing {
namespace {

using nlohmann::json;

// 2027-01-15: any fixed instant; tests move it, never read the wall clock.
constexpr std::int64_t kStart = 1800000000000;
constexpr std::int64_t kDayMs = 24 * 60 * 60 * 1000;

class ServerInvites : public SchoolFixture {
protected:
    void SetUp() override {
        SchoolFixture::SetUp();
        server::ServerOptions options = testOptions();
        options.clock = [this] { return now_.load(); };
        // The rate-limit test sets its own; the others make many attempts within one instant.
        options.throttles.joinAttemptsPerMinutePerAddress = 1000000;
        options.throttles.joinAttemptsPerMinutePerCode = 1000000;
        options.throttles.joinAttemptsPerMinutePerAccount = 1000000;
        clockServer_ = startServer(options, clockPort_);
    }

    void TearDown() override {
        clockServer_.reset();
        SchoolFixture::TearDown();
    }

    HttpClient as(const Person& person) {
        HttpClient client(clockPort_);
        const HttpAnswer answer = client.signIn(person.login, kPassword);
        EXPECT_EQ(answer.status, 200) << answer.body;
        return client;
    }
    HttpClient nobody() { return HttpClient(clockPort_); }

    // POST /api/v1/invites; `destination` {} is the school.
    HttpAnswer create(HttpClient& client, json destination, const std::string& role, json extra = json::object()) {
        json body = {{"destination", std::move(destination)}, {"role", role}, {"label", "Родительское собрание"}};
        for (auto& [key, value] : extra.items()) body[key] = value;
        return client.post("/api/v1/invites", body.dump());
    }
    // The code of a link that must be created.
    std::string createdCode(HttpClient& client, json destination, const std::string& role, json extra = json::object()) {
        const HttpAnswer answer = create(client, std::move(destination), role, std::move(extra));
        EXPECT_EQ(answer.status, 201) << answer.body;
        return answer.json().value("code", "");
    }
    std::int64_t createdId(HttpClient& client, json destination, const std::string& role, json extra = json::object()) {
        const HttpAnswer answer = create(client, std::move(destination), role, std::move(extra));
        EXPECT_EQ(answer.status, 201) << answer.body;
        return answer.json()["invite"].value("id", std::int64_t{0});
    }
    HttpAnswer preview(HttpClient& client, const std::string& code) {
        return client.get("/api/v1/invites/preview?code=" + code);
    }
    // Accepts as the signed-in account, or, with a login, as a new account.
    HttpAnswer accept(HttpClient& client, const std::string& code, const std::string& newLogin = "",
                      const std::string& childName = "") {
        json body = {{"code", code}};
        if (!newLogin.empty()) body["account"] = {{"login", newLogin}, {"name", "Новенький " + newLogin}, {"password", kPassword}};
        if (!childName.empty()) body["childName"] = childName;
        HttpAnswer answer = client.post("/api/v1/invites/accept", body.dump());
        const std::string setCookie = answer.header("set-cookie");
        if (!setCookie.empty()) client.cookie() = setCookie.substr(0, setCookie.find(';'));
        return answer;
    }
    json invitesOf(HttpClient& client, const std::string& query = "") {
        const HttpAnswer answer = client.get("/api/v1/invites" + query);
        EXPECT_EQ(answer.status, 200) << answer.body;
        return answer.json()["invites"];
    }
    // The chats a first sync of this client shows, by id.
    std::set<std::int64_t> syncedChats(HttpClient& client) {
        std::set<std::int64_t> chats;
        for (const json& event : syncAll(client).events) {
            if (event["type"] == "chat") chats.insert(event["chat"]["id"].get<std::int64_t>());
        }
        return chats;
    }
    // A fresh person of school 1 created in the store, as the roster would have them.
    Person extraPerson(const std::string& login, std::vector<policy::SchoolRole> roles, const std::string& studentOf = "") {
        const server::PasswordHasher hasher(server::PasswordCost::TestOnlyMinimal);
        server::NewUser user;
        user.schoolId = schoolId;
        user.login = login;
        user.name = "Человек " + login;
        user.passwordHash = hasher.hash(kPassword);
        user.roles = std::move(roles);
        user.studentOf = studentOf;
        user.createdAt = kStart;
        return Person{login, store().createUser(user)};
    }

    std::atomic<std::int64_t> now_{kStart};
    std::unique_ptr<server::ReferenceServer> clockServer_;
    std::uint16_t clockPort_ = 0;
};

const json kClass5A = {{"classId", "5А"}};

TEST_F(ServerInvites, ALinkIsCreatedPreviewedAndAcceptedByANewStudentWhoThenSyncsTheClassChat) {
    HttpClient teacher = as(classTeacher);
    const HttpAnswer created = create(teacher, kClass5A, "student");
    ASSERT_EQ(created.status, 201) << created.body;
    const json answer = created.json();
    const std::string code = answer["code"];
    EXPECT_TRUE(invite::parseInviteCode(code).ok());
    EXPECT_EQ(answer["display"], invite::formatInviteCode(code));
    EXPECT_EQ(answer["link"], "https://127.0.0.1/join/" + code);
    EXPECT_EQ(answer["invite"]["state"], "active");
    EXPECT_EQ(answer["invite"]["expiresAt"], kStart + 7 * kDayMs);
    EXPECT_EQ(answer["invite"]["requiresApproval"], false);

    HttpClient newcomer = nobody();
    const HttpAnswer previewed = preview(newcomer, answer["display"].get<std::string>());
    ASSERT_EQ(previewed.status, 200) << previewed.body;
    const json shown = previewed.json()["invite"];
    EXPECT_EQ(shown["school"], "СОШ № 15 (тест)");
    EXPECT_EQ(shown["destination"]["title"], "5А");
    EXPECT_EQ(shown["role"], "student");
    EXPECT_EQ(shown["inviter"], "Марина Учителева");
    EXPECT_FALSE(shown.contains("members"));

    HttpClient classmateClient = as(classmate);
    const Synced before = syncAll(classmateClient);
    const HttpAnswer accepted = accept(newcomer, code, "novichok");
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.json()["joined"], json::array({classChat}));
    EXPECT_NE(accepted.header("set-cookie").find("HttpOnly"), std::string::npos);
    // Signed in by the accept itself: the cookie it set reads the class chat.
    EXPECT_EQ(syncedChats(newcomer), std::set<std::int64_t>{classChat});
    EXPECT_EQ(send(newcomer, classChat, "Всем привет!").status, 201);
    // The classmate's next sync names the newcomer and their membership.
    bool sawNewcomer = false;
    for (const json& event : syncAll(classmateClient, before.cursor).events) {
        if (event["type"] == "membership" && event["membership"]["userId"] == accepted.json()["user"]["id"]) sawNewcomer = true;
    }
    EXPECT_TRUE(sawNewcomer);
    EXPECT_EQ(invitesOf(teacher)[0]["uses"], 1);
}

}  // namespace
}  // namespace parta::testing
