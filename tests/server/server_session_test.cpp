// Sign-in, the session cookie, sign-out and the CSRF header (docs/server.md, docs/protocol.md).
#include <gtest/gtest.h>

#include "server/support/school_fixture.h"

namespace parta::testing {
namespace {

using SessionTest = SchoolFixture;

TEST_F(SessionTest, RightPasswordSignsInWithAnHttpOnlyStrictCookie) {
    HttpClient client = anonymous();
    const HttpAnswer answer = client.signIn(parent.login, kPassword);
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["user"]["id"], parent.id);
    const std::string cookie = answer.header("set-cookie");
    EXPECT_EQ(cookie.rfind("parta_session=", 0), 0u) << cookie;
    // 256 bits in base64url: 43 characters.
    EXPECT_EQ(cookie.find(';') - std::string("parta_session=").size(), 43u) << cookie;
    EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; Max-Age=2592000"), std::string::npos) << cookie;  // 30 days
    EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "not behind TLS: " << cookie;
    EXPECT_EQ(client.get("/api/v1/sync?limit=10").status, 200);
}

TEST_F(SessionTest, BehindTlsTheCookieIsSecure) {
    server::ServerOptions options = testOptions();
    options.behindTls = true;
    std::uint16_t tlsPort = 0;
    const auto behindTls = startServer(options, tlsPort);
    HttpClient client(tlsPort);
    const HttpAnswer answer = client.signIn(parent.login, kPassword);
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_NE(answer.header("set-cookie").find("; Secure"), std::string::npos) << answer.header("set-cookie");
}

TEST_F(SessionTest, WrongPasswordAndUnknownLoginAnswerAlikeAndSetNoCookie) {
    HttpClient client = anonymous();
    const HttpAnswer wrongPassword = client.signIn(parent.login, "not the password");
    const HttpAnswer unknownLogin = client.signIn("nobody-by-this-name", kPassword);
    for (const HttpAnswer* answer : {&wrongPassword, &unknownLogin}) {
        EXPECT_EQ(answer->status, 401);
        EXPECT_EQ(answer->errorCode(), "WRONG_LOGIN_OR_PASSWORD");
        EXPECT_EQ(answer->header("set-cookie"), "");
    }
    EXPECT_EQ(wrongPassword.body, unknownLogin.body);
    EXPECT_EQ(client.get("/api/v1/sync").errorCode(), "NOT_SIGNED_IN");
}

TEST_F(SessionTest, SignOutEndsTheSessionOnTheServer) {
    HttpClient client = signedIn(student);
    const std::string cookie = client.cookie();
    const HttpAnswer answer = client.del("/api/v1/session");
    EXPECT_EQ(answer.status, 204);
    EXPECT_NE(answer.header("set-cookie").find("Max-Age=0"), std::string::npos) << answer.header("set-cookie");
    // Even a client that kept the cookie is signed out: the session is gone, not just the cookie.
    HttpClient keptCookie = anonymous();
    keptCookie.cookie() = cookie;
    const HttpAnswer afterwards = keptCookie.get("/api/v1/sync");
    EXPECT_EQ(afterwards.status, 401);
    EXPECT_EQ(afterwards.errorCode(), "SESSION_ENDED");
}

TEST_F(SessionTest, CookiesThatCannotBeASessionAnswer401) {
    HttpClient client = anonymous();
    for (const char* cookie : {"parta_session=short", "parta_session", "parta_session=a\"b",
                               "parta_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA; parta_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
        client.cookie() = cookie;
        const HttpAnswer answer = client.get("/api/v1/sync");
        EXPECT_EQ(answer.status, 401) << cookie;
        EXPECT_EQ(answer.errorCode(), "MALFORMED_SESSION_COOKIE") << cookie;
    }
    // Well-formed but never issued.
    client.cookie() = "parta_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    EXPECT_EQ(client.get("/api/v1/sync").errorCode(), "SESSION_ENDED");
}

TEST_F(SessionTest, StateChangingRequestsWithoutTheCsrfHeaderAreRefusedAndChangeNothing) {
    HttpClient signInWithout = anonymous();
    signInWithout.sendCsrfHeader(false);
    const HttpAnswer signIn = signInWithout.signIn(parent.login, kPassword);
    EXPECT_EQ(signIn.status, 403);
    EXPECT_EQ(signIn.errorCode(), "CSRF_HEADER_MISSING");
    EXPECT_EQ(signIn.header("set-cookie"), "");

    HttpClient teacher = signedIn(classTeacher);
    const std::int64_t eventsBefore = store().lastEventId(schoolId);
    teacher.sendCsrfHeader(false);
    const HttpAnswer sent = send(teacher, classChat, "Завтра контрольная");
    EXPECT_EQ(sent.status, 403);
    EXPECT_EQ(sent.errorCode(), "CSRF_HEADER_MISSING");
    EXPECT_EQ(store().lastEventId(schoolId), eventsBefore);
    const HttpAnswer signOut = teacher.del("/api/v1/session");
    EXPECT_EQ(signOut.errorCode(), "CSRF_HEADER_MISSING");
    // Reads need no header: the session is still there.
    EXPECT_EQ(teacher.get("/api/v1/sync?limit=1").status, 200);
}

TEST_F(SessionTest, APersonListsTheirUnexpiredSessionsWithTheCurrentOneMarked) {
    HttpClient phone = signedIn(parent);
    HttpClient laptop = signedIn(parent);
    const HttpAnswer answer = phone.get("/api/v1/sessions");
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.header("cache-control"), "no-store");
    const nlohmann::json sessions = answer.json()["sessions"];
    ASSERT_EQ(sessions.size(), 2u) << answer.body;
    int current = 0;
    for (const nlohmann::json& session : sessions) {
        EXPECT_GT(session["expiresAt"].get<std::int64_t>(), session["createdAt"].get<std::int64_t>());
        current += session["current"].get<bool>() ? 1 : 0;
    }
    EXPECT_EQ(current, 1);
    // Neither a token nor its hash leaves the server.
    const std::string laptopToken = laptop.cookie().substr(laptop.cookie().find('=') + 1);
    EXPECT_EQ(answer.body.find(laptopToken), std::string::npos);
    EXPECT_EQ(answer.body.find("tokenHash"), std::string::npos);
    EXPECT_EQ(signedIn(student).get("/api/v1/sessions").json()["sessions"].size(), 1u) << "another person's sessions showed";
}

TEST_F(SessionTest, EndingAllSessionsSignsAPersonOutOnEveryDevice) {
    HttpClient phone = signedIn(parent);
    HttpClient laptop = signedIn(parent);
    HttpClient child = signedIn(student);
    const HttpAnswer ended = phone.del("/api/v1/sessions");
    EXPECT_EQ(ended.status, 204);
    EXPECT_NE(ended.header("set-cookie").find("Max-Age=0"), std::string::npos) << ended.header("set-cookie");
    EXPECT_EQ(laptop.get("/api/v1/sync?limit=10").errorCode(), "SESSION_ENDED");
    EXPECT_EQ(phone.get("/api/v1/sync?limit=10").errorCode(), "SESSION_ENDED");
    EXPECT_EQ(child.get("/api/v1/sync?limit=10").status, 200) << "someone else was signed out too";
}

TEST_F(SessionTest, AnAdminSignsAPersonOfTheSchoolOutEverywhere) {
    HttpClient phone = signedIn(parent);
    HttpClient laptop = signedIn(parent);
    HttpClient school = signedIn(admin);
    const HttpAnswer answer = school.del("/api/v1/users/" + std::to_string(parent.id) + "/sessions");
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["ended"], 2);
    EXPECT_EQ(phone.get("/api/v1/sync?limit=10").errorCode(), "SESSION_ENDED");
    EXPECT_EQ(laptop.get("/api/v1/sync?limit=10").errorCode(), "SESSION_ENDED");
    EXPECT_EQ(school.get("/api/v1/sync?limit=10").status, 200) << "the admin signed themselves out";
}

struct EndSessionsCase {
    const char* behaviour;
    const Person* caller;
    const Person* target;
    int status;
    const char* code;
};

TEST_F(SessionTest, OnlyAnAdminOfThePersonsOwnSchoolEndsTheirSessions) {
    const EndSessionsCase cases[] = {
        {"a class teacher may not", &classTeacher, &parent, 403, "NOT_ADMIN"},
        {"a student may not", &student, &parent, 403, "NOT_ADMIN"},
        {"a parent may not, even for their own child", &parent, &student, 403, "NOT_ADMIN"},
        {"another school's person is unknown to the admin", &admin, &stranger, 404, "UNKNOWN_USER"},
        {"another school's teacher may not reach this school", &strangerTeacher, &parent, 403, "NOT_ADMIN"},
    };
    for (const EndSessionsCase& c : cases) {
        HttpClient target = signedIn(*c.target);
        HttpClient caller = signedIn(*c.caller);
        const HttpAnswer answer = caller.del("/api/v1/users/" + std::to_string(c.target->id) + "/sessions");
        EXPECT_EQ(answer.status, c.status) << c.behaviour << ": " << answer.body;
        EXPECT_EQ(answer.errorCode(), c.code) << c.behaviour;
        EXPECT_EQ(target.get("/api/v1/sync?limit=10").status, 200) << c.behaviour << ": the person was signed out";
    }
}

TEST_F(SessionTest, AUserPathWithoutAPlainIdIsNotFound) {
    HttpClient school = signedIn(admin);
    for (const char* path : {"/api/v1/users/0/sessions", "/api/v1/users/01/sessions", "/api/v1/users/-1/sessions",
                             "/api/v1/users/abc/sessions", "/api/v1/users//sessions", "/api/v1/users/12345678901234567890/sessions",
                             "/api/v1/users/5/sessions/"}) {
        EXPECT_EQ(school.del(path).errorCode(), "NOT_FOUND") << path;
    }
    EXPECT_EQ(school.del("/api/v1/users/999999/sessions").errorCode(), "UNKNOWN_USER");
}

}  // namespace
}  // namespace parta::testing
