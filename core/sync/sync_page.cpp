#include "sync/sync_page.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "policy/chat_kind.h"
#include "policy/chat_role.h"
#include "policy/school_role.h"
#include "sync/json_document.h"
#include "sync/json_reader.h"
#include "sync/limits.h"
#include "text/utf8.h"

namespace parta::sync {

namespace {

std::string itemPath(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

// The policy's own name parsers decide which names are known, so no list is repeated here.
template <typename FromName>
bool isPolicyName(const nlohmann::json& value, FromName fromName) {
    return value.is_string() && fromName(value.get_ref<const std::string&>()).has_value();
}

template <typename FromName>
std::string policyName(JsonReader& in, std::string_view key, FromName fromName, const std::string& what) {
    const std::string name = in.text(key, 1, kMaxNameChars);
    if (in.ok() && !fromName(name)) in.fail(in.pathOf(key), "expected a " + what + " of docs/permissions.md");
    return name;
}

std::vector<std::string> classIds(JsonReader& in, std::string_view key) {
    std::vector<std::string> ids;
    const nlohmann::json* list = in.array(key, 0, kMaxClasses, false);
    if (!list) return ids;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto& id = (*list)[i];
        if (!id.is_string() || id.get_ref<const std::string&>().empty() ||
            utf8::countCodePointsUpTo(id.get_ref<const std::string&>(), kMaxClassIdChars) > kMaxClassIdChars) {
            in.fail(itemPath(in.pathOf(key), i), "expected a class id of 1 to " + std::to_string(kMaxClassIdChars) +
                                                     " characters");
            break;
        }
        ids.push_back(id.get<std::string>());
    }
    return ids;
}

std::vector<store::Child> parseChildren(JsonReader& in) {
    std::vector<store::Child> children;
    const nlohmann::json* list = in.array("children", 0, kMaxChildren, false);
    if (!list) return children;
    for (std::size_t i = 0; i < list->size() && in.ok(); ++i) {
        JsonReader child = in.child((*list)[i], itemPath(in.pathOf("children"), i));
        const std::int64_t userId = child.id("userId");
        children.push_back({userId, child.text("classId", 1, kMaxClassIdChars)});
    }
    return children;
}

store::Me parseMe(JsonReader& in) {
    store::Me me;
    me.userId = in.id("userId");
    if (const nlohmann::json* roles = in.array("roles", kMinRoles, kMaxRoles, true)) {
        for (std::size_t i = 0; i < roles->size(); ++i) {
            const auto& role = (*roles)[i];
            if (!isPolicyName(role, policy::schoolRoleFromName)) {
                in.fail(itemPath(in.pathOf("roles"), i), "expected a school role of docs/permissions.md");
                break;
            }
            me.roles.push_back(role.get<std::string>());
        }
    }
    me.verified = in.flag("verified", false);
    me.classTeacherOf = classIds(in, "classTeacherOf");
    me.teaches = classIds(in, "teaches");
    me.studentOf = in.optionalText("studentOf", 1, kMaxClassIdChars).value_or("");
    me.children = parseChildren(in);
    return me;
}

store::User parseUser(JsonReader& in) {
    store::User user;
    user.id = in.id("id");
    user.name = in.text("name", 1, kMaxNameChars);
    user.role = in.token("role");
    return user;
}

store::Chat parseChat(JsonReader& in) {
    store::Chat chat;
    chat.id = in.id("id");
    chat.kind = policyName(in, "kind", policy::chatKindFromName, "chat kind");
    chat.title = in.text("title", 1, kMaxNameChars);
    chat.createdAt = in.time("createdAt");
    chat.classId = in.optionalText("classId", 1, kMaxClassIdChars).value_or("");
    // The policy cannot decide in a class's chat without knowing the class.
    const std::optional<policy::ChatKind> kind = policy::chatKindFromName(chat.kind);
    if (in.ok() && kind && policy::isClassBound(*kind) && chat.classId.empty()) {
        in.fail(in.pathOf("classId"), "required for a " + chat.kind);
    }
    return chat;
}

store::Membership parseMembership(JsonReader& in) {
    store::Membership membership;
    membership.chatId = in.id("chatId");
    membership.userId = in.id("userId");
    membership.role = policyName(in, "role", policy::chatRoleFromName, "chat role");
    return membership;
}

MembershipRemoved parseMembershipRemoved(JsonReader& in) {
    MembershipRemoved removed;
    removed.chatId = in.id("chatId");
    removed.userId = in.id("userId");
    return removed;
}

std::vector<store::Attachment> parseAttachments(JsonReader& in) {
    std::vector<store::Attachment> attachments;
    const nlohmann::json* list = in.array("attachments", 0, kMaxAttachments, false);
    if (!list) return attachments;
    for (std::size_t i = 0; i < list->size() && in.ok(); ++i) {
        JsonReader item = in.child((*list)[i], itemPath(in.pathOf("attachments"), i));
        store::Attachment attachment;
        attachment.id = item.id("id");
        attachment.name = item.text("name", 1, kMaxNameChars);
        attachment.mimeType = item.text("mimeType", 1, kMaxMimeTypeLength);
        attachment.sizeBytes = item.integer("sizeBytes", 0, kMaxAttachmentBytes);
        attachments.push_back(std::move(attachment));
    }
    return attachments;
}

std::optional<store::Poll> parsePoll(JsonReader& in) {
    const nlohmann::json* value = in.object("poll", false);
    if (!value) return std::nullopt;
    JsonReader poll = in.child(*value, in.pathOf("poll"));
    store::Poll result;
    result.question = poll.text("question", 1, kMaxMessageChars);
    result.multipleChoice = poll.flag("multipleChoice", false);
    if (const nlohmann::json* options = poll.array("options", kMinPollOptions, kMaxPollOptions, true)) {
        for (std::size_t i = 0; i < options->size() && poll.ok(); ++i) {
            JsonReader option = poll.child((*options)[i], itemPath(poll.pathOf("options"), i));
            const std::int64_t id = option.id("id");
            // Votes name options by id: two options under one id could not be told apart.
            const bool repeated = std::any_of(result.options.begin(), result.options.end(),
                                              [id](const store::PollOption& earlier) { return earlier.id == id; });
            if (option.ok() && repeated) option.fail(option.pathOf("id"), "expected an id no other option has");
            result.options.push_back({id, option.text("text", 1, kMaxNameChars)});
        }
    }
    return result;
}

store::Message readMessage(JsonReader& in) {
    store::Message message;
    message.id = in.id("id");
    message.chatId = in.id("chatId");
    message.senderId = in.id("senderId");
    message.serverTime = in.time("serverTime");
    message.text = in.text("text", 0, kMaxMessageChars);
    message.replyTo = in.optionalId("replyTo");
    message.editedAt = in.optionalTime("editedAt");
    message.deleted = in.flag("deleted", false);
    message.pinned = in.flag("pinned", false);
    message.clientId = in.optionalUuid("clientId").value_or("");
    message.attachments = parseAttachments(in);
    message.poll = parsePoll(in);
    return message;
}

MessageDeleted parseMessageDeleted(JsonReader& in) {
    MessageDeleted deleted;
    deleted.id = in.id("id");
    deleted.chatId = in.id("chatId");
    return deleted;
}

store::MessageEdit parseMessageEdit(JsonReader& in) {
    store::MessageEdit edit;
    edit.id = in.id("id");
    edit.chatId = in.id("chatId");
    edit.text = in.text("text", 0, kMaxMessageChars);
    edit.editedAt = in.time("editedAt");
    return edit;
}

store::PollVotes parsePollVotes(JsonReader& in) {
    store::PollVotes votes;
    votes.messageId = in.id("messageId");
    votes.userId = in.id("userId");
    if (const nlohmann::json* options = in.array("optionIds", 0, kMaxPollOptions, true)) {
        for (std::size_t i = 0; i < options->size() && in.ok(); ++i) {
            const auto& option = (*options)[i];
            if (!option.is_number_integer() || option.get<std::int64_t>() < 1) {
                in.fail(itemPath(in.pathOf("optionIds"), i), "expected positive integer");
                break;
            }
            votes.optionIds.push_back(option.get<std::int64_t>());
        }
    }
    return votes;
}

ReadState parseReadState(JsonReader& in) {
    ReadState state;
    state.chatId = in.id("chatId");
    state.lastReadId = in.id("lastReadId");
    return state;
}

store::Invite parseInvite(JsonReader& in) {
    store::Invite invite;
    invite.id = in.id("id");
    invite.chatId = in.id("chatId");
    invite.state = in.oneOf("state", {"active", "revoked", "expired", "exhausted"});
    invite.createdBy = in.id("createdBy");
    invite.createdAt = in.time("createdAt");
    invite.expiresAt = in.optionalTime("expiresAt");
    return invite;
}

store::JoinRequest parseJoinRequest(JsonReader& in) {
    store::JoinRequest request;
    request.id = in.id("id");
    request.chatId = in.id("chatId");
    request.userId = in.id("userId");
    request.state = in.oneOf("state", {"pending", "approved", "rejected", "withdrawn"});
    request.createdAt = in.time("createdAt");
    return request;
}

Reset parseReset(JsonReader&) { return {}; }

using EventParser = std::function<SyncEvent(JsonReader&)>;

template <typename Parse>
EventParser eventParser(Parse parse) {
    return [parse](JsonReader& in) { return SyncEvent(parse(in)); };
}

// Event type → parser of its payload, which sits under a key named like the type.
const std::vector<std::pair<std::string_view, EventParser>>& eventParsers() {
    static const std::vector<std::pair<std::string_view, EventParser>> parsers = {
        {"me", eventParser(parseMe)},
        {"user", eventParser(parseUser)},
        {"chat", eventParser(parseChat)},
        {"membership", eventParser(parseMembership)},
        {"membershipRemoved", eventParser(parseMembershipRemoved)},
        {"message", eventParser(readMessage)},
        {"messageEdited", eventParser(parseMessageEdit)},
        {"messageDeleted", eventParser(parseMessageDeleted)},
        {"pollVotes", eventParser(parsePollVotes)},
        {"readState", eventParser(parseReadState)},
        {"invite", eventParser(parseInvite)},
        {"joinRequest", eventParser(parseJoinRequest)},
        {"reset", eventParser(parseReset)},
    };
    return parsers;
}

std::optional<SyncEvent> parseEvent(const nlohmann::json& value, const std::string& path,
                                    std::optional<FieldError>& error) {
    JsonReader event(value, path, error);
    const std::string type = event.text("type", 1, 64);
    if (!event.ok()) return std::nullopt;
    const auto& parsers = eventParsers();
    const auto parser = std::find_if(parsers.begin(), parsers.end(), [&](const auto& p) { return p.first == type; });
    if (parser == parsers.end()) {
        event.fail(event.pathOf("type"), "expected a known event type");
        return std::nullopt;
    }
    // `reset` has no payload; for every other type the payload object is required.
    static const nlohmann::json kEmptyObject = nlohmann::json::object();
    const nlohmann::json* payload = event.object(type, type != "reset");
    if (!event.ok()) return std::nullopt;
    JsonReader in(payload ? *payload : kEmptyObject, event.pathOf(type), error);
    SyncEvent parsed = parser->second(in);
    if (!in.ok()) return std::nullopt;
    return parsed;
}

}  // namespace

bool isValidCursor(std::string_view cursor) {
    if (cursor.empty() || cursor.size() > kMaxCursorLength) return false;
    // URL-safe, so the cursor goes into ?since= verbatim.
    return std::all_of(cursor.begin(), cursor.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
               c == '_' || c == '~';
    });
}

store::Message parseMessage(const nlohmann::json& value, const std::string& path, std::optional<FieldError>& error) {
    JsonReader in(value, path, error);
    return readMessage(in);
}


SyncPageParse parseSyncPage(std::string_view text) {
    SyncPageParse result;
    nlohmann::json document;
    result.error = parseJsonDocument(text, document);
    if (result.error) return result;
    JsonReader page(document, "", result.error);
    const std::string cursor = page.text("cursor", 1, kMaxCursorLength);
    if (page.ok() && !isValidCursor(cursor)) page.fail("cursor", "expected URL-safe characters A-Z a-z 0-9 - . _ ~");
    result.page.cursor = cursor;
    result.page.more = page.boolean("more");
    const nlohmann::json* events = page.array("events", 0, kMaxPageEvents, true);
    if (!page.ok()) return result;
    result.page.events.reserve(events->size());
    for (std::size_t i = 0; i < events->size(); ++i) {
        std::optional<SyncEvent> event = parseEvent((*events)[i], itemPath("events", i), result.error);
        if (!event) break;
        result.page.events.push_back(std::move(*event));
    }
    if (result.error) result.page = SyncPage{};
    return result;
}

}  // namespace parta::sync
