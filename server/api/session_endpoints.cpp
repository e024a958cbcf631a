#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/json_body.h"
#include "auth/session_token.h"
#include "client/json_text.h"
#include "http/error_response.h"
#include "policy/decide.h"

namespace parta::server {

namespace {

constexpr std::size_t kMaxLoginChars = 64;
// Argon2 takes any length, but hashing a megabyte per attempt would be a cheap way to burn
// the server's CPU.
constexpr std::size_t kMaxPasswordChars = 256;

}  // namespace

Response signIn(ApiContext& context, const Request& request) {
    JsonBody body(request.body, {"login", "password"});
    const std::string login = body.text("login", 1, kMaxLoginChars);
    const std::string password = body.text("password", 1, kMaxPasswordChars);
    if (!body.ok()) {
        return errorResponse(400, "BAD_REQUEST", {"Запрос составлен неверно.", "The request is malformed."}, body.error());
    }
    // Before the password is hashed: a refused attempt costs the server nothing.
    const std::int64_t now = context.nowMs();
    if (!context.throttles.signInsByAddress.allow(clientAddress(request, context.proxyOnLoopback), now) ||
        !context.throttles.signInsByLogin.allow(login, now)) {
        return rateLimited();
    }
    const std::optional<Credentials> credentials = context.store.credentials(login);
    // One answer, and one cost, for an unknown login and a wrong password.
    const bool valid = credentials ? context.passwords.verify(credentials->passwordHash, password)
                                   : (context.passwords.verifyNothing(password), false);
    if (!valid) {
        return errorResponse(401, "WRONG_LOGIN_OR_PASSWORD",
                             {"Неверный логин или пароль.", "The login or the password is wrong."});
    }
    const std::string cookie = startSession(context, credentials->userId);
    const store::User user = context.store.user(credentials->userId);
    JsonText json;
    json.beginObject().key("user").beginObject();
    json.key("id").number(user.id).key("name").string(user.name).key("role").string(user.role);
    json.endObject().endObject();
    Response response;
    response.body = std::string(json.text());
    response.headers.emplace_back("Set-Cookie", cookie);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

std::string startSession(ApiContext& context, std::int64_t userId) {
    const SessionToken token = newSessionToken();
    const std::int64_t now = context.nowMs();
    const std::int64_t lifetimeMs = std::chrono::duration_cast<std::chrono::milliseconds>(context.sessionLifetime).count();
    context.store.createSession(token.hash, userId, now, now + lifetimeMs);
    return sessionCookie(token.cookieValue, context.sessionLifetime, context.cookies);
}

Response listSessions(ApiContext& context, const Account& account, const std::string& tokenHash) {
    JsonText json;
    json.beginObject().key("sessions").beginArray();
    for (const SessionInfo& session : context.store.sessions(account.userId, context.nowMs())) {
        json.beginObject();
        json.key("createdAt").number(session.createdAt).key("expiresAt").number(session.expiresAt);
        json.key("current").boolean(session.tokenHash == tokenHash);
        json.endObject();
    }
    json.endArray().endObject();
    Response response;
    response.body = std::string(json.text());
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

Response endAllSessions(ApiContext& context, const Account& account) {
    context.store.endAllSessions(account.userId, context.nowMs(), std::nullopt);
    return signedOut(context.cookies);
}

Response endSessionsOf(ApiContext& context, const Account& account, std::int64_t userId) {
    const policy::Decision decision = policy::decide(account.subject, policy::Action::EndSessions, policy::Target{});
    if (!decision.allowed) return errorResponse(403, policy::reasonCode(decision.reason), decision.message());
    // A person of another school is answered as one that does not exist, so ids cannot be probed.
    if (!context.store.userIsInSchool(account.schoolId, userId)) {
        return unknownUser();
    }
    const int ended = context.store.endAllSessions(userId, context.nowMs(), account.userId);
    JsonText json;
    json.beginObject().key("ended").number(ended).endObject();
    Response response;
    response.body = std::string(json.text());
    return response;
}

Response signOut(ApiContext& context, const std::string& tokenHash) {
    context.store.endSession(tokenHash);
    return signedOut(context.cookies);
}

}  // namespace parta::server
