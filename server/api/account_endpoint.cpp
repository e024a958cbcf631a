#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/json_body.h"
#include "http/error_response.h"

namespace parta::server {

namespace {

// As at sign-in: Argon2 takes any length, but a megabyte per attempt would burn the CPU.
constexpr std::size_t kMaxPasswordChars = 256;

}  // namespace

Response deleteAccount(ApiContext& context, const Account& account, const Request& request) {
    JsonBody body(request.body, {"password"});
    const std::string password = body.text("password", 1, kMaxPasswordChars);
    if (!body.ok()) {
        return errorResponse(400, "BAD_REQUEST", {"Запрос составлен неверно.", "The request is malformed."}, body.error());
    }
    // The password again, because a session left open on a shared family computer must not be
    // enough to delete someone's account; guessing it here is throttled like signing in.
    if (!context.throttles.signInsByLogin.allow("account " + std::to_string(account.userId), context.nowMs())) {
        return rateLimited();
    }
    const std::optional<std::string> hash = context.store.passwordHash(account.userId);
    if (!hash || !context.passwords.verify(*hash, password)) {
        return errorResponse(403, "WRONG_PASSWORD", {"Неверный пароль.", "The password is wrong."});
    }
    for (const std::int64_t chatId : context.store.deleteAccount(account.userId, context.nowMs())) {
        context.sync.published(chatId);
    }
    return signedOut(context.cookies);
}

}  // namespace parta::server
