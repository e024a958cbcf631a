#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/json_body.h"
#include "http/error_response.h"
#include "policy/chat_audience.h"
#include "policy/decide.h"
#include "sync/sync_page_writer.h"

namespace parta::server {

namespace {

constexpr std::size_t kMaxKindChars = 32;
constexpr std::size_t kMaxTitleChars = 256;
constexpr std::size_t kMaxClassIdChars = 64;

Response chatAnswer(int status, const Account& account, const store::Chat& chat) {
    LogEntry entry;
    entry.type = LogEntry::Type::Chat;
    entry.chat = chat;
    Response response;
    response.status = status;
    response.body = changeAnswerJson(account.userId, {entry});
    return response;
}

}  // namespace

Response createChat(ApiContext& context, const Account& account, const Request& request) {
    JsonBody body(request.body, {"kind", "title", "classId", "counterpartId"});
    const std::string kindName = body.text("kind", 1, kMaxKindChars);
    const std::string title = body.text("title", 1, kMaxTitleChars);
    const std::string classId = body.optionalText("classId", 1, kMaxClassIdChars);
    const std::optional<std::int64_t> counterpartId = body.optionalId("counterpartId");
    if (!body.ok()) return badRequest(body.error());
    const std::optional<policy::ChatKind> kind = policy::chatKindFromName(kindName);
    if (!kind) return badRequest("kind: expected a chat kind (docs/permissions.md)");
    if (policy::isClassBound(*kind) && classId.empty()) return badRequest("classId: expected the class of a class-bound chat");
    const bool direct = *kind == policy::ChatKind::Direct;
    if (direct != counterpartId.has_value()) return badRequest("counterpartId: expected for a direct chat, and only there");

    policy::Target target;
    target.chat = *kind;
    target.classId = classId;
    std::optional<Account> counterpart;
    if (counterpartId && *counterpartId != account.userId && context.store.userIsInSchool(account.schoolId, *counterpartId)) {
        counterpart = context.store.account(*counterpartId);
    }
    // Oneself, another school's person and a deleted account are all no one to talk to.
    if (direct && !counterpart) {
        return unknownUser();
    }
    if (counterpart) target.counterpart = counterpart->subject;
    const policy::Decision decision = policy::decide(account.subject, policy::Action::CreateChat, target);
    if (!decision.allowed) return policyRefusal(decision);

    if (direct) {
        if (std::optional<store::Chat> existing = context.store.directChatBetween(account.schoolId, account.userId, *counterpartId)) {
            return chatAnswer(200, account, *existing);
        }
    }
    std::vector<std::pair<std::int64_t, std::string>> members = {{account.userId, "owner"}};
    const policy::Audience audience = policy::audienceRule(*kind).audience;
    if (audience == policy::Audience::Counterpart) {
        members.emplace_back(*counterpartId, "member");
    } else {
        for (const std::int64_t userId : context.store.audience(account.schoolId, audience, classId)) {
            if (userId != account.userId) members.emplace_back(userId, "member");
        }
    }
    const NewChat chat{account.schoolId, kindName, classId, title, context.nowMs()};
    const std::optional<std::int64_t> created =
        context.store.createChatWithMembers(chat, members, policy::isOnePerSchool(*kind));
    if (!created) {
        return errorResponse(409, "CHAT_EXISTS", {"Такой чат в школе уже есть: он бывает только один.",
                                                  "The school already has this chat, and there is only one of it."});
    }
    const std::int64_t chatId = *created;
    context.sync.published(chatId);
    return chatAnswer(201, account, store::Chat{chatId, kindName, title, chat.createdAt, classId});
}

}  // namespace parta::server
