// Crash safety of the real server binary (native only: it spawns and SIGKILLs a process).
// Senders post while the server is killed with -9. Afterwards the database must pass
// integrity_check and hold every acknowledged message exactly once, and a client that resends
// everything it ever tried, as the outbox does after a crash, must still end with one copy of
// each: the acknowledgement comes after the durable commit, and the retry is idempotent.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/password_hasher.h"
#include "random/uuid.h"
#include "server/support/http_client.h"
#include "store/sqlite_server_store.h"

namespace parta::testing {
namespace {

constexpr const char* kLogin = "teacher";
constexpr const char* kPassword = "correct horse battery staple";
constexpr int kSenders = 4;
constexpr int kAcknowledgedBeforeKill = 150;

// The server binary as a child process, its stdout read for the port it bound.
class ServerProcess {
public:
    ServerProcess(const std::filesystem::path& database, const std::filesystem::path& attachments) {
        int output[2];
        if (pipe(output) != 0) throw std::runtime_error("pipe failed");
        pid_ = fork();
        if (pid_ == 0) {
            dup2(output[1], STDOUT_FILENO);
            close(output[0]);
            close(output[1]);
            execl(PARTA_SERVER_BINARY, PARTA_SERVER_BINARY, "--port", "0", "--database", database.c_str(),
                  "--attachments", attachments.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        close(output[1]);
        port_ = readPort(output[0]);
        close(output[0]);
    }
    ~ServerProcess() {
        if (pid_ > 0) kill9();
    }

    std::uint16_t port() const { return port_; }

    void kill9() {
        kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
    }

private:
    // "parta-server: listening on http://127.0.0.1:PORT"; 0 when the child never says it.
    static std::uint16_t readPort(int fd) {
        std::string printed;
        const std::string marker = "127.0.0.1:";
        // Bounded so that a server that fails to start fails the test instead of hanging it.
        for (int attempt = 0; attempt < 300; ++attempt) {
            pollfd ready{fd, POLLIN, 0};
            if (::poll(&ready, 1, 100) <= 0) continue;
            char chunk[256];
            const ssize_t got = read(fd, chunk, sizeof chunk);
            if (got <= 0) return 0;
            printed.append(chunk, static_cast<std::size_t>(got));
            const std::size_t at = printed.find(marker);
            const std::size_t end = at == std::string::npos ? at : printed.find('\n', at);
            if (end != std::string::npos) return static_cast<std::uint16_t>(std::stoi(printed.substr(at + marker.size())));
        }
        return 0;
    }

    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

struct Attempt {
    std::string clientId;
    std::string body;                 // a retry sends the very same body
    std::int64_t acknowledgedId = 0;  // 0: no 2xx answer came back
};

Attempt newAttempt(std::int64_t chatId, int n) {
    const std::string clientId = generateUuidV4();
    return {clientId,
            nlohmann::json{{"clientId", clientId}, {"chatId", chatId}, {"text", "Сообщение № " + std::to_string(n)}}.dump(),
            0};
}

class ServerCrash : public ::testing::Test {
protected:
    void SetUp() override {
        directory_ = std::filesystem::temp_directory_path() / ("parta-server-crash-" + generateUuidV4());
        std::filesystem::create_directories(directory_);
        server::SqliteServerStore store(database().string());
        const std::int64_t school = store.createSchool("СОШ № 15 (тест)");
        server::NewUser teacher;
        teacher.schoolId = school;
        teacher.login = kLogin;
        teacher.name = "Марина Учителева";
        teacher.passwordHash = server::PasswordHasher(server::PasswordCost::TestOnlyMinimal).hash(kPassword);
        teacher.roles = {policy::SchoolRole::Teacher};
        teacher.verified = true;
        teacher.classTeacherOf = {"5А"};
        teacher.createdAt = 1700000000000;
        teacherId_ = store.createUser(teacher);
        chatId_ = store.createChat({school, "class_chat", "5А", "5А класс", 1700000000000});
        store.addMember(chatId_, teacherId_, "owner");
    }
    void TearDown() override {
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
    }

    std::filesystem::path database() const { return directory_ / "server.sqlite3"; }
    std::filesystem::path attachments() const { return directory_ / "attachments"; }

    std::filesystem::path directory_;
    std::int64_t teacherId_ = 0;
    std::int64_t chatId_ = 0;
};

std::string integrityCheck(sqlite3* db) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr);
    std::string result = sqlite3_step(statement) == SQLITE_ROW
                             ? reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))
                             : "(no row)";
    sqlite3_finalize(statement);
    return result;
}

// (copies, id of the first) of the message with this clientId.
std::pair<int, std::int64_t> storedCopies(sqlite3* db, std::int64_t senderId, const std::string& clientId) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*), min(id) FROM messages WHERE sender_id = ? AND client_id = ?", -1, &statement,
                       nullptr);
    sqlite3_bind_int64(statement, 1, senderId);
    sqlite3_bind_text(statement, 2, clientId.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(statement);
    const std::pair<int, std::int64_t> copies{sqlite3_column_int(statement, 0), sqlite3_column_int64(statement, 1)};
    sqlite3_finalize(statement);
    return copies;
}

int messageCount(sqlite3* db) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM messages", -1, &statement, nullptr);
    sqlite3_step(statement);
    const int count = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    return count;
}

TEST_F(ServerCrash, KilledMidBurstKeepsEveryAcknowledgedMessageExactlyOnceAndRetriesAddNoCopy) {
    std::vector<Attempt> attempts;
    std::string cookie;
    {
        ServerProcess server(database(), attachments());
        ASSERT_NE(server.port(), 0) << "the server did not start";
        HttpClient signIn(server.port());
        ASSERT_EQ(signIn.signIn(kLogin, kPassword).status, 200);
        cookie = signIn.cookie();

        std::mutex attemptsMutex;
        std::atomic<int> acknowledged{0};
        std::atomic<bool> serverGone{false};
        std::vector<std::thread> senders;
        for (int sender = 0; sender < kSenders; ++sender) {
            senders.emplace_back([&, sender] {
                HttpClient client(server.port());
                client.cookie() = cookie;
                // Bounded: the kill comes long before; a server that stops answering ends it too.
                for (int n = 0; n < 100000 && !serverGone; ++n) {
                    const Attempt attempt = newAttempt(chatId_, sender * 100000 + n);
                    std::size_t index = 0;
                    {
                        // Recorded before the request, as the outbox stores an item before sending it.
                        std::lock_guard<std::mutex> lock(attemptsMutex);
                        index = attempts.size();
                        attempts.push_back(attempt);
                    }
                    HttpAnswer answer;
                    try {
                        answer = client.post("/api/v1/messages", attempt.body);
                    } catch (const std::exception&) {
                        return;  // the connection was refused or reset: the server is gone
                    }
                    if (answer.status == 0) return;
                    if (answer.status != 201) {
                        ADD_FAILURE() << "a send answered " << answer.status << ": " << answer.body;
                        return;
                    }
                    const std::int64_t id = answer.json()["message"]["id"].get<std::int64_t>();
                    {
                        std::lock_guard<std::mutex> lock(attemptsMutex);
                        attempts[index].acknowledgedId = id;
                    }
                    ++acknowledged;
                }
            });
        }
        // Bounded wait for the burst to be well under way; no duration is asserted.
        for (int waited = 0; waited < 6000 && acknowledged < kAcknowledgedBeforeKill; ++waited) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        server.kill9();
        serverGone = true;
        for (std::thread& sender : senders) sender.join();
        ASSERT_GE(acknowledged.load(), kAcknowledgedBeforeKill) << "the burst never got going";
    }

    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(database().c_str(), &db), SQLITE_OK);
    EXPECT_EQ(integrityCheck(db), "ok");
    for (const Attempt& attempt : attempts) {
        if (attempt.acknowledgedId == 0) continue;
        const auto [copies, id] = storedCopies(db, teacherId_, attempt.clientId);
        EXPECT_EQ(copies, 1) << attempt.clientId;
        EXPECT_EQ(id, attempt.acknowledgedId) << attempt.clientId;
    }
    sqlite3_close(db);

    // The restarted server takes the same session, and every attempt resent gives one copy:
    // the acknowledged ones answer with the message already stored.
    ServerProcess restarted(database(), attachments());
    ASSERT_NE(restarted.port(), 0) << "the server did not restart on the killed database";
    HttpClient client(restarted.port());
    client.cookie() = cookie;
    for (const Attempt& attempt : attempts) {
        const HttpAnswer answer = client.post("/api/v1/messages", attempt.body);
        ASSERT_TRUE(answer.status == 200 || answer.status == 201) << answer.status << ": " << answer.body;
        if (attempt.acknowledgedId != 0) {
            EXPECT_EQ(answer.status, 200) << "an acknowledged message was stored again";
            EXPECT_EQ(answer.json()["message"]["id"].get<std::int64_t>(), attempt.acknowledgedId);
        }
    }
    ASSERT_EQ(sqlite3_open(database().c_str(), &db), SQLITE_OK);
    EXPECT_EQ(messageCount(db), static_cast<int>(attempts.size()));
    sqlite3_close(db);
}

}  // namespace
}  // namespace parta::testing
