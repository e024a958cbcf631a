#include "api/api.h"

#include <exception>
#include <optional>
#include <string_view>

#include "api/endpoints.h"
#include "auth/session_authenticator.h"
#include "http/error_response.h"
#include "store/store_failure.h"

namespace parta::server {

namespace {

bool changesState(const std::string& method) { return method != "GET" && method != "HEAD"; }

// The id in `prefix{id}suffix`: 1 to 18 digits, no sign or leading zero, so it always fits an
// int64 and one id has one spelling.
std::optional<std::int64_t> pathId(std::string_view path, std::string_view prefix, std::string_view suffix) {
    if (path.size() <= prefix.size() + suffix.size() || path.substr(0, prefix.size()) != prefix ||
        path.substr(path.size() - suffix.size()) != suffix) {
        return std::nullopt;
    }
    const std::string_view digits = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
    if (digits.size() > 18 || digits[0] == '0') return std::nullopt;
    std::int64_t id = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        id = id * 10 + (c - '0');
    }
    return id;
}

Response notFound() { return errorResponse(404, "NOT_FOUND", {"Такого адреса нет.", "There is no such address."}); }

Response methodNotAllowed(std::string_view allowed) {
    Response response = errorResponse(405, "METHOD_NOT_ALLOWED",
                                      {"Этот адрес так не вызывают.", "This address does not take this method."});
    response.headers.emplace_back("Allow", std::string(allowed));
    return response;
}

}  // namespace

void Api::handle(Request&& request, const std::shared_ptr<Exchange>& exchange) {
    try {
        route(request, exchange);
    } catch (const StoreFailure&) {
        exchange->reply(storageFailedResponse());
    } catch (const std::exception&) {
        exchange->reply(errorResponse(500, "INTERNAL_ERROR", {"Ошибка на сервере. Попробуйте позже.",
                                                              "The server failed. Try again later."}));
    }
}

void Api::route(const Request& request, const std::shared_ptr<Exchange>& exchange) {
    const bool session = request.path == "/api/v1/session";
    const bool sync = request.path == "/api/v1/sync";
    const bool messages = request.path == "/api/v1/messages";
    const bool sessions = request.path == "/api/v1/sessions";
    const std::optional<std::int64_t> sessionsOfUser = pathId(request.path, "/api/v1/users/", "/sessions");
    if (!session && !sync && !messages && !sessions && !sessionsOfUser) return exchange->reply(notFound());
    if (session && request.method != "POST" && request.method != "DELETE") return exchange->reply(methodNotAllowed("POST, DELETE"));
    if (sync && request.method != "GET") return exchange->reply(methodNotAllowed("GET"));
    if (messages && request.method != "POST") return exchange->reply(methodNotAllowed("POST"));
    if (sessions && request.method != "GET" && request.method != "DELETE") return exchange->reply(methodNotAllowed("GET, DELETE"));
    if (sessionsOfUser && request.method != "DELETE") return exchange->reply(methodNotAllowed("DELETE"));

    if (changesState(request.method) && request.header(kCsrfHeader) != "1") {
        return exchange->reply(errorResponse(403, "CSRF_HEADER_MISSING",
                                             {"Запрос отклонён: он пришёл не из приложения.",
                                              "The request was refused: it did not come from the app."},
                                             "expected the header X-Parta-Request: 1"));
    }
    if (session && request.method == "POST") return exchange->reply(signIn(context_, request));

    const Authentication authentication = authenticate(request, context_.store, context_.nowMs());
    if (!authentication.account) return exchange->reply(authentication.refusal);
    if (session) return exchange->reply(signOut(context_, authentication.tokenHash));
    if (sync) return server::sync(context_, *authentication.account, request, exchange);
    if (sessions && request.method == "GET") {
        return exchange->reply(listSessions(context_, *authentication.account, authentication.tokenHash));
    }
    if (sessions) return exchange->reply(endAllSessions(context_, *authentication.account));
    if (sessionsOfUser) return exchange->reply(endSessionsOf(context_, *authentication.account, *sessionsOfUser));
    exchange->reply(postMessage(context_, *authentication.account, request));
}

}  // namespace parta::server
