// Crash safety (native only: it forks). A child process applies a 10,000-message sync page to
// a database file and is SIGKILLed at a random moment. After every kill the file must pass
// PRAGMA integrity_check and hold either the whole page (with its cursor) or none of it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>

#include "client/client.h"
#include "store/database.h"
#include "support/sync_fixtures.h"

namespace parta {
namespace {

constexpr int kPageMessages = 10000;
constexpr std::int64_t kFirstPageId = 1000;
constexpr int kKills = 20;

std::string scalar(store::Database& database, const char* sql) {
    store::Statement& query = database.statement(sql);
    return query.step() ? query.text(0) : std::string("(no row)");
}

void removeDatabase(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// Runs the apply in a child; returns its pid. The child never returns to the test runner.
pid_t applyInChild(const std::string& path, const std::string& pageText) {
    const pid_t pid = fork();
    if (pid == 0) {
        ClientOptions options;
        options.databasePath = path;
        Client client(options);
        const bool applied = client.applySync(pageText, 0).ok();
        _exit(applied ? 0 : 1);
    }
    return pid;
}

class StoreCrash : public ::testing::Test {
protected:
    void SetUp() override {
        removeDatabase(basePath);
        ClientOptions options;
        options.databasePath = basePath;
        Client seed(options);
        ASSERT_TRUE(seed.applySync(testing::generatedPage("base", 1, 100, 10), 0).ok());
    }
    void TearDown() override {
        removeDatabase(basePath);
        removeDatabase(workPath);
    }

    void resetWorkCopy() {
        removeDatabase(workPath);
        std::filesystem::copy_file(basePath, workPath);
    }

    const std::string basePath = ::testing::TempDir() + "parta_crash_base.sqlite";
    const std::string workPath = ::testing::TempDir() + "parta_crash_work.sqlite";
    const std::string bigPage =
        testing::generatedPage("big", kFirstPageId, kPageMessages, 10, testing::Directory::AlreadySynced);
};

TEST_F(StoreCrash, KilledMidApplyLeavesAllOrNoneOfThePageAndAnIntactFile) {
    // How long one uninterrupted apply takes here, so kills land before, during and after it.
    resetWorkCopy();
    const auto start = std::chrono::steady_clock::now();
    int status = 0;
    waitpid(applyInChild(workPath, bigPage), &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const auto fullApply = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);

    std::mt19937 random(20261123);  // fixed: a failure can be replayed
    std::uniform_int_distribution<std::int64_t> killAfter(0, fullApply.count() * 6 / 5);
    int none = 0;
    int all = 0;
    for (int kill = 0; kill < kKills; ++kill) {
        resetWorkCopy();
        const pid_t child = applyInChild(workPath, bigPage);
        std::this_thread::sleep_for(std::chrono::microseconds(killAfter(random)));
        ::kill(child, SIGKILL);
        waitpid(child, &status, 0);

        store::Database reopened(workPath);
        ASSERT_TRUE(reopened.isOpen()) << "kill " << kill;
        EXPECT_EQ(scalar(reopened, "PRAGMA integrity_check"), "ok") << "kill " << kill;
        const std::string count = scalar(reopened, "SELECT count(*) FROM messages WHERE id >= 1000");
        const std::string cursor = scalar(reopened, "SELECT cursor FROM sync_state");
        if (count == "0") {
            EXPECT_EQ(cursor, "base") << "kill " << kill;
            ++none;
        } else {
            EXPECT_EQ(count, std::to_string(kPageMessages)) << "kill " << kill;
            EXPECT_EQ(cursor, "big") << "kill " << kill;
            ++all;
        }
        EXPECT_EQ(scalar(reopened, "SELECT count(*) FROM messages WHERE id < 1000"), "100") << "kill " << kill;
    }
    // Not asserted (timing-dependent), but shows the kills landed on both sides.
    std::printf("full apply %lld us; %d kills left none of the page, %d all of it\n",
                static_cast<long long>(fullApply.count()), none, all);
}

}  // namespace
}  // namespace parta
