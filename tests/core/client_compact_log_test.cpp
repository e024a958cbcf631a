// Client::compactLog(): the write-ahead log goes into the database file and is emptied, with
// every message kept, so a store whose process is then killed opens without a log to read.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <unistd.h>

#include "client/client.h"
#include "support/sync_fixtures.h"

namespace parta {
namespace {

class ClientCompactLog : public ::testing::Test {
protected:
    void SetUp() override { removeFiles(); }
    void TearDown() override { removeFiles(); }

    void removeFiles() {
        for (const char* suffix : {"", "-wal", "-journal"}) std::filesystem::remove(path_ + suffix);
    }

    ClientOptions options() const {
        ClientOptions options;
        options.databasePath = path_;
        // As in the browser: one connection owns the files, so the WAL needs no shared memory.
        options.database.exclusive = true;
        return options;
    }

    std::uintmax_t logBytes() const {
        const std::string log = path_ + "-wal";
        return std::filesystem::exists(log) ? std::filesystem::file_size(log) : 0;
    }

    const std::string path_ =
        (std::filesystem::temp_directory_path() / ("parta_compact_log_" + std::to_string(::getpid()) + ".sqlite")).string();
};

TEST_F(ClientCompactLog, EmptiesTheWriteAheadLogAndKeepsEveryMessage) {
    Client client(options());
    ASSERT_TRUE(client.applySync(testing::generatedPage("c1", 1, 400, 4), 0).ok());
    ASSERT_TRUE(client.enqueue(1, "Спасибо, придём", std::nullopt, 1000).ok());
    ASSERT_GT(logBytes(), 0u);

    ASSERT_TRUE(client.compactLog().ok());
    EXPECT_EQ(logBytes(), 0u);
    EXPECT_EQ(client.checkIntegrity().value, "ok");
    EXPECT_EQ(client.messages(1, {500, std::nullopt, std::nullopt}).value.size(), 101u);  // 100 stored + 1 unsent
}

TEST_F(ClientCompactLog, WritesAfterCompactingGoOnAndSurviveAReopen) {
    {
        Client client(options());
        ASSERT_TRUE(client.applySync(testing::generatedPage("c1", 1, 200, 2), 0).ok());
        ASSERT_TRUE(client.compactLog().ok());
        ASSERT_TRUE(client.applySync(testing::generatedPage("c2", 201, 200, 2, testing::Directory::AlreadySynced), 0).ok());
        ASSERT_TRUE(client.compactLog().ok());
        ASSERT_TRUE(client.compactLog().ok());  // nothing new: still fine
    }
    Client reopened(options());
    ASSERT_FALSE(reopened.openError().has_value());
    EXPECT_EQ(reopened.checkIntegrity().value, "ok");
    EXPECT_EQ(reopened.messages(1, {500, std::nullopt, std::nullopt}).value.size(), 200u);
}

}  // namespace
}  // namespace parta
