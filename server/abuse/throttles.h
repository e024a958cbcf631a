#pragma once

#include <string>

#include "abuse/rate_limiter.h"
#include "http/http_message.h"

namespace parta::server {

// Attempts per minute, each a flag of server/main.cpp. A classroom behind one school address
// signs in at once at the start of a lesson, so the per-address rate is generous; guessing a
// password is slowed by the per-login rate, which no classroom shares.
struct ThrottleRates {
    int signInsPerMinutePerAddress = 60;
    int signInsPerMinutePerLogin = 10;
};

// The server's rate limiters, one per kind of attempt and key.
struct Throttles {
    explicit Throttles(const ThrottleRates& rates)
        : signInsByAddress(rates.signInsPerMinutePerAddress), signInsByLogin(rates.signInsPerMinutePerLogin) {}

    RateLimiter signInsByAddress;
    RateLimiter signInsByLogin;
};

// The address a request came from, for per-address limits. Behind a reverse proxy on loopback
// that is the proxy's own, so the client's is read from the X-Real-IP header the proxy sets
// (docs/deploy.md); from any other peer, or without a proxy, the header is not trusted.
std::string clientAddress(const Request& request, bool proxyOnLoopback);

}  // namespace parta::server
