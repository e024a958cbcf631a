// Attachments (docs/protocol.md, "Attachments"): uploads admitted by what their bytes are, kept
// once per content outside the database, downloaded only by those who may read the chat, and
// carried by messages in the shape core's sync parser reads.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cctype>
#include <filesystem>
#include <variant>

#include "random/uuid.h"
#include "server/support/school_fixture.h"
#include "sync/sync_page.h"

namespace parta::testing {
namespace {

// A 1×1 PNG, as an image editor writes it.
constexpr unsigned char kPngBytes[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00,
    0x00, 0x03, 0x01, 0x01, 0x00, 0xc9, 0xfe, 0x92, 0xef, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82};
const std::string kPng(reinterpret_cast<const char*>(kPngBytes), sizeof kPngBytes);
const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
// The start of an x86-64 ELF executable: what a program renamed photo.jpg begins with.
const std::string kElf = std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3e\0\x01\0\0\0", 24) +
                         std::string(40, '\0');
const std::string kHtml = "<!DOCTYPE html><html><body><script>fetch('/api/v1/sessions')</script></body></html>";

// Up to eight bytes: a run of zeroed two-byte fields is written as one.
void appendLittleEndian(std::string& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

// A zip of stored (uncompressed) entries in this order, with its central directory.
std::string zipOf(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string zip, directory;
    for (const auto& [name, content] : entries) {
        const auto crc = static_cast<std::uint32_t>(
            crc32(0, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size())));
        const auto offset = static_cast<std::uint32_t>(zip.size());
        const auto size = static_cast<std::uint32_t>(content.size());
        const auto nameSize = static_cast<std::uint32_t>(name.size());
        appendLittleEndian(zip, 0x04034b50, 4);  // local file header
        appendLittleEndian(zip, 20, 2);          // version needed
        appendLittleEndian(zip, 0, 2 + 2 + 2 + 2);  // flags, method (stored), time, date
        appendLittleEndian(zip, crc, 4);
        appendLittleEndian(zip, size, 4);
        appendLittleEndian(zip, size, 4);
        appendLittleEndian(zip, nameSize, 2);
        appendLittleEndian(zip, 0, 2);  // extra
        zip += name + content;
        appendLittleEndian(directory, 0x02014b50, 4);  // central directory header
        appendLittleEndian(directory, 20, 2);
        appendLittleEndian(directory, 20, 2);
        appendLittleEndian(directory, 0, 2 + 2 + 2 + 2);
        appendLittleEndian(directory, crc, 4);
        appendLittleEndian(directory, size, 4);
        appendLittleEndian(directory, size, 4);
        appendLittleEndian(directory, nameSize, 2);
        appendLittleEndian(directory, 0, 2 + 2 + 2 + 2);  // extra, comment, disk, internal attributes
        appendLittleEndian(directory, 0, 4);              // external attributes
        appendLittleEndian(directory, offset, 4);
        directory += name;
    }
    const auto directoryOffset = static_cast<std::uint32_t>(zip.size());
    zip += directory;
    appendLittleEndian(zip, 0x06054b50, 4);  // end of central directory
    appendLittleEndian(zip, 0, 2 + 2);
    appendLittleEndian(zip, static_cast<std::uint32_t>(entries.size()), 2);
    appendLittleEndian(zip, static_cast<std::uint32_t>(entries.size()), 2);
    appendLittleEndian(zip, static_cast<std::uint32_t>(directory.size()), 4);
    appendLittleEndian(zip, directoryOffset, 4);
    appendLittleEndian(zip, 0, 2);
    return zip;
}

// The first entries of a .docx as Word and LibreOffice lay them out, which is what libmagic
// recognises it by.
std::string minimalDocx() {
    return zipOf({{"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
                  {"_rels/.rels", "<Relationships/>"},
                  {"word/document.xml", "<w:document/>"}});
}

std::string percentEncoded(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char byte : text) {
        const auto c = static_cast<unsigned char>(byte);
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
            encoded += byte;
        } else {
            encoded += '%';
            encoded += kHex[c >> 4];
            encoded += kHex[c & 0x0F];
        }
    }
    return encoded;
}

class AttachmentsTest : public SchoolFixture {
protected:
    HttpAnswer upload(HttpClient& client, std::int64_t chatId, const std::string& name, const std::string& content) {
        return client.post("/api/v1/attachments?chatId=" + std::to_string(chatId) + "&name=" + percentEncoded(name),
                           content);
    }
    // The id of an upload that must succeed.
    std::int64_t uploaded(HttpClient& client, std::int64_t chatId, const std::string& name, const std::string& content) {
        const HttpAnswer answer = upload(client, chatId, name, content);
        EXPECT_EQ(answer.status, 201) << answer.body;
        return answer.status == 201 ? answer.json()["attachment"]["id"].get<std::int64_t>() : 0;
    }
    static HttpAnswer download(HttpClient& client, std::int64_t attachmentId) {
        return client.get("/api/v1/attachments/" + std::to_string(attachmentId));
    }
    static HttpAnswer sendWith(HttpClient& client, std::int64_t chatId, const std::vector<std::int64_t>& attachmentIds) {
        const nlohmann::json body = {{"clientId", generateUuidV4()},
                                     {"chatId", chatId},
                                     {"text", "Задание на дом во вложении"},
                                     {"attachmentIds", attachmentIds}};
        return client.post("/api/v1/messages", body.dump());
    }
    std::size_t storedFiles() const {
        if (!std::filesystem::exists(attachmentsFolder())) return 0;
        std::size_t files = 0;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(attachmentsFolder())) {
            if (entry.is_regular_file()) ++files;
        }
        return files;
    }
};

TEST_F(AttachmentsTest, AnUploadSentInAMessageDownloadsAsItWasWithSafeHeaders) {
    HttpClient teacher = signedIn(classTeacher);
    const HttpAnswer answer = upload(teacher, classChat, "Доска 5А.png", kPng);
    ASSERT_EQ(answer.status, 201) << answer.body;
    const nlohmann::json attachment = answer.json()["attachment"];
    EXPECT_EQ(attachment["name"], "Доска 5А.png");
    EXPECT_EQ(attachment["mimeType"], "image/png");
    EXPECT_EQ(attachment["sizeBytes"], kPng.size());
    ASSERT_EQ(sendWith(teacher, classChat, {attachment["id"].get<std::int64_t>()}).status, 201);

    HttpClient pupil = signedIn(student);
    const HttpAnswer file = download(pupil, attachment["id"].get<std::int64_t>());
    ASSERT_EQ(file.status, 200) << file.body;
    EXPECT_EQ(file.body, kPng);
    EXPECT_EQ(file.header("content-type"), "image/png");
    EXPECT_EQ(file.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(file.header("content-disposition"),
              "attachment; filename=\"_____ 5_.png\"; "
              "filename*=UTF-8''%D0%94%D0%BE%D1%81%D0%BA%D0%B0%205%D0%90.png");
}

TEST_F(AttachmentsTest, ANameCannotBreakOutOfTheDispositionHeader) {
    HttpClient teacher = signedIn(classTeacher);
    const std::int64_t id = uploaded(teacher, classChat, "итоги \"четверти\"\\..\\a/b.pdf", kPdf);
    const HttpAnswer file = download(teacher, id);
    ASSERT_EQ(file.status, 200) << file.body;
    EXPECT_EQ(file.header("content-disposition"),
              "attachment; filename=\"_____ ___________.._a_b.pdf\"; "
              "filename*=UTF-8''%D0%B8%D1%82%D0%BE%D0%B3%D0%B8%20%22%D1%87%D0%B5%D1%82%D0%B2%D0%B5%D1%80%D1%82%D0%B8"
              "%22%5C..%5Ca%2Fb.pdf");
    // A line break in a name is refused outright: no file is named so.
    EXPECT_EQ(upload(teacher, classChat, "a\r\nSet-Cookie: x=1.pdf", kPdf).status, 400);
}

TEST_F(AttachmentsTest, TheSameContentUploadedTwiceIsStoredOnce) {
    HttpClient teacher = signedIn(classTeacher);
    const std::int64_t first = uploaded(teacher, classChat, "Расписание.pdf", kPdf);
    HttpClient pupil = signedIn(student);
    const std::int64_t second = uploaded(pupil, classChat, "расписание (1).pdf", kPdf);
    EXPECT_NE(first, second);
    EXPECT_EQ(storedFiles(), 1u);
    EXPECT_EQ(download(teacher, first).body, kPdf);
    EXPECT_EQ(download(pupil, second).body, kPdf);
}

TEST_F(AttachmentsTest, ContentOfAnotherTypeIsRefusedWhateverItsName) {
    HttpClient teacher = signedIn(classTeacher);
    for (const std::string& disguised : {kElf, kHtml, zipOf({{"run.exe", "MZ"}}), std::string("\0\0\0\0", 4)}) {
        const HttpAnswer answer = upload(teacher, classChat, "photo.jpg", disguised);
        EXPECT_EQ(answer.status, 415) << answer.body;
        EXPECT_EQ(answer.errorCode(), "UNSUPPORTED_TYPE");
    }
    EXPECT_EQ(storedFiles(), 0u);
}

TEST_F(AttachmentsTest, OfficeDocumentsAreAcceptedByTheirContent) {
    HttpClient teacher = signedIn(classTeacher);
    const HttpAnswer answer = upload(teacher, classChat, "Контрольная.docx", minimalDocx());
    ASSERT_EQ(answer.status, 201) << answer.body;
    EXPECT_EQ(answer.json()["attachment"]["mimeType"],
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
}

TEST_F(AttachmentsTest, UploadsHaveTheirOwnTenMebibyteLimit) {
    HttpClient teacher = signedIn(classTeacher);
    // Far above the 64 KiB of every other route, and exactly the limit.
    const std::string tenMebibytes(10 * 1024 * 1024, 'a');
    EXPECT_EQ(upload(teacher, classChat, "Диктант.txt", tenMebibytes).status, 201);
    // One byte more is refused from the Content-Length, before any of the body is read.
    const HttpAnswer tooLarge = rawExchange(
        port(), "POST /api/v1/attachments?chatId=" + std::to_string(classChat) +
                    "&name=a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Parta-Request: 1\r\nCookie: " + teacher.cookie() +
                    "\r\nContent-Length: " + std::to_string(tenMebibytes.size() + 1) + "\r\n\r\n");
    EXPECT_EQ(tooLarge.status, 413);
    EXPECT_EQ(tooLarge.errorCode(), "BODY_TOO_LARGE");
    // The upload route's limit is its own: a message body of 100 KiB is still too large.
    EXPECT_EQ(send(teacher, classChat, std::string(100 * 1024, 'a')).status, 413);
}

TEST_F(AttachmentsTest, OnlyThoseWhoMayWriteInTheChatUpload) {
    // The policy's reason: a parent has no place in the class's own chat.
    HttpClient notAMember = signedIn(parent);
    const HttpAnswer refused = upload(notAMember, classChat, "Справка.pdf", kPdf);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(refused.errorCode(), "ROLE_CONFLICT");
    // A student reads the school channel but does not write in it.
    HttpClient pupil = signedIn(student);
    EXPECT_EQ(upload(pupil, schoolChannel, "Справка.pdf", kPdf).status, 403);
    HttpClient otherSchool = signedIn(stranger);
    EXPECT_EQ(upload(otherSchool, classChat, "Справка.pdf", kPdf).status, 404);
    pupil.sendCsrfHeader(false);
    EXPECT_EQ(upload(pupil, classChat, "Справка.pdf", kPdf).errorCode(), "CSRF_HEADER_MISSING");
    EXPECT_EQ(storedFiles(), 0u);
}

TEST_F(AttachmentsTest, OnlyReadersOfTheChatDownloadAndAnotherSchoolFindsNothing) {
    HttpClient teacher = signedIn(classTeacher);
    const std::int64_t id = uploaded(teacher, classChat, "Доска.png", kPng);
    ASSERT_EQ(sendWith(teacher, classChat, {id}).status, 201);

    HttpClient notAMember = signedIn(parent);
    const HttpAnswer refused = download(notAMember, id);
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.errorCode(), "ROLE_CONFLICT");
    HttpClient otherSchool = signedIn(stranger);
    const HttpAnswer hidden = download(otherSchool, id);
    EXPECT_EQ(hidden.status, 404);
    EXPECT_EQ(hidden.errorCode(), "UNKNOWN_ATTACHMENT");
    EXPECT_EQ(hidden.body.find("PNG"), std::string::npos);
}

TEST_F(AttachmentsTest, AnUploadNoMessageCarriesIsTheUploadersAlone) {
    HttpClient teacher = signedIn(classTeacher);
    const std::int64_t id = uploaded(teacher, classChat, "Черновик.pdf", kPdf);
    HttpClient pupil = signedIn(student);
    EXPECT_EQ(download(pupil, id).status, 404);
    EXPECT_EQ(download(teacher, id).status, 200);
}

TEST_F(AttachmentsTest, AMessageCarriesItsAttachmentsIntoSyncInOrderAsCoreParsesThem) {
    HttpClient teacher = signedIn(classTeacher);
    const std::int64_t photo = uploaded(teacher, classChat, "Доска.png", kPng);
    const std::int64_t worksheet = uploaded(teacher, classChat, "Задание.pdf", kPdf);
    const HttpAnswer sent = sendWith(teacher, classChat, {worksheet, photo});
    ASSERT_EQ(sent.status, 201) << sent.body;
    const std::optional<store::Message> copy = sync::parseSentMessage(sent.body);
    ASSERT_TRUE(copy.has_value()) << sent.body;
    ASSERT_EQ(copy->attachments.size(), 2u);

    HttpClient pupil = signedIn(student);
    const HttpAnswer page = pupil.get("/api/v1/sync?limit=1000");
    ASSERT_EQ(page.status, 200);
    const sync::SyncPageParse parsed = sync::parseSyncPage(page.body);
    ASSERT_TRUE(parsed.ok()) << page.body;
    const store::Message* synced = nullptr;
    for (const sync::SyncEvent& event : parsed.page.events) {
        const auto* message = std::get_if<store::Message>(&event);
        if (message && message->id == copy->id) synced = message;
    }
    ASSERT_NE(synced, nullptr) << page.body;
    ASSERT_EQ(synced->attachments.size(), 2u);
    EXPECT_EQ(synced->attachments[0].id, worksheet);
    EXPECT_EQ(synced->attachments[0].name, "Задание.pdf");
    EXPECT_EQ(synced->attachments[0].mimeType, "application/pdf");
    EXPECT_EQ(synced->attachments[0].sizeBytes, static_cast<std::int64_t>(kPdf.size()));
    EXPECT_EQ(synced->attachments[1].id, photo);
    EXPECT_EQ(synced->attachments[1].mimeType, "image/png");
}

TEST_F(AttachmentsTest, AMessageCarriesOnlyTheSendersOwnUnsentUploadsToItsChat) {
    HttpClient teacher = signedIn(classTeacher);
    HttpClient pupil = signedIn(student);
    HttpClient otherSchool = signedIn(stranger);
    const std::int64_t teachers = uploaded(teacher, classChat, "Доска.png", kPng);
    const std::int64_t ofParentsChat = uploaded(teacher, parentsChat, "Собрание.pdf", kPdf);
    const std::int64_t ofOtherSchool = uploaded(otherSchool, strangerClassChat, "Доска.png", kPng);
    const std::int64_t pupils = uploaded(pupil, classChat, "Ответ.png", kPng);

    for (const auto& [who, ids] : std::vector<std::pair<HttpClient*, std::vector<std::int64_t>>>{
             {&pupil, {teachers}},            // someone else's upload
             {&teacher, {ofOtherSchool}},     // another school's
             {&teacher, {ofParentsChat}},     // made for another chat
             {&teacher, {teachers, teachers}},  // the same one twice
             {&teacher, {987654}}}) {         // none at all
        const HttpAnswer refused = sendWith(*who, classChat, ids);
        EXPECT_EQ(refused.status, 400) << refused.body;
    }
    ASSERT_EQ(sendWith(pupil, classChat, {pupils}).status, 201);
    // Once carried, an upload is that message's: a second message cannot carry it too.
    EXPECT_EQ(sendWith(pupil, classChat, {pupils}).status, 400);
    EXPECT_EQ(sendWith(teacher, classChat, {teachers}).status, 201);
}

TEST_F(AttachmentsTest, ADeletedMessageTakesItsAttachmentsWithIt) {
    HttpClient teacher = signedIn(classTeacher);
    const std::int64_t id = uploaded(teacher, classChat, "Доска.png", kPng);
    const HttpAnswer sent = sendWith(teacher, classChat, {id});
    ASSERT_EQ(sent.status, 201);
    ASSERT_EQ(remove(teacher, messageId(sent), classChat).status, 200);
    HttpClient pupil = signedIn(student);
    EXPECT_EQ(download(pupil, id).status, 404);
    EXPECT_EQ(download(teacher, id).status, 404);
}

}  // namespace
}  // namespace parta::testing
