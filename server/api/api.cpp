#include "api/api.h"

#include <charconv>
#include <exception>
#include <optional>

#include "api/endpoints.h"
#include "auth/session_authenticator.h"
#include "http/error_response.h"
#include "http/http_limits.h"
#include "store/store_failure.h"

namespace parta::server {

namespace {

bool changesState(const std::string& method) { return method != "GET" && method != "HEAD"; }

Response notFound() { return errorResponse(404, "NOT_FOUND", {"Такого адреса нет.", "There is no such address."}); }

Response methodNotAllowed(std::string_view allowed) {
    Response response = errorResponse(405, "METHOD_NOT_ALLOWED",
                                      {"Этот адрес так не вызывают.", "This address does not take this method."});
    response.headers.emplace_back("Allow", std::string(allowed));
    return response;
}

// The endpoints, by the paths that name them.
enum class Endpoint {
    Session,
    Sessions,
    SessionsOfUser,
    Account,
    Audit,
    Sync,
    Messages,
    EditMessage,
    DeleteMessage,
    VotePoll,
    PinMessage,
    CreateChat,
    MarkRead,
    MuteMember,
    RemoveMember,
    Invites,
    PreviewInvite,
    AcceptInvite,
    RevokeInvite,
    RevokeUnusedInvites,
    JoinRequests,
    ApproveJoinRequest,
    DeclineJoinRequest,
    ActivityStatistics,
    Classes,
    People,
    VerifyTeacher,
    Assignments,
    Admin,
    StudentClass,
    Roster,
    RosterEntryAccount,
    RosterEntry,
    RosterExport,
    UploadAttachment,
    DownloadAttachment,
};

struct Route {
    Endpoint endpoint;
    std::int64_t id = 0;        // the message, chat, user, invite, join request or attachment the path names
    std::string_view allowed;   // its methods, as the Allow header lists them
    std::int64_t memberId = 0;  // the member of chat `id` the path names
};

// An id in a path: decimal digits without a leading zero, 1 … 2^63-1.
std::optional<std::int64_t> pathId(std::string_view digits) {
    // from_chars would take a sign, so the first character must be a digit 1-9.
    if (digits.empty() || digits.front() < '1' || digits.front() > '9') return std::nullopt;
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return id;
}

// "/prefix{id}/action": the id and the action, when the path has that shape.
std::optional<std::pair<std::int64_t, std::string_view>> idAndAction(std::string_view path, std::string_view prefix) {
    if (path.substr(0, prefix.size()) != prefix) return std::nullopt;
    const std::string_view rest = path.substr(prefix.size());
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const std::optional<std::int64_t> id = pathId(rest.substr(0, slash));
    if (!id) return std::nullopt;
    return std::make_pair(*id, rest.substr(slash + 1));
}

std::optional<Route> routeOf(std::string_view path) {
    if (path == "/api/v1/session") return Route{Endpoint::Session, 0, "POST, DELETE"};
    if (path == "/api/v1/sessions") return Route{Endpoint::Sessions, 0, "GET, DELETE"};
    if (path == "/api/v1/account") return Route{Endpoint::Account, 0, "DELETE"};
    if (path == "/api/v1/audit") return Route{Endpoint::Audit, 0, "GET"};
    if (path == "/api/v1/sync") return Route{Endpoint::Sync, 0, "GET"};
    if (path == "/api/v1/messages") return Route{Endpoint::Messages, 0, "POST"};
    if (const auto message = idAndAction(path, "/api/v1/messages/")) {
        if (message->second == "edit") return Route{Endpoint::EditMessage, message->first, "POST"};
        if (message->second == "delete") return Route{Endpoint::DeleteMessage, message->first, "POST"};
        if (message->second == "votes") return Route{Endpoint::VotePoll, message->first, "POST"};
        if (message->second == "pin") return Route{Endpoint::PinMessage, message->first, "POST"};
    }
    if (path == "/api/v1/chats") return Route{Endpoint::CreateChat, 0, "POST"};
    if (const auto chat = idAndAction(path, "/api/v1/chats/")) {
        if (chat->second == "read") return Route{Endpoint::MarkRead, chat->first, "POST"};
        // "members/{userId}" and "members/{userId}/mute"
        if (chat->second.substr(0, 8) == "members/") {
            const std::string_view member = chat->second.substr(8);
            const std::size_t slash = member.find('/');
            const std::optional<std::int64_t> memberId = pathId(member.substr(0, slash));
            if (memberId && slash == std::string_view::npos) return Route{Endpoint::RemoveMember, chat->first, "DELETE", *memberId};
            if (memberId && member.substr(slash + 1) == "mute") return Route{Endpoint::MuteMember, chat->first, "POST", *memberId};
        }
    }
    if (const auto user = idAndAction(path, "/api/v1/users/")) {
        if (user->second == "sessions") return Route{Endpoint::SessionsOfUser, user->first, "DELETE"};
        if (user->second == "verify") return Route{Endpoint::VerifyTeacher, user->first, "POST"};
        if (user->second == "assignments") return Route{Endpoint::Assignments, user->first, "POST"};
        if (user->second == "admin") return Route{Endpoint::Admin, user->first, "POST"};
        if (user->second == "class") return Route{Endpoint::StudentClass, user->first, "POST"};
    }
    if (path == "/api/v1/classes") return Route{Endpoint::Classes, 0, "GET, POST"};
    if (path == "/api/v1/people") return Route{Endpoint::People, 0, "GET"};
    if (path == "/api/v1/roster") return Route{Endpoint::Roster, 0, "GET, POST"};
    if (path == "/api/v1/roster/export") return Route{Endpoint::RosterExport, 0, "GET"};
    if (const auto entry = idAndAction(path, "/api/v1/roster/"); entry && entry->second == "account") {
        return Route{Endpoint::RosterEntryAccount, entry->first, "POST"};
    }
    if (path.substr(0, 15) == "/api/v1/roster/") {
        if (const std::optional<std::int64_t> entryId = pathId(path.substr(15))) return Route{Endpoint::RosterEntry, *entryId, "DELETE"};
    }
    if (path == "/api/v1/invites") return Route{Endpoint::Invites, 0, "GET, POST"};
    if (path == "/api/v1/invites/preview") return Route{Endpoint::PreviewInvite, 0, "GET"};
    if (path == "/api/v1/invites/accept") return Route{Endpoint::AcceptInvite, 0, "POST"};
    if (path == "/api/v1/invites/revoke-unused") return Route{Endpoint::RevokeUnusedInvites, 0, "POST"};
    if (const auto invite = idAndAction(path, "/api/v1/invites/"); invite && invite->second == "revoke") {
        return Route{Endpoint::RevokeInvite, invite->first, "POST"};
    }
    if (path == "/api/v1/join-requests") return Route{Endpoint::JoinRequests, 0, "GET"};
    if (const auto request = idAndAction(path, "/api/v1/join-requests/")) {
        if (request->second == "approve") return Route{Endpoint::ApproveJoinRequest, request->first, "POST"};
        if (request->second == "decline") return Route{Endpoint::DeclineJoinRequest, request->first, "POST"};
    }
    if (path == "/api/v1/stats/activity") return Route{Endpoint::ActivityStatistics, 0, "GET"};
    if (path == kUploadPath) return Route{Endpoint::UploadAttachment, 0, "POST"};
    if (path.substr(0, kUploadPath.size() + 1) == std::string(kUploadPath) + "/") {
        if (const std::optional<std::int64_t> id = pathId(path.substr(kUploadPath.size() + 1))) {
            return Route{Endpoint::DownloadAttachment, *id, "GET"};
        }
    }
    return std::nullopt;
}

bool allows(std::string_view allowed, std::string_view method) {
    for (std::size_t start = 0; start < allowed.size();) {
        const std::size_t end = std::min(allowed.find(", ", start), allowed.size());
        if (allowed.substr(start, end - start) == method) return true;
        start = end + 2;
    }
    return false;
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
    const std::optional<Route> route = routeOf(request.path);
    if (!route) return exchange->reply(notFound());
    if (!allows(route->allowed, request.method)) return exchange->reply(methodNotAllowed(route->allowed));

    if (changesState(request.method) && request.header(kCsrfHeader) != "1") {
        return exchange->reply(errorResponse(403, "CSRF_HEADER_MISSING",
                                             {"Запрос отклонён: он пришёл не из приложения.",
                                              "The request was refused: it did not come from the app."},
                                             "expected the header X-Parta-Request: 1"));
    }
    if (route->endpoint == Endpoint::Session && request.method == "POST") return exchange->reply(signIn(context_, request));
    // A link is previewed before any account exists.
    if (route->endpoint == Endpoint::PreviewInvite) return exchange->reply(previewInvite(context_, request));

    const Authentication authentication = authenticate(request, context_.store, context_.nowMs());
    // Accepting joins the signed-in account, or creates one when there is none.
    if (route->endpoint == Endpoint::AcceptInvite) return exchange->reply(acceptInvite(context_, authentication, request));
    if (!authentication.account) return exchange->reply(authentication.refusal);
    const Account& account = *authentication.account;
    switch (route->endpoint) {
        case Endpoint::Session: return exchange->reply(signOut(context_, authentication.tokenHash));
        case Endpoint::Sessions:
            if (request.method == "GET") return exchange->reply(listSessions(context_, account, authentication.tokenHash));
            return exchange->reply(endAllSessions(context_, account));
        case Endpoint::SessionsOfUser: return exchange->reply(endSessionsOf(context_, account, route->id));
        case Endpoint::Account: return exchange->reply(deleteAccount(context_, account, request));
        case Endpoint::Audit: return exchange->reply(auditLog(context_, account, request));
        case Endpoint::Sync: return server::sync(context_, account, request, exchange);
        case Endpoint::Messages: return exchange->reply(postMessage(context_, account, request));
        case Endpoint::EditMessage: return exchange->reply(editMessage(context_, account, route->id, request));
        case Endpoint::DeleteMessage: return exchange->reply(deleteMessage(context_, account, route->id, request));
        case Endpoint::VotePoll: return exchange->reply(votePoll(context_, account, route->id, request));
        case Endpoint::CreateChat: return exchange->reply(createChat(context_, account, request));
        case Endpoint::MarkRead: return exchange->reply(markRead(context_, account, route->id, request));
        case Endpoint::PinMessage: return exchange->reply(pinMessage(context_, account, route->id, request));
        case Endpoint::MuteMember: return exchange->reply(muteMember(context_, account, route->id, route->memberId, request));
        case Endpoint::RemoveMember: return exchange->reply(removeMember(context_, account, route->id, route->memberId));
        case Endpoint::Invites:
            if (request.method == "GET") return exchange->reply(listInvites(context_, account, request));
            return exchange->reply(createInvite(context_, account, request));
        case Endpoint::RevokeInvite: return exchange->reply(revokeInvite(context_, account, route->id));
        case Endpoint::RevokeUnusedInvites: return exchange->reply(revokeUnusedInvites(context_, account, request));
        case Endpoint::JoinRequests: return exchange->reply(listJoinRequests(context_, account));
        case Endpoint::ApproveJoinRequest:
            return exchange->reply(decideJoinRequest(context_, account, route->id, true, request));
        case Endpoint::DeclineJoinRequest:
            return exchange->reply(decideJoinRequest(context_, account, route->id, false, request));
        case Endpoint::ActivityStatistics: return exchange->reply(activityStatistics(context_, account, request));
        case Endpoint::Classes:
            if (request.method == "GET") return exchange->reply(listClasses(context_, account));
            return exchange->reply(createClass(context_, account, request));
        case Endpoint::People: return exchange->reply(listPeople(context_, account));
        case Endpoint::VerifyTeacher: return exchange->reply(verifyTeacher(context_, account, route->id));
        case Endpoint::Assignments: return exchange->reply(setAssignment(context_, account, route->id, request));
        case Endpoint::Admin: return exchange->reply(setAdmin(context_, account, route->id, request));
        case Endpoint::StudentClass: return exchange->reply(moveStudent(context_, account, route->id, request));
        case Endpoint::Roster:
            if (request.method == "GET") return exchange->reply(listRoster(context_, account, request));
            return exchange->reply(addRosterEntry(context_, account, request));
        case Endpoint::RosterEntryAccount: return exchange->reply(linkRosterEntry(context_, account, route->id, request));
        case Endpoint::RosterEntry: return exchange->reply(removeRosterEntry(context_, account, route->id));
        case Endpoint::RosterExport: return exchange->reply(exportRoster(context_, account, request));
        case Endpoint::UploadAttachment: return exchange->reply(uploadAttachment(context_, account, request));
        case Endpoint::DownloadAttachment: return exchange->reply(downloadAttachment(context_, account, route->id));
        case Endpoint::PreviewInvite:
        case Endpoint::AcceptInvite: return;  // answered above, before the session is required
    }
}

}  // namespace parta::server
