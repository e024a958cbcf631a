// SqliteServerStore's attachments (migration 0007): the metadata of uploads, and which message
// carries each. The bytes are in AttachmentFiles, named by the sha256 kept here.
#include "client/json_text.h"
#include "store/database.h"
#include "store/sqlite_commit.h"
#include "store/sqlite_server_store.h"
#include "store/store_failure.h"
#include "store/transaction.h"

namespace parta::server {

namespace {

// Ids as one JSON array, for `IN (SELECT value FROM json_each(?))`.
std::string jsonArrayOf(const std::vector<std::int64_t>& ids) {
    JsonText json;
    json.beginArray();
    for (const std::int64_t id : ids) json.number(id);
    json.endArray();
    return std::string(json.text());
}

}  // namespace

std::int64_t SqliteServerStore::createAttachment(const NewAttachment& attachment) {
    std::lock_guard<std::mutex> lock(mutex_);
    store::Transaction transaction(*database_, store::Durability::Full);
    store::Statement& insert = database_->statement(
        "INSERT INTO attachments (school_id, chat_id, uploader_id, sha256, size_bytes, mime_type, name, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    insert.bind(1, attachment.schoolId)
        .bind(2, attachment.chatId)
        .bind(3, attachment.uploaderId)
        .bind(4, attachment.sha256)
        .bind(5, attachment.sizeBytes)
        .bind(6, attachment.mimeType)
        .bind(7, attachment.name)
        .bind(8, attachment.createdAt);
    const std::int64_t id = insert.step() ? insert.integer(0) : 0;
    while (insert.step()) {
    }
    commitOrThrow(*database_, transaction);
    return id;
}

std::optional<StoredAttachment> SqliteServerStore::attachmentFor(std::int64_t schoolId, std::int64_t attachmentId,
                                                                 std::int64_t readerId) {
    std::lock_guard<std::mutex> lock(mutex_);
    // A carried attachment whose message was deleted has no row any more (deleteMessage), so
    // "carried" needs no look at the message.
    store::Statement& query = database_->statement(
        "SELECT id, name, mime_type, size_bytes, chat_id, sha256 FROM attachments "
        "WHERE id = ? AND school_id = ? AND (message_id IS NOT NULL OR uploader_id = ?)");
    query.bind(1, attachmentId).bind(2, schoolId).bind(3, readerId);
    std::optional<StoredAttachment> found;
    if (query.step()) {
        found = StoredAttachment{{query.integer(0), query.text(1), query.text(2), query.integer(3)},
                                 query.integer(4), query.text(5)};
    }
    query.reset();
    throwIfFailed();
    return found;
}

std::size_t SqliteServerStore::unsentUploadsAmong(std::int64_t schoolId, std::int64_t chatId, std::int64_t uploaderId,
                                                  const std::vector<std::int64_t>& attachmentIds) {
    std::lock_guard<std::mutex> lock(mutex_);
    store::Statement& query = database_->statement(
        "SELECT count(*) FROM attachments WHERE id IN (SELECT value FROM json_each(?)) "
        "AND school_id = ? AND chat_id = ? AND uploader_id = ? AND message_id IS NULL");
    query.bind(1, jsonArrayOf(attachmentIds)).bind(2, schoolId).bind(3, chatId).bind(4, uploaderId);
    const std::size_t count = query.step() ? static_cast<std::size_t>(query.integer(0)) : 0;
    query.reset();
    throwIfFailed();
    return count;
}

std::vector<store::Attachment> SqliteServerStore::attachmentsLocked(std::int64_t messageId) {
    std::vector<store::Attachment> attachments;
    store::Statement& query = database_->statement(
        "SELECT id, name, mime_type, size_bytes FROM attachments WHERE message_id = ? ORDER BY position");
    query.bind(1, messageId);
    while (query.step()) attachments.push_back({query.integer(0), query.text(1), query.text(2), query.integer(3)});
    return attachments;
}

void SqliteServerStore::attachLocked(std::int64_t messageId, const std::vector<std::int64_t>& attachmentIds) {
    std::int64_t position = 0;
    for (const std::int64_t attachmentId : attachmentIds) {
        // `message_id IS NULL` again inside the message's transaction: of two sends racing for
        // one upload, the second carries nothing and its transaction fails (see postMessage).
        database_->statement("UPDATE attachments SET message_id = ?, position = ? WHERE id = ? AND message_id IS NULL")
            .bind(1, messageId)
            .bind(2, position++)
            .bind(3, attachmentId)
            .run();
        if (database_->changes() != 1) throw StoreFailure("an attachment was taken by another message meanwhile");
    }
}

}  // namespace parta::server
