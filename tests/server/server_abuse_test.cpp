// The server's limits on attempts and connections: sign-in is rate-limited per login and per
// address (password guessing, 001 §4.2.2 unauthorised access), and one address cannot hold
// every connection (slowloris).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "abuse/rate_limiter.h"
#include "abuse/throttles.h"
#include "server/support/school_fixture.h"

namespace parta::testing {
namespace {

using server::RateLimiter;

constexpr std::int64_t kT0 = 1700000000000;

TEST(RateLimiter, AllowsItsRateAtOnceAndThenRefuses) {
    RateLimiter limiter(3);
    EXPECT_TRUE(limiter.allow("a", kT0));
    EXPECT_TRUE(limiter.allow("a", kT0));
    EXPECT_TRUE(limiter.allow("a", kT0));
    EXPECT_FALSE(limiter.allow("a", kT0));
}

TEST(RateLimiter, RefillsOneAttemptPerSixtiethOfAMinuteOverTheRate) {
    RateLimiter limiter(3);  // one attempt back every 20 s
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(limiter.allow("a", kT0));
    EXPECT_FALSE(limiter.allow("a", kT0 + 19000));
    EXPECT_TRUE(limiter.allow("a", kT0 + 20000));
    EXPECT_FALSE(limiter.allow("a", kT0 + 20000));
}

TEST(RateLimiter, KeepsEachKeysBucketApart) {
    RateLimiter limiter(1);
    EXPECT_TRUE(limiter.allow("a", kT0));
    EXPECT_FALSE(limiter.allow("a", kT0));
    EXPECT_TRUE(limiter.allow("b", kT0));
}

TEST(RateLimiter, AClockSteppingBackRefillsNothing) {
    RateLimiter limiter(1);
    EXPECT_TRUE(limiter.allow("a", kT0));
    EXPECT_FALSE(limiter.allow("a", kT0 - 3600000));
    EXPECT_FALSE(limiter.allow("a", kT0 + 1000));
}

TEST(RateLimiter, PastItsBoundRefusesNewKeysUntilOldOnesFallIdle) {
    RateLimiter limiter(1, 2);
    EXPECT_TRUE(limiter.allow("a", kT0));
    EXPECT_TRUE(limiter.allow("b", kT0));
    EXPECT_FALSE(limiter.allow("c", kT0)) << "the table grew past its bound";
    EXPECT_TRUE(limiter.allow("c", kT0 + 60000)) << "idle buckets were not dropped";
}

TEST(ClientAddress, TrustsXRealIpOnlyFromAProxyOnLoopback) {
    server::Request request;
    request.headers = {{"x-real-ip", "203.0.113.7"}};
    request.remoteAddress = "127.0.0.1";
    EXPECT_EQ(server::clientAddress(request, true), "203.0.113.7");
    EXPECT_EQ(server::clientAddress(request, false), "127.0.0.1") << "no proxy: the header is anyone's";
    request.remoteAddress = "198.51.100.1";
    EXPECT_EQ(server::clientAddress(request, true), "198.51.100.1") << "only the proxy may name the client";
    request.headers.clear();
    request.remoteAddress = "::1";
    EXPECT_EQ(server::clientAddress(request, true), "::1");
}

// A TCP connection to the server that sends nothing, as a slowloris does.
class IdleConnection {
public:
    explicit IdleConnection(std::uint16_t port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    }
    ~IdleConnection() { close(fd_); }
    IdleConnection(const IdleConnection&) = delete;
    IdleConnection& operator=(const IdleConnection&) = delete;

    bool connected() const { return connected_; }
    // Whether the server closed it within a bounded wait (10 s, so a failure cannot hang).
    bool closedByServer() const {
        pollfd ready{fd_, POLLIN, 0};
        if (::poll(&ready, 1, 10000) <= 0) return false;
        char byte = 0;
        return recv(fd_, &byte, 1, 0) <= 0;
    }
    // Whether the server is still holding it open for a request.
    bool heldOpen() const {
        pollfd ready{fd_, POLLIN, 0};
        return ::poll(&ready, 1, 200) == 0;
    }

private:
    int fd_;
    bool connected_ = false;
};

class ServerAbuse : public SchoolFixture {
protected:
    std::unique_ptr<server::ReferenceServer> limited(server::ServerOptions options, std::uint16_t& port) {
        return startServer(std::move(options), port);
    }
};

TEST_F(ServerAbuse, SignInIsRefusedPastTheLoginsRateEvenWithTheRightPassword) {
    server::ServerOptions options = testOptions();
    options.throttles.signInsPerMinutePerLogin = 3;
    std::uint16_t port = 0;
    auto server = limited(options, port);
    HttpClient client(port);
    for (int attempt = 0; attempt < 3; ++attempt) {
        EXPECT_EQ(client.signIn(parent.login, "guess " + std::to_string(attempt)).status, 401);
    }
    const HttpAnswer refused = client.signIn(parent.login, kPassword);
    EXPECT_EQ(refused.status, 429);
    EXPECT_EQ(refused.errorCode(), "RATE_LIMITED");
    EXPECT_EQ(refused.header("retry-after"), "60");
    EXPECT_TRUE(client.cookie().empty()) << "a refused attempt signed in";
    EXPECT_EQ(client.signIn(student.login, kPassword).status, 200) << "another login was limited too";
}

TEST_F(ServerAbuse, SignInIsRefusedPastTheAddressesRateWhateverTheLogin) {
    server::ServerOptions options = testOptions();
    options.throttles.signInsPerMinutePerAddress = 2;
    std::uint16_t port = 0;
    auto server = limited(options, port);
    EXPECT_EQ(HttpClient(port).signIn(parent.login, kPassword).status, 200);
    EXPECT_EQ(HttpClient(port).signIn(student.login, kPassword).status, 200);
    const HttpAnswer refused = HttpClient(port).signIn(admin.login, kPassword);
    EXPECT_EQ(refused.status, 429);
    EXPECT_EQ(refused.errorCode(), "RATE_LIMITED");
}

TEST_F(ServerAbuse, OneAddressCannotHoldMoreConnectionsThanItsCap) {
    server::ServerOptions options = testOptions();
    options.http.maxConnectionsPerAddress = 2;
    std::uint16_t port = 0;
    auto server = limited(options, port);
    auto first = std::make_unique<IdleConnection>(port);
    IdleConnection second(port);
    ASSERT_TRUE(first->connected() && second.connected());
    IdleConnection third(port);
    EXPECT_TRUE(third.closedByServer()) << "a third connection from the address was served";
    EXPECT_TRUE(second.heldOpen());

    // A slot comes back when its connection goes; bounded retries while the server notices.
    first.reset();
    int status = 0;
    for (int attempt = 0; attempt < 200 && status == 0; ++attempt) {
        try {
            status = HttpClient(port).get("/api/v1/sync").status;
        } catch (const std::exception&) {
            status = 0;
        }
        if (status == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(status, 401) << "the freed slot was never given back";
}

TEST_F(ServerAbuse, BehindAProxyItsLoopbackConnectionsAreNotCapped) {
    server::ServerOptions options = testOptions();
    options.http.maxConnectionsPerAddress = 1;
    options.behindTls = true;
    std::uint16_t port = 0;
    auto server = limited(options, port);
    IdleConnection first(port);
    IdleConnection second(port);
    ASSERT_TRUE(first.connected() && second.connected());
    EXPECT_TRUE(second.heldOpen()) << "the proxy's second connection was closed";
    EXPECT_EQ(HttpClient(port).get("/api/v1/sync").status, 401);
}

}  // namespace
}  // namespace parta::testing
