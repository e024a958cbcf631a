// Invite links and join requests on the server (docs/protocol.md, "Invites and joining"):
// the lifecycle from creation to membership, each way a link ends, the merged errors, the
// approval of join requests, the two schools kept apart, and every refusal of the policy.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
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
    // Not behind a TLS proxy: the server itself speaks plain http.
    EXPECT_EQ(answer["link"], "http://127.0.0.1/join/" + code);
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
    // Signed in by the accept itself: the cookie it set reads the class chat, and the school
    // channel that every student reads without joining.
    EXPECT_EQ(syncedChats(newcomer), (std::set<std::int64_t>{schoolChannel, classChat}));
    EXPECT_EQ(send(newcomer, classChat, "Всем привет!").status, 201);
    // The classmate's next sync names the newcomer and their membership.
    bool sawNewcomer = false;
    for (const json& event : syncAll(classmateClient, before.cursor).events) {
        if (event["type"] == "membership" && event["membership"]["userId"] == accepted.json()["user"]["id"]) sawNewcomer = true;
    }
    EXPECT_TRUE(sawNewcomer);
    EXPECT_EQ(invitesOf(teacher)[0]["uses"], 1);
}

TEST_F(ServerInvites, AnExistingAccountJoinsWithoutANewSignInAndItsNextSyncBringsTheChatWhole) {
    const Person newStudent = extraPerson("new-student", {policy::SchoolRole::Student});
    HttpClient teacher = as(classTeacher);
    ASSERT_EQ(send(teacher, classChat, "Завтра контрольная").status, 201);
    const std::string code = createdCode(teacher, kClass5A, "student");
    HttpClient joiner = as(newStudent);
    const Synced before = syncAll(joiner);
    const HttpAnswer accepted = accept(joiner, code);
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_TRUE(accepted.header("set-cookie").empty());
    // The class chat's history came before the joiner's cursor, so the next sync starts over
    // (`reset`, then the snapshot): the profile that now names the class, the chat, its members
    // and the message written before the joiner came.
    const json events = syncAll(joiner, before.cursor).events;
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events[0]["type"], "reset");
    json me;
    std::set<std::int64_t> members, chats;
    std::vector<std::string> texts;
    for (const json& event : events) {
        const std::string type = event.value("type", "");
        if (type == "me") me = event["me"];
        if (type == "chat") chats.insert(event["chat"]["id"].get<std::int64_t>());
        if (type == "message") texts.push_back(event["message"]["text"]);
        if (type == "membership" && event["membership"]["chatId"] == classChat) {
            members.insert(event["membership"]["userId"].get<std::int64_t>());
        }
    }
    EXPECT_EQ(chats, (std::set<std::int64_t>{schoolChannel, classChat}));
    EXPECT_EQ(texts, std::vector<std::string>{"Завтра контрольная"});
    EXPECT_EQ(me["studentOf"], "5А");
    EXPECT_EQ(members, (std::set<std::int64_t>{classTeacher.id, student.id, classmate.id, newStudent.id}));
    EXPECT_EQ(store().studentClass(schoolId, newStudent.id), std::optional<std::string>("5А"));
}

TEST_F(ServerInvites, AJoiningNewcomerWakesTheLongPollsOfTheChatsMembers) {
    HttpClient teacher = as(classTeacher);
    const std::string code = createdCode(teacher, kClass5A, "student");
    HttpClient classmateClient = as(classmate);
    const Synced before = syncAll(classmateClient);
    std::future<HttpAnswer> poll =
        std::async(std::launch::async, [&] { return classmateClient.get("/api/v1/sync?since=" + before.cursor); });
    // Bounded: the poll is parked within milliseconds.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (clockServer_->waitingPolls() < 1 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ASSERT_EQ(clockServer_->waitingPolls(), 1u);
    HttpClient newcomer = nobody();
    const HttpAnswer accepted = accept(newcomer, code, "woken");
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    const HttpAnswer woken = poll.get();
    ASSERT_EQ(woken.status, 200) << woken.body;
    const json page = woken.json();
    bool sawNewcomer = false;
    for (const json& event : page["events"]) {
        if (event["type"] == "membership" && event["membership"]["userId"] == accepted.json()["user"]["id"]) sawNewcomer = true;
    }
    EXPECT_TRUE(sawNewcomer) << woken.body;
}

TEST_F(ServerInvites, BadBodiesAnswer400AndChangeNothing) {
    HttpClient teacher = as(classTeacher);
    const std::string code = createdCode(teacher, {{"chatId", parentsChat}}, "parent");
    HttpClient anyone = nobody();
    EXPECT_EQ(anyone.post("/api/v1/invites/accept", "{").errorCode(), "BAD_REQUEST");
    EXPECT_EQ(anyone.post("/api/v1/invites/accept", json{{"code", code}, {"phone", "+7"}}.dump()).errorCode(), "BAD_REQUEST");
    EXPECT_EQ(anyone.post("/api/v1/invites/accept",
                          json{{"code", code}, {"account", {{"login", "x"}, {"name", "Икс"}, {"password", kPassword}, {"email", "x@y"}}}}.dump())
                  .errorCode(),
              "BAD_REQUEST")
        << "no e-mail or outside profile (001 §2.3)";
    HttpClient signedIn = as(parent);
    EXPECT_EQ(accept(signedIn, code, "second-account").errorCode(), "BAD_REQUEST") << "an account while signed in";
    EXPECT_EQ(invitesOf(teacher)[0]["uses"], 0);

    HttpClient newParent = nobody();
    ASSERT_EQ(accept(newParent, code, "dad", "Петя").status, 202);
    const std::string base = "/api/v1/join-requests/" +
                             std::to_string(teacher.get("/api/v1/join-requests").json()["joinRequests"][0]["id"].get<std::int64_t>());
    EXPECT_EQ(teacher.post(base + "/approve", json{{"childId", "one"}}.dump()).errorCode(), "BAD_REQUEST");
    EXPECT_EQ(teacher.post(base + "/decline", json{{"childId", student.id}}.dump()).errorCode(), "BAD_REQUEST");
    EXPECT_EQ(teacher.post("/api/v1/invites/revoke-unused", "{}").errorCode(), "BAD_REQUEST");
    EXPECT_EQ(teacher.get("/api/v1/invites/accept").status, 405);
    EXPECT_EQ(teacher.post("/api/v1/join-requests/0/approve", "").status, 404);
    EXPECT_EQ(teacher.get("/api/v1/join-requests").json()["joinRequests"].size(), 1u) << "still pending";
}

TEST_F(ServerInvites, ALinkPastItsExpiryAnswersExpiredAndAdmitsNobody) {
    HttpClient teacher = as(classTeacher);
    const std::string code = createdCode(teacher, kClass5A, "student");
    now_ += 7 * kDayMs;
    HttpClient newcomer = nobody();
    EXPECT_EQ(preview(newcomer, code).errorCode(), "EXPIRED");
    const HttpAnswer accepted = accept(newcomer, code, "late");
    EXPECT_EQ(accepted.status, 410);
    EXPECT_EQ(accepted.errorCode(), "EXPIRED");
    EXPECT_EQ(newcomer.signIn("late", kPassword).status, 401) << "no account was created";
    EXPECT_EQ(invitesOf(teacher)[0]["state"], "expired");
}

TEST_F(ServerInvites, ALinkLivesAtMostThirtyDaysAndTheServerRefusesALongerOne) {
    HttpClient teacher = as(classTeacher);
    EXPECT_EQ(create(teacher, kClass5A, "student", {{"expiresAt", kStart + 30 * kDayMs + 1}}).status, 400);
    EXPECT_EQ(create(teacher, kClass5A, "student", {{"expiresAt", kStart}}).status, 400);
    EXPECT_EQ(create(teacher, kClass5A, "student", {{"usageLimit", 0}}).status, 400);
    EXPECT_EQ(create(teacher, kClass5A, "student", {{"code", "PAB0"}}).status, 400);
    EXPECT_EQ(create(teacher, json::array(), "student").status, 400);
    EXPECT_EQ(create(teacher, kClass5A, "king").status, 400);
    EXPECT_TRUE(invitesOf(teacher).empty()) << "bad input stores nothing";
    EXPECT_EQ(create(teacher, kClass5A, "student", {{"expiresAt", kStart + 30 * kDayMs}}).status, 201);
}

TEST_F(ServerInvites, ALinkOfUsageLimitOneAdmitsOnePersonAndThenAnswersUsageLimitReached) {
    HttpClient teacher = as(classTeacher);
    const std::string code = createdCode(teacher, kClass5A, "student", {{"usageLimit", 1}});
    HttpClient first = nobody();
    EXPECT_EQ(accept(first, code, "first").status, 200);
    HttpClient second = nobody();
    EXPECT_EQ(preview(second, code).errorCode(), "USAGE_LIMIT_REACHED");
    const HttpAnswer refused = accept(second, code, "second");
    EXPECT_EQ(refused.status, 410);
    EXPECT_EQ(refused.errorCode(), "USAGE_LIMIT_REACHED");
    EXPECT_EQ(invitesOf(teacher)[0]["state"], "exhausted");
}

TEST_F(ServerInvites, EightPeopleRacingForTheLastThreeUsesAdmitExactlyThree) {
    HttpClient teacher = as(classTeacher);
    const std::string code = createdCode(teacher, kClass5A, "student", {{"usageLimit", 3}});
    std::vector<std::future<HttpAnswer>> attempts;
    for (int person = 0; person < 8; ++person) {
        attempts.push_back(std::async(std::launch::async, [&, person] {
            HttpClient racer = nobody();
            return accept(racer, code, "racer-" + std::to_string(person));
        }));
    }
    int joined = 0;
    int refused = 0;
    for (std::future<HttpAnswer>& attempt : attempts) {
        const HttpAnswer answer = attempt.get();
        if (answer.status == 200) ++joined;
        if (answer.errorCode() == "USAGE_LIMIT_REACHED") ++refused;
    }
    EXPECT_EQ(joined, 3);
    EXPECT_EQ(refused, 5);
    EXPECT_EQ(invitesOf(teacher)[0]["uses"], 3);
    EXPECT_EQ(store().memberIds(classChat).size(), 3u + 3u) << "the teacher, the two students and three racers";
}

TEST_F(ServerInvites, ARevokedLinkAnUnknownCodeAndAnotherSchoolsLinkAnswerTheSameBytes) {
    HttpClient teacher = as(classTeacher);
    const std::string revoked = createdCode(teacher, kClass5A, "student");
    const std::int64_t revokedId = invitesOf(teacher)[0]["id"];
    const HttpAnswer revocation = teacher.post("/api/v1/invites/" + std::to_string(revokedId) + "/revoke", "");
    ASSERT_EQ(revocation.status, 200) << revocation.body;
    EXPECT_EQ(revocation.json()["invite"]["state"], "revoked");
    HttpClient otherTeacher = as(strangerTeacher);
    const std::string otherSchools = createdCode(otherTeacher, {{"classId", "7Б"}}, "student");
    const std::string neverIssued = invite::generateInviteCode();

    HttpClient signedInStudent = as(classmate);
    const HttpAnswer unknownAccept = accept(signedInStudent, neverIssued);
    EXPECT_EQ(unknownAccept.status, 404);
    EXPECT_EQ(unknownAccept.errorCode(), "INVALID_OR_REVOKED");
    for (const std::string& code : {revoked, otherSchools}) {
        const HttpAnswer answer = accept(signedInStudent, code);
        EXPECT_EQ(answer.status, unknownAccept.status);
        EXPECT_EQ(answer.body, unknownAccept.body);
    }
    HttpClient anyone = nobody();
    const HttpAnswer unknownPreview = preview(anyone, neverIssued);
    const HttpAnswer revokedPreview = preview(anyone, revoked);
    EXPECT_EQ(revokedPreview.status, 404);
    EXPECT_EQ(revokedPreview.body, unknownPreview.body);
    EXPECT_EQ(syncedChats(signedInStudent), (std::set<std::int64_t>{schoolChannel, classChat})) << "joined nothing";
}

TEST_F(ServerInvites, RevokeUnusedRevokesTheClassesUnusedActiveLinksThatTheCallerMayRevoke) {
    HttpClient teacher = as(classTeacher);
    HttpClient director = as(admin);
    const std::string unusedOwn = createdCode(teacher, kClass5A, "student");
    const std::string used = createdCode(teacher, kClass5A, "student");
    const std::string adminsOwn = createdCode(director, kClass5A, "student");
    ASSERT_EQ(director.post("/api/v1/classes", json{{"classId", "5Б"}}.dump()).status, 201);
    const std::string otherClass = createdCode(director, {{"classId", "5Б"}}, "student");
    HttpClient newcomer = nobody();
    ASSERT_EQ(accept(newcomer, used, "used-once").status, 200);

    const HttpAnswer teachers = teacher.post("/api/v1/invites/revoke-unused", json{{"classId", "5А"}}.dump());
    ASSERT_EQ(teachers.status, 200) << teachers.body;
    EXPECT_EQ(teachers.json()["revoked"], 1) << "only the teacher's own unused link";
    const HttpAnswer admins = director.post("/api/v1/invites/revoke-unused", json{{"classId", "5А"}}.dump());
    EXPECT_EQ(admins.json()["revoked"], 1) << "the admin's link of 5А; the used one stays";
    HttpClient anyone = nobody();
    EXPECT_EQ(preview(anyone, unusedOwn).errorCode(), "INVALID_OR_REVOKED");
    EXPECT_EQ(preview(anyone, adminsOwn).errorCode(), "INVALID_OR_REVOKED");
    EXPECT_EQ(preview(anyone, used).status, 200);
    EXPECT_EQ(preview(anyone, otherClass).status, 200);
}

TEST_F(ServerInvites, AnAccountWhoseRolesCannotTakeTheGrantedRoleIsARoleConflict) {
    HttpClient teacher = as(classTeacher);
    const std::string studentLink = createdCode(teacher, kClass5A, "student");
    const std::string parentLink = createdCode(teacher, {{"chatId", parentsChat}}, "parent");
    HttpClient parentClient = as(parent);
    const HttpAnswer parentAsStudent = accept(parentClient, studentLink);
    EXPECT_EQ(parentAsStudent.status, 409);
    EXPECT_EQ(parentAsStudent.errorCode(), "ROLE_CONFLICT");
    HttpClient studentClient = as(student);
    EXPECT_EQ(accept(studentClient, parentLink).errorCode(), "ROLE_CONFLICT");
    const Person otherClassStudent = extraPerson("six-b", {policy::SchoolRole::Student}, "6Б");
    HttpClient otherClient = as(otherClassStudent);
    EXPECT_EQ(accept(otherClient, studentLink).errorCode(), "ROLE_CONFLICT") << "a link does not move a student";
    EXPECT_EQ(invitesOf(teacher)[1]["uses"], 0);
}

TEST_F(ServerInvites, AMemberAcceptingAgainIsAlreadyMemberAndATakenLoginCreatesNothing) {
    HttpClient teacher = as(classTeacher);
    const std::string code = createdCode(teacher, kClass5A, "student");
    HttpClient studentClient = as(student);
    const HttpAnswer again = accept(studentClient, code);
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.errorCode(), "ALREADY_MEMBER");
    HttpClient newcomer = nobody();
    const HttpAnswer taken = accept(newcomer, code, "student");
    EXPECT_EQ(taken.status, 409);
    EXPECT_EQ(taken.errorCode(), "LOGIN_TAKEN");
    EXPECT_TRUE(newcomer.cookie().empty());
    EXPECT_EQ(invitesOf(teacher)[0]["uses"], 0);
    HttpClient unsigned_ = nobody();
    EXPECT_EQ(unsigned_.post("/api/v1/invites/accept", json{{"code", code}}.dump()).errorCode(), "NOT_SIGNED_IN");
}

TEST_F(ServerInvites, AParentsRequestApprovedWithTheirChildJoinsTheParentsChatLinkedToTheChild) {
    HttpClient teacher = as(classTeacher);
    const HttpAnswer created = create(teacher, {{"chatId", parentsChat}}, "parent");
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.json()["invite"]["requiresApproval"], true);
    const std::string code = created.json()["code"];

    HttpClient newParent = nobody();
    const HttpAnswer filed = accept(newParent, code, "mama", "Петя Ученичков");
    ASSERT_EQ(filed.status, 202) << filed.body;
    EXPECT_EQ(filed.json()["joinRequest"]["state"], "pending");
    EXPECT_EQ(accept(newParent, code).errorCode(), "REQUEST_ALREADY_PENDING");
    EXPECT_EQ(syncedChats(newParent), std::set<std::int64_t>{}) << "a member of nothing until approved";

    const HttpAnswer listed = teacher.get("/api/v1/join-requests");
    ASSERT_EQ(listed.status, 200) << listed.body;
    ASSERT_EQ(listed.json()["joinRequests"].size(), 1u);
    const json request = listed.json()["joinRequests"][0];
    EXPECT_EQ(request["childName"], "Петя Ученичков");
    EXPECT_EQ(request["role"], "parent");
    const std::string approvePath = "/api/v1/join-requests/" + std::to_string(request["id"].get<std::int64_t>()) + "/approve";

    EXPECT_EQ(teacher.post(approvePath, json{{"childId", stranger.id}}.dump()).errorCode(), "UNKNOWN_CHILD");
    EXPECT_EQ(teacher.post(approvePath, "").errorCode(), "NOT_YOUR_CLASS") << "a parent of no child of 5А";
    const Person otherClassStudent = extraPerson("six-b", {policy::SchoolRole::Student}, "6Б");
    EXPECT_EQ(teacher.post(approvePath, json{{"childId", otherClassStudent.id}}.dump()).errorCode(), "NOT_YOUR_CLASS");

    HttpClient parentsMember = as(parent);
    const Synced before = syncAll(parentsMember);
    const HttpAnswer approved = teacher.post(approvePath, json{{"childId", student.id}}.dump());
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(approved.json()["joinRequest"]["state"], "approved");
    EXPECT_EQ(teacher.post(approvePath, json{{"childId", student.id}}.dump()).errorCode(), "REQUEST_ALREADY_DECIDED");

    const Synced synced = syncAll(newParent);
    json me;
    std::set<std::int64_t> chats;
    for (const json& event : synced.events) {
        if (event["type"] == "me") me = event["me"];
        if (event["type"] == "chat") chats.insert(event["chat"]["id"].get<std::int64_t>());
    }
    EXPECT_EQ(chats, (std::set<std::int64_t>{schoolChannel, parentsChat}));
    EXPECT_EQ(me["children"], json::array({{{"userId", student.id}, {"classId", "5А"}}}));
    bool sawNewParent = false;
    for (const json& event : syncAll(parentsMember, before.cursor).events) {
        if (event["type"] == "membership" && event["membership"]["userId"] == filed.json()["user"]["id"]) sawNewParent = true;
    }
    EXPECT_TRUE(sawNewParent);
    EXPECT_TRUE(teacher.get("/api/v1/join-requests").json()["joinRequests"].empty());
}

TEST_F(ServerInvites, ADeclinedRequestAdmitsToNothing) {
    HttpClient teacher = as(classTeacher);
    const std::string code = createdCode(teacher, {{"chatId", parentsChat}}, "parent");
    HttpClient newParent = nobody();
    const HttpAnswer filed = accept(newParent, code, "papa", "Петя");
    ASSERT_EQ(filed.status, 202) << filed.body;
    const std::int64_t requestId = teacher.get("/api/v1/join-requests").json()["joinRequests"][0]["id"];
    const HttpAnswer declined = teacher.post("/api/v1/join-requests/" + std::to_string(requestId) + "/decline", "");
    ASSERT_EQ(declined.status, 200) << declined.body;
    EXPECT_EQ(declined.json()["joinRequest"]["state"], "declined");
    EXPECT_EQ(syncedChats(newParent), std::set<std::int64_t>{});
    EXPECT_EQ(store().memberIds(parentsChat).size(), 2u);
}

TEST_F(ServerInvites, JoinAttemptsPastTheRateAnswer429WithRetryAfterWhateverTheCode) {
    server::ServerOptions options = testOptions();
    options.clock = [this] { return now_.load(); };
    options.throttles.joinAttemptsPerMinutePerAddress = 1000;
    options.throttles.joinAttemptsPerMinutePerCode = 3;
    options.throttles.joinAttemptsPerMinutePerAccount = 2;
    std::uint16_t port = 0;
    const auto limited = startServer(options, port);
    HttpClient teacher(port);
    ASSERT_EQ(teacher.signIn(classTeacher.login, kPassword).status, 200);
    const std::string code = createdCode(teacher, kClass5A, "student");
    HttpClient anyone(port);
    for (int attempt = 0; attempt < 3; ++attempt) EXPECT_EQ(preview(anyone, code).status, 200);
    const HttpAnswer refused = preview(anyone, code);
    EXPECT_EQ(refused.status, 429);
    EXPECT_EQ(refused.errorCode(), "RATE_LIMITED");
    EXPECT_EQ(refused.header("retry-after"), "60");
    EXPECT_EQ(accept(anyone, code, "blocked").status, 429) << "accepting shares the code's budget";

    // Per account: a signed-in person probing codes is slowed whatever the codes are.
    HttpClient prober(port);
    ASSERT_EQ(prober.signIn(classmate.login, kPassword).status, 200);
    EXPECT_EQ(accept(prober, invite::generateInviteCode()).status, 404);
    EXPECT_EQ(accept(prober, invite::generateInviteCode()).status, 404);
    EXPECT_EQ(accept(prober, invite::generateInviteCode()).status, 429);
    now_ += 60 * 1000;
    EXPECT_EQ(preview(anyone, code).status, 200) << "a minute later the budget is back";
}

TEST_F(ServerInvites, ATypoInACodeAnswersCoresErrorBeforeAnyLookup) {
    HttpClient teacher = as(classTeacher);
    std::string code = createdCode(teacher, kClass5A, "student");
    // A swap of two adjacent different symbols, which the check symbol always catches.
    std::size_t at = 0;
    while (code[at] == code[at + 1]) ++at;
    std::swap(code[at], code[at + 1]);
    HttpClient anyone = nobody();
    const HttpAnswer previewed = preview(anyone, code);
    EXPECT_EQ(previewed.status, 400);
    EXPECT_EQ(previewed.errorCode(), "BAD_CHECKSUM");
    EXPECT_EQ(accept(anyone, code, "typo").errorCode(), "BAD_CHECKSUM");
    EXPECT_EQ(preview(anyone, "ABC").errorCode(), "BAD_LENGTH");
    EXPECT_EQ(preview(anyone, "").errorCode(), "EMPTY");
    EXPECT_EQ(anyone.signIn("typo", kPassword).status, 401);
}

TEST_F(ServerInvites, APersonMayTypeTheCodeInLowerCaseWithSpacesForDashes) {
    HttpClient teacher = as(classTeacher);
    const std::string code = createdCode(teacher, kClass5A, "student");
    std::string typed = invite::formatInviteCode(code);
    for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    HttpClient anyone = nobody();
    // "-" read as a space by the phone, percent-escaped in the query as browsers do.
    std::string escaped;
    for (const char c : typed) escaped += c == '-' ? std::string("%20") : std::string(1, c);
    EXPECT_EQ(preview(anyone, escaped).status, 200);
    EXPECT_EQ(preview(anyone, "%2").errorCode(), "BAD_REQUEST");
}

TEST_F(ServerInvites, OnlyTheSha256OfACodeIsInTheDatabase) {
    HttpClient teacher = as(classTeacher);
    const std::string code = createdCode(teacher, kClass5A, "student");
    store::Database database(databasePath());
    store::Statement& query = database.statement("SELECT * FROM invites");
    ASSERT_TRUE(query.step());
    bool hashFound = false;
    for (int column = 0; column < 14; ++column) {  // every column of invites (0004_invites.sql)
        const std::string value = query.isNull(column) ? "" : query.text(column);
        EXPECT_EQ(value.find(code), std::string::npos);
        EXPECT_EQ(value.find(invite::formatInviteCode(code)), std::string::npos);
        if (value == server::sha256Hex(code)) hashFound = true;
    }
    query.reset();
    EXPECT_TRUE(hashFound);
    EXPECT_EQ(teacher.get("/api/v1/invites").body.find(code), std::string::npos) << "the list never shows a code";
}

TEST_F(ServerInvites, NothingCrossesSchoolsInvitesRequestsOrRevocations) {
    HttpClient otherTeacher = as(strangerTeacher);
    const std::int64_t othersInvite = createdId(otherTeacher, {{"classId", "7Б"}}, "student", {{"requiresApproval", true}});
    HttpClient director = as(admin);
    EXPECT_TRUE(invitesOf(director).empty());
    const HttpAnswer revoke = director.post("/api/v1/invites/" + std::to_string(othersInvite) + "/revoke", "");
    EXPECT_EQ(revoke.status, 404);
    EXPECT_EQ(revoke.errorCode(), "UNKNOWN_INVITE");
    EXPECT_EQ(invitesOf(otherTeacher)[0]["state"], "active");
    // A request filed in school 2 is neither listed to nor decided by school 1's admin.
    const std::string code = createdCode(otherTeacher, {{"classId", "7Б"}}, "student", {{"requiresApproval", true}});
    HttpClient newcomer = nobody();
    ASSERT_EQ(accept(newcomer, code, "gymnasist").status, 202);
    const std::int64_t requestId = otherTeacher.get("/api/v1/join-requests").json()["joinRequests"][0]["id"];
    EXPECT_TRUE(director.get("/api/v1/join-requests").json()["joinRequests"].empty());
    EXPECT_EQ(director.post("/api/v1/join-requests/" + std::to_string(requestId) + "/approve", "").errorCode(),
              "UNKNOWN_JOIN_REQUEST");
    // A link of school 1 never admits to school 2's chats, nor school 2's to school 1's.
    EXPECT_EQ(create(director, {{"chatId", strangerClassChat}}, "student").errorCode(), "UNKNOWN_CHAT");
}

// Every refusal of the policy, for the fixture's people (docs/permissions.md, the grant table).
TEST_F(ServerInvites, EveryRefusalOfCreatingALinkIsThePolicysReason) {
    struct Row {
        const Person* who;
        json destination;
        std::string role;
        std::string code;
    };
    const std::vector<Row> rows = {
        {&student, kClass5A, "student", "ROLE_NOT_ALLOWED"},
        {&parent, {{"chatId", parentsChat}}, "parent", "ROLE_NOT_ALLOWED"},
        {&admin, json::object(), "admin", "APPOINTMENT_ONLY"},
        {&admin, json::object(), "director", "APPOINTMENT_ONLY"},
        {&admin, {{"chatId", classChat}}, "parent", "ROLE_CONFLICT"},
        {&classTeacher, {{"chatId", parentsChat}}, "student", "ROLE_CONFLICT"},
        {&classTeacher, json::object(), "teacher", "ROLE_NOT_GRANTABLE"},
        {&classTeacher, {{"classId", "6Б"}}, "student", "NOT_CLASS_TEACHER"},
        {&admin, {{"chatId", schoolChannel}}, "student", "ROLE_NOT_GRANTABLE"},
    };
    for (const Row& row : rows) {
        HttpClient client = as(*row.who);
        const HttpAnswer answer = create(client, row.destination, row.role);
        EXPECT_EQ(answer.status, 403) << row.who->login << " " << row.role << " " << row.destination.dump();
        EXPECT_EQ(answer.errorCode(), row.code) << row.who->login << " " << row.role << " " << row.destination.dump();
    }
    HttpClient unverified = as(extraPerson("unverified", {policy::SchoolRole::Teacher}));
    EXPECT_EQ(create(unverified, kClass5A, "student").errorCode(), "NOT_VERIFIED");
    HttpClient anyone = as(admin);
    EXPECT_TRUE(invitesOf(anyone).empty()) << "no refusal stored a link";
}

TEST_F(ServerInvites, EveryRefusalOfRevokingOrDecidingIsThePolicysReason) {
    HttpClient director = as(admin);
    HttpClient teacher = as(classTeacher);
    const std::int64_t adminsLink = createdId(director, kClass5A, "student");
    const std::int64_t teachersLink = createdId(teacher, {{"chatId", parentsChat}}, "parent");
    HttpClient studentClient = as(student);
    HttpClient parentClient = as(parent);
    EXPECT_EQ(studentClient.post("/api/v1/invites/" + std::to_string(teachersLink) + "/revoke", "").errorCode(), "NOT_ADMIN");
    EXPECT_EQ(teacher.post("/api/v1/invites/" + std::to_string(adminsLink) + "/revoke", "").errorCode(), "NOT_OWN_INVITE");
    EXPECT_TRUE(invitesOf(studentClient).empty()) << "a student manages no links";

    const std::string code = createdCode(teacher, {{"chatId", parentsChat}}, "parent");
    HttpClient newParent = nobody();
    ASSERT_EQ(accept(newParent, code, "grandma", "Петя").status, 202);
    const std::int64_t requestId = teacher.get("/api/v1/join-requests").json()["joinRequests"][0]["id"];
    const std::string approve = "/api/v1/join-requests/" + std::to_string(requestId) + "/approve";
    const std::string decline = "/api/v1/join-requests/" + std::to_string(requestId) + "/decline";
    EXPECT_EQ(parentClient.post(approve, json{{"childId", student.id}}.dump()).errorCode(), "ROLE_NOT_ALLOWED");
    EXPECT_EQ(studentClient.post(decline, "").errorCode(), "ROLE_NOT_ALLOWED");
    HttpClient unverified = as(extraPerson("unverified", {policy::SchoolRole::Teacher}));
    EXPECT_EQ(unverified.post(decline, "").errorCode(), "NOT_VERIFIED");
    EXPECT_TRUE(studentClient.get("/api/v1/join-requests").json()["joinRequests"].empty());
    // The admin may decide it too (the grant table: admins grant parent to a parents' chat).
    EXPECT_EQ(director.get("/api/v1/join-requests").json()["joinRequests"].size(), 1u);
    EXPECT_EQ(director.post(decline, "").status, 200);
}

TEST_F(ServerInvites, ATeacherLinkToTheSchoolGivesAnUnverifiedTeacherTheTeachersRoom) {
    const std::int64_t teachersRoom =
        store().createChat(server::NewChat{schoolId, "teachers_room", "", "Учительская", kStart});
    store().addMember(teachersRoom, admin.id, "owner");
    HttpClient director = as(admin);
    const std::string code = createdCode(director, json::object(), "teacher", {{"requiresApproval", false}});
    HttpClient newTeacher = nobody();
    const HttpAnswer joined = accept(newTeacher, code, "new-teacher");
    ASSERT_EQ(joined.status, 200) << joined.body;
    EXPECT_EQ(joined.json()["joined"], json::array({teachersRoom}));
    EXPECT_EQ(invitesOf(director)[0]["destination"], json({{"kind", "school"}, {"title", "СОШ № 15 (тест)"}}));
    json me;
    for (const json& event : syncAll(newTeacher).events) {
        if (event["type"] == "me") me = event["me"];
    }
    EXPECT_EQ(me["roles"], json::array({"teacher"}));
    EXPECT_NE(me.value("verified", false), true) << "the admin verifies a teacher afterwards";
    // A teacher link asks for approval by default.
    HttpClient second = nobody();
    EXPECT_EQ(accept(second, createdCode(director, json::object(), "teacher"), "second-teacher").status, 202);
}

}  // namespace
}  // namespace parta::testing
