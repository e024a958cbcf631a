// What the HTTP layer refuses before an endpoint sees the request (docs/server.md).
#include <gtest/gtest.h>

#include "server/support/school_fixture.h"

namespace parta::testing {
namespace {

using HttpLimitsTest = SchoolFixture;

TEST_F(HttpLimitsTest, AnOversizedContentLengthIs413WithoutSendingTheBody) {
    // 100 MB announced, not a byte of it sent: the answer comes from the header alone.
    const HttpAnswer answer = rawExchange(port(),
                                          "POST /api/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Parta-Request: 1\r\n"
                                          "Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n");
    EXPECT_EQ(answer.status, 413);
    EXPECT_EQ(answer.errorCode(), "BODY_TOO_LARGE");
}

TEST_F(HttpLimitsTest, AChunkedBodyIsCutOffAsItCrossesTheLimit) {
    // No length up front: 60 KiB and then 10 KiB more cross the 64 KiB limit. The body stops
    // there unfinished, so the server has read every byte sent when it refuses.
    const std::string request = "POST /api/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Parta-Request: 1\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n"
                                "f000\r\n" + std::string(0xf000, 'a') + "\r\n2800\r\n" + std::string(0x2800, 'a');
    const HttpAnswer answer = rawExchange(port(), request);
    EXPECT_EQ(answer.status, 413);
    EXPECT_EQ(answer.errorCode(), "BODY_TOO_LARGE");
}

TEST_F(HttpLimitsTest, HugeHeadersAre431) {
    const HttpAnswer answer = rawExchange(
        port(), "GET /api/v1/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + std::string(20 * 1024, 'c') + "\r\n\r\n");
    EXPECT_EQ(answer.status, 431);
    EXPECT_EQ(answer.errorCode(), "HEADERS_TOO_LARGE");
}

TEST_F(HttpLimitsTest, ARequestThatIsNotHttpIs400) {
    const HttpAnswer answer = rawExchange(port(), "HELLO THERE\r\n\r\n");
    EXPECT_EQ(answer.status, 400);
    EXPECT_EQ(answer.errorCode(), "MALFORMED_REQUEST");
}

TEST_F(HttpLimitsTest, UnknownPathsAndMethodsAnswerWithTheErrorBody) {
    HttpClient client = signedIn(student);
    EXPECT_EQ(client.get("/api/v1/nothing-here").errorCode(), "NOT_FOUND");
    const HttpAnswer wrongMethod = client.request("PUT", "/api/v1/messages", "{}");
    EXPECT_EQ(wrongMethod.status, 405);
    EXPECT_EQ(wrongMethod.header("allow"), "POST");
}

}  // namespace
}  // namespace parta::testing
