#include "sync/sync_page_writer.h"

#include "policy/school_role.h"

namespace parta::server {

namespace {

void writeIdOrNull(JsonText& json, std::string_view name, const std::optional<std::int64_t>& value) {
    json.key(name);
    if (value) {
        json.number(*value);
    } else {
        json.null();
    }
}

void writeClassIds(JsonText& json, std::string_view name, const std::vector<std::string>& classIds) {
    json.key(name).beginArray();
    for (const std::string& classId : classIds) json.string(classId);
    json.endArray();
}

// `clientId` only in the sender's own stream (docs/protocol.md): another member has no use
// for it, and it would tell them which device wrote what.
void writeMessage(JsonText& json, const store::Message& message, bool withClientId) {
    json.beginObject();
    json.key("id").number(message.id);
    json.key("chatId").number(message.chatId);
    json.key("senderId").number(message.senderId);
    json.key("serverTime").number(message.serverTime);
    json.key("text").string(message.text);
    writeIdOrNull(json, "replyTo", message.replyTo);
    writeIdOrNull(json, "editedAt", message.editedAt);
    json.key("deleted").boolean(message.deleted);
    json.key("pinned").boolean(message.pinned);
    json.key("clientId");
    if (withClientId && !message.clientId.empty()) {
        json.string(message.clientId);
    } else {
        json.null();
    }
    if (!message.attachments.empty()) {
        json.key("attachments").beginArray();
        for (const store::Attachment& attachment : message.attachments) {
            json.beginObject();
            json.key("id").number(attachment.id);
            json.key("name").string(attachment.name);
            json.key("mimeType").string(attachment.mimeType);
            json.key("sizeBytes").number(attachment.sizeBytes);
            json.endObject();
        }
        json.endArray();
    }
    if (message.poll) {
        json.key("poll").beginObject();
        json.key("question").string(message.poll->question);
        json.key("multipleChoice").boolean(message.poll->multipleChoice);
        json.key("options").beginArray();
        for (const store::PollOption& option : message.poll->options) {
            json.beginObject().key("id").number(option.id).key("text").string(option.text).endObject();
        }
        json.endArray().endObject();
    }
    json.endObject();
}

void beginEvent(JsonText& json, std::string_view type) { json.beginObject().key("type").string(type).key(type); }

void writeUser(JsonText& json, const store::User& user) {
    beginEvent(json, "user");
    json.beginObject();
    json.key("id").number(user.id);
    json.key("name").string(user.name);
    json.key("role").string(user.role);
    json.endObject().endObject();
}

}  // namespace

SyncPageWriter::SyncPageWriter(std::int64_t readerId) : readerId_(readerId) {
    json_.beginObject().key("events").beginArray();
}

void SyncPageWriter::reset() { beginEvent(json_, "reset"); json_.beginObject().endObject().endObject(); }

void SyncPageWriter::me(const Account& account) {
    const policy::Subject& subject = account.subject;
    beginEvent(json_, "me");
    json_.beginObject();
    json_.key("userId").number(account.userId);
    json_.key("roles").beginArray();
    for (const policy::SchoolRole role : subject.roles) json_.string(policy::nameOf(role));
    json_.endArray();
    json_.key("verified").boolean(subject.verified);
    writeClassIds(json_, "classTeacherOf", subject.classTeacherOf);
    writeClassIds(json_, "teaches", subject.teaches);
    json_.key("studentOf");
    if (subject.studentOf.empty()) {
        json_.null();
    } else {
        json_.string(subject.studentOf);
    }
    json_.key("children").beginArray();
    for (const policy::Child& child : subject.children) {
        json_.beginObject().key("userId").number(std::stoll(child.userId)).key("classId").string(child.classId).endObject();
    }
    json_.endArray();
    json_.endObject().endObject();
}

void SyncPageWriter::entry(const LogEntry& entry) {
    switch (entry.type) {
        case LogEntry::Type::Chat:
            beginEvent(json_, "chat");
            json_.beginObject();
            json_.key("id").number(entry.chat.id);
            json_.key("kind").string(entry.chat.kind);
            if (!entry.chat.classId.empty()) json_.key("classId").string(entry.chat.classId);
            json_.key("title").string(entry.chat.title);
            json_.key("createdAt").number(entry.chat.createdAt);
            json_.endObject().endObject();
            return;
        case LogEntry::Type::Membership:
            writeUser(json_, entry.member);
            beginEvent(json_, "membership");
            json_.beginObject();
            json_.key("chatId").number(entry.membership.chatId);
            json_.key("userId").number(entry.membership.userId);
            json_.key("role").string(entry.membership.role);
            json_.endObject().endObject();
            return;
        case LogEntry::Type::MembershipRemoved:
            beginEvent(json_, "membershipRemoved");
            json_.beginObject();
            json_.key("chatId").number(entry.membership.chatId);
            json_.key("userId").number(entry.membership.userId);
            json_.endObject().endObject();
            return;
        case LogEntry::Type::User:
            writeUser(json_, entry.member);
            return;
        case LogEntry::Type::Message:
            beginEvent(json_, "message");
            writeMessage(json_, entry.message, entry.message.senderId == readerId_);
            json_.endObject();
            return;
        case LogEntry::Type::MessageEdited:
            beginEvent(json_, "messageEdited");
            json_.beginObject();
            json_.key("id").number(entry.edit.id);
            json_.key("chatId").number(entry.edit.chatId);
            json_.key("text").string(entry.edit.text);
            json_.key("editedAt").number(entry.edit.editedAt);
            json_.endObject().endObject();
            return;
        case LogEntry::Type::MessageDeleted:
            beginEvent(json_, "messageDeleted");
            json_.beginObject().key("id").number(entry.deletion.id).key("chatId").number(entry.deletion.chatId).endObject();
            json_.endObject();
            return;
        case LogEntry::Type::PollVotes:
            beginEvent(json_, "pollVotes");
            json_.beginObject();
            json_.key("messageId").number(entry.votes.messageId);
            json_.key("userId").number(entry.votes.userId);
            json_.key("optionIds").beginArray();
            for (const std::int64_t optionId : entry.votes.optionIds) json_.number(optionId);
            json_.endArray().endObject().endObject();
            return;
        case LogEntry::Type::ReadState:
            beginEvent(json_, "readState");
            json_.beginObject();
            json_.key("chatId").number(entry.readState.chatId);
            json_.key("lastReadId").number(entry.readState.lastReadId);
            json_.endObject().endObject();
            return;
    }
}

std::string SyncPageWriter::finish(const std::string& cursor, bool more) {
    json_.endArray();
    json_.key("cursor").string(cursor);
    json_.key("more").boolean(more);
    json_.endObject();
    return std::string(json_.text());
}

std::string SyncPageWriter::finishChangeAnswer() {
    json_.endArray();
    json_.endObject();
    return std::string(json_.text());
}

std::string sentMessageJson(const store::Message& message) {
    JsonText json;
    json.beginObject().key("message");
    writeMessage(json, message, true);
    json.endObject();
    return std::string(json.text());
}

std::string changeAnswerJson(std::int64_t readerId, const std::vector<LogEntry>& events) {
    SyncPageWriter writer(readerId);
    for (const LogEntry& event : events) writer.entry(event);
    return writer.finishChangeAnswer();
}

}  // namespace parta::server
