#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "reference_server.h"
#include "server/support/http_client.h"
#include "store/sqlite_server_store.h"

namespace parta::testing {

// One person of the fixture: their login (the password is kPassword for everyone) and id.
struct Person {
    std::string login;
    std::int64_t id = 0;
};

inline constexpr const char* kPassword = "correct horse battery staple";

// Two schools of fictional people, one per role (STYLE.md: one fixture per role), and the
// reference server on an ephemeral loopback port over a fresh database file.
//
// School 1, «СОШ № 15 (тест)»: an admin, the class teacher of 5А, a student of 5А, that
// student's parent, and a classmate (another student of 5А, a plain member where the student
// is). Chats: the school channel (everyone; the admin owns it), the class chat of 5А
// (teacher, student and classmate), the parents' chat of 5А (teacher and parent).
// School 2, «Гимназия № 2 (тест)»: a stranger (a student of 7Б) and their class teacher, in
// the class chat of 7Б.
class SchoolFixture : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    // A client of the server, signed in as `person`.
    HttpClient signedIn(const Person& person);
    HttpClient anonymous() { return HttpClient(port_); }

    // POST /api/v1/messages with a fresh clientId unless one is given.
    HttpAnswer send(HttpClient& client, std::int64_t chatId, const std::string& text,
                    const std::string& clientId = "");
    // POST /api/v1/messages with a poll of these options (ids 1 … n), its text the question.
    HttpAnswer sendPoll(HttpClient& client, std::int64_t chatId, const std::string& question,
                        const std::vector<std::string>& options, bool multipleChoice = false);
    // The id of the message a send answered.
    static std::int64_t messageId(const HttpAnswer& sent);

    // The changes of docs/protocol.md, each with a fresh clientId unless one is given.
    HttpAnswer edit(HttpClient& client, std::int64_t messageId, std::int64_t chatId, const std::string& text,
                    const std::string& clientId = "");
    HttpAnswer remove(HttpClient& client, std::int64_t messageId, std::int64_t chatId, const std::string& clientId = "");
    HttpAnswer vote(HttpClient& client, std::int64_t messageId, std::int64_t chatId,
                    const std::vector<std::int64_t>& optionIds, const std::string& clientId = "");
    HttpAnswer markRead(HttpClient& client, std::int64_t chatId, std::int64_t lastReadId, const std::string& clientId = "");
    // Follows `more` from `since` (empty: a first sync) and answers every event in order,
    // and the last cursor. With a `since`, only when something new is there: else the first
    // request is a long-poll.
    struct Synced {
        nlohmann::json events = nlohmann::json::array();
        std::string cursor;
    };
    Synced syncAll(HttpClient& client, const std::string& since = "", int limit = 1000);
    // Blocks until `count` long-polls are parked in the server (bounded: fails after 10 s).
    void waitForParkedPolls(std::size_t count);

    server::SqliteServerStore& store() { return *store_; }
    // The store's file, for a test that reads what no endpoint shows yet (the audit columns).
    std::string databasePath() const { return (directory_ / "server.sqlite3").string(); }
    // Where the fixture's server keeps attachment files.
    std::filesystem::path attachmentsFolder() const { return directory_ / "attachments"; }
    std::uint16_t port() const { return port_; }
    server::ReferenceServer& server() { return *server_; }
    // Starts a second server on the same store with other options (e.g. behind TLS).
    std::unique_ptr<server::ReferenceServer> startServer(server::ServerOptions options, std::uint16_t& port);
    static server::ServerOptions testOptions();

    Person admin, classTeacher, student, parent, classmate;  // school 1
    Person stranger, strangerTeacher;             // school 2
    std::int64_t schoolId = 0, otherSchoolId = 0;
    std::int64_t schoolChannel = 0, classChat = 0, parentsChat = 0, strangerClassChat = 0;

private:
    std::filesystem::path directory_;
    std::unique_ptr<server::SqliteServerStore> store_;
    std::unique_ptr<server::ReferenceServer> server_;
    std::uint16_t port_ = 0;
};

}  // namespace parta::testing
