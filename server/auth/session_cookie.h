#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace parta::server {

// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page
// sends it), Path=/ and a Max-Age, plus Secure when the server is behind TLS (docs/server.md).
inline constexpr std::string_view kSessionCookieName = "parta_session";

struct CookieSecurity {
    bool behindTls = false;
};

std::string sessionCookie(std::string_view value, std::chrono::seconds maxAge, CookieSecurity security);
// Tells the browser to forget the cookie (sign-out).
std::string expiredSessionCookie(CookieSecurity security);

// The session cookie's value in a Cookie request header.
struct CookieLookup {
    enum class State { Absent, Malformed, Found } state = State::Absent;
    std::string value;
};

// Malformed: a pair without '=', a character RFC 6265 does not allow in a cookie, or the
// session cookie named twice (which of two sessions would it be?).
CookieLookup findSessionCookie(std::string_view cookieHeader);

}  // namespace parta::server
