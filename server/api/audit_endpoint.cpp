#include "api/endpoints.h"
#include "api/query_number.h"
#include "client/json_text.h"
#include "http/error_response.h"
#include "policy/decide.h"

namespace parta::server {

namespace {

constexpr int kDefaultAuditLimit = 50;
constexpr int kMaxAuditLimit = 200;

void writeOptionalId(JsonText& json, std::string_view name, const std::optional<std::int64_t>& id) {
    json.key(name);
    if (id) {
        json.number(*id);
    } else {
        json.null();
    }
}

}  // namespace

Response auditLog(ApiContext& context, const Account& account, const Request& request) {
    const policy::Decision decision = policy::decide(account.subject, policy::Action::ViewAuditLog, policy::Target{});
    if (!decision.allowed) return errorResponse(403, policy::reasonCode(decision.reason), decision.message());
    const std::optional<std::int64_t> limit = queryNumber(request, "limit", 1, kMaxAuditLimit, kDefaultAuditLimit);
    const std::optional<std::int64_t> before = queryNumber(request, "before", 1, INT64_MAX, 0);
    if (!limit || !before) {
        return errorResponse(400, "BAD_REQUEST", {"Запрос составлен неверно.", "The request is malformed."},
                             !limit ? "limit: expected an integer from 1 to " + std::to_string(kMaxAuditLimit)
                                    : "before: expected an entry id");
    }
    const AuditPage page = context.store.auditLog(account.schoolId, *before, static_cast<int>(*limit));
    JsonText json;
    json.beginObject().key("entries").beginArray();
    for (const AuditEntry& entry : page.entries) {
        json.beginObject();
        json.key("id").number(entry.id).key("at").number(entry.at);
        json.key("actor").beginObject().key("id").number(entry.actorId).key("name").string(entry.actorName).endObject();
        json.key("action").string(entry.action);
        json.key("user");
        if (entry.userId) {
            json.beginObject().key("id").number(*entry.userId).key("name").string(entry.userName).endObject();
        } else {
            json.null();
        }
        writeOptionalId(json, "chatId", entry.chatId);
        writeOptionalId(json, "messageId", entry.messageId);
        writeOptionalId(json, "inviteId", entry.inviteId);
        json.key("classId");
        if (entry.classId.empty()) {
            json.null();
        } else {
            json.string(entry.classId);
        }
        json.endObject();
    }
    json.endArray().key("more").boolean(page.more).endObject();
    Response response;
    response.body = std::string(json.text());
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

}  // namespace parta::server
