#include "auth/session_authenticator.h"

#include "auth/session_cookie.h"
#include "auth/session_token.h"
#include "http/error_response.h"

namespace parta::server {

Authentication authenticate(const Request& request, ServerStore& store, std::int64_t nowMs) {
    Authentication result;
    const CookieLookup cookie = findSessionCookie(request.header("cookie"));
    if (cookie.state == CookieLookup::State::Absent) {
        result.refusal = errorResponse(401, "NOT_SIGNED_IN", {"Войдите в систему.", "Please sign in."});
        return result;
    }
    const std::optional<std::string> hash =
        cookie.state == CookieLookup::State::Found ? sessionTokenHash(cookie.value) : std::nullopt;
    if (!hash) {
        result.refusal = errorResponse(401, "MALFORMED_SESSION_COOKIE",
                                       {"Сеанс повреждён. Войдите снова.", "The session is damaged. Please sign in again."});
        return result;
    }
    // Unknown, ended and expired sessions answer alike: a token cannot be probed.
    result.account = store.sessionAccount(*hash, nowMs);
    if (!result.account) {
        result.refusal = errorResponse(401, "SESSION_ENDED", {"Сеанс завершён. Войдите снова.", "The session has ended. Please sign in again."});
        return result;
    }
    result.tokenHash = *hash;
    return result;
}

}  // namespace parta::server
