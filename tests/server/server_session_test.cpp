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

}  // namespace
}  // namespace parta::testing
