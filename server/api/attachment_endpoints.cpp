// POST /api/v1/attachments and GET /api/v1/attachments/{id} (docs/protocol.md, "Attachments").
#include <limits>

#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/query_number.h"
#include "attachments/attachment_types.h"
#include "client/json_text.h"
#include "client/policy_inputs.h"
#include "http/content_disposition.h"
#include "http/error_response.h"
#include "policy/decide.h"
#include "sync/limits.h"
#include "text/utf8.h"

namespace parta::server {

namespace {

// A name as a message shows it: 1 … 256 code points of UTF-8 (core's sync parser takes no
// other), without control characters, which no file name needs and a header must never carry.
bool isAttachmentName(std::string_view name) {
    if (!utf8::isValid(name)) return false;
    for (const char byte : name) {
        const auto c = static_cast<unsigned char>(byte);
        if (c < 0x20 || c == 0x7F) return false;
    }
    const std::size_t chars = utf8::countCodePointsUpTo(name, sync::kMaxNameChars);
    return chars >= 1 && chars <= sync::kMaxNameChars;
}

Response unknownAttachment() {
    return errorResponse(404, "UNKNOWN_ATTACHMENT", {"Такого файла нет.", "There is no such file."});
}

Response unsupportedType() {
    return errorResponse(415, "UNSUPPORTED_TYPE",
                         {"Такой файл отправить нельзя. Можно: фото, PDF, текст, документы Office и "
                          "LibreOffice, аудио.",
                          "This kind of file cannot be sent. Photos, PDF, text, Office and LibreOffice "
                          "documents and audio can."},
                         "the content is not of an accepted type, whatever its name");
}

std::string uploadedJson(const store::Attachment& attachment) {
    JsonText json;
    json.beginObject().key("attachment").beginObject();
    json.key("id").number(attachment.id);
    json.key("name").string(attachment.name);
    json.key("mimeType").string(attachment.mimeType);
    json.key("sizeBytes").number(attachment.sizeBytes);
    json.endObject().endObject();
    return std::string(json.text());
}

}  // namespace

Response uploadAttachment(ApiContext& context, const Account& account, const Request& request) {
    const std::optional<std::int64_t> chatId =
        queryNumber(request, "chatId", 1, std::numeric_limits<std::int64_t>::max(), 0);
    if (!chatId || *chatId == 0) return badRequest("chatId: expected a positive integer in the query");
    const std::optional<std::string> name = request.decodedQueryParameter("name");
    if (!name || !isAttachmentName(*name)) {
        return badRequest("name: expected 1 to 256 characters of UTF-8 without control characters, percent-encoded");
    }
    if (request.body.empty()) return badRequest("body: expected the file's bytes");
    // A chat of another school is answered as one that does not exist, so ids cannot be probed.
    const std::optional<ChatAccess> access = context.store.chatAccess(account.schoolId, *chatId, account.userId);
    if (!access) return unknownChat();
    const policy::Decision decision = policy::decide(account.subject, policy::Action::AttachFile,
                                                     policyTarget(access->chat, access->membershipRole));
    if (!decision.allowed) return policyRefusal(decision);
    const std::optional<std::string> mimeType = acceptedTypeOf(request.body);
    if (!mimeType) return unsupportedType();

    const std::string sha256 = context.attachments.keep(request.body);
    const auto sizeBytes = static_cast<std::int64_t>(request.body.size());
    const std::int64_t id = context.store.createAttachment(
        {account.schoolId, *chatId, account.userId, sha256, sizeBytes, *mimeType, *name, context.nowMs()});
    Response response;
    response.status = 201;
    response.body = uploadedJson({id, *name, *mimeType, sizeBytes});
    return response;
}

Response downloadAttachment(ApiContext& context, const Account& account, std::int64_t attachmentId) {
    const std::optional<StoredAttachment> stored =
        context.store.attachmentFor(account.schoolId, attachmentId, account.userId);
    if (!stored) return unknownAttachment();
    const std::optional<ChatAccess> access = context.store.chatAccess(account.schoolId, stored->chatId, account.userId);
    if (!access) return unknownAttachment();
    const policy::Decision decision =
        policy::decide(account.subject, policy::Action::Read, policyTarget(access->chat, access->membershipRole));
    if (!decision.allowed) return policyRefusal(decision);
    std::optional<std::string> content = context.attachments.read(stored->sha256);
    // The row is committed only after its file: a file missing is the folder damaged or lost.
    if (!content) return storageFailedResponse();

    Response response;
    response.contentType = stored->attachment.mimeType;
    response.body = std::move(*content);
    // Saved, never shown in the app's origin; and taken as the type the server read from it,
    // never sniffed again by the browser into something it would run.
    response.headers.emplace_back("Content-Disposition", attachmentDisposition(stored->attachment.name));
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    // Should a browser open it anyway, it runs nothing and loads nothing.
    response.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
    // A school chat's files are not for shared caches.
    response.headers.emplace_back("Cache-Control", "private");
    return response;
}

}  // namespace parta::server
