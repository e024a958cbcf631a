#include "auth/session_cookie.h"

namespace parta::server {

namespace {

std::string attributes(std::chrono::seconds maxAge, CookieSecurity security) {
    return "; Path=/; Max-Age=" + std::to_string(maxAge.count()) + "; HttpOnly; SameSite=Strict" +
           (security.behindTls ? "; Secure" : "");
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// RFC 6265 §4.1.1 cookie-octet: visible ASCII but for '"', ',', ';' and '\'.
bool isCookieOctet(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x21 && byte <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
}

}  // namespace

std::string sessionCookie(std::string_view value, std::chrono::seconds maxAge, CookieSecurity security) {
    return std::string(kSessionCookieName) + "=" + std::string(value) + attributes(maxAge, security);
}

std::string expiredSessionCookie(CookieSecurity security) {
    return std::string(kSessionCookieName) + "=" + attributes(std::chrono::seconds(0), security);
}

CookieLookup findSessionCookie(std::string_view cookieHeader) {
    CookieLookup lookup;
    while (!trim(cookieHeader).empty()) {
        const std::size_t end = cookieHeader.find(';');
        const std::string_view pair = trim(cookieHeader.substr(0, end));
        cookieHeader = end == std::string_view::npos ? std::string_view() : cookieHeader.substr(end + 1);
        const std::size_t equals = pair.find('=');
        if (equals == std::string_view::npos || equals == 0) return {CookieLookup::State::Malformed, {}};
        const std::string_view name = pair.substr(0, equals);
        const std::string_view value = pair.substr(equals + 1);
        if (name != kSessionCookieName) continue;
        if (lookup.state == CookieLookup::State::Found) return {CookieLookup::State::Malformed, {}};
        for (const char c : value) {
            if (!isCookieOctet(c)) return {CookieLookup::State::Malformed, {}};
        }
        lookup = {CookieLookup::State::Found, std::string(value)};
    }
    return lookup;
}

}  // namespace parta::server
