// What the storage layer promises when the device runs out of room, and which commits wait
// for the disk: a page that does not fit changes nothing, and a written message is durable.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "store/database.h"
#include "store/message_store.h"
#include "store/migrations.h"
#include "support/sync_fixtures.h"
#include "sync/outbox.h"
#include "sync/page_applier.h"
#include "sync/sync_page.h"

namespace parta::store {
namespace {

int captureStatement(unsigned, void* context, void* statement, void*) {
    static_cast<std::vector<std::string>*>(context)->push_back(sqlite3_sql(static_cast<sqlite3_stmt*>(statement)));
    return 0;
}

class StoreDurability : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(migrate(database)); }

    bool apply(const std::string& text) {
        const sync::SyncPageParse parsed = sync::parseSyncPage(text);
        EXPECT_TRUE(parsed.ok());
        return sync::applySyncPage(database, store, parsed.page, std::nullopt);
    }

    std::int64_t pageCount() {
        Statement& query = database.statement("PRAGMA page_count");
        return query.step() ? query.integer(0) : 0;
    }

    Database database{":memory:"};
    MessageStore store{database};
    sync::Outbox outbox{database, store, sync::Backoff{}, [] { return 0u; }};
};

// PRAGMA max_page_count makes SQLite answer SQLITE_FULL as a full disk or an exhausted
// browser quota does.
TEST_F(StoreDurability, PageThatDoesNotFitChangesNothingAndKeepsTheOutbox) {
    ASSERT_TRUE(apply(testing::generatedPage("c1", 1, 50, 5)));
    outbox.enqueue(1, "Завтра придём", std::nullopt, 1000);
    ASSERT_FALSE(database.failed()) << database.failure();
    const std::string before = testing::storeDump(database);

    ASSERT_TRUE(database.execute("PRAGMA max_page_count = " + std::to_string(pageCount() + 2)));
    EXPECT_FALSE(apply(testing::generatedPage("c2", 51, 2000, 5, testing::Directory::AlreadySynced)));
    EXPECT_TRUE(database.storageFull());
    database.clearFailure();
    EXPECT_EQ(testing::storeDump(database), before);
    ASSERT_EQ(store.outbox().size(), 1u);

    ASSERT_TRUE(database.execute("PRAGMA max_page_count = 1000000"));
    EXPECT_TRUE(apply(testing::generatedPage("c2", 51, 2000, 5, testing::Directory::AlreadySynced))) << database.failure();
    EXPECT_FALSE(database.storageFull());
}

TEST_F(StoreDurability, EnqueueCommitsWithFullSyncAndSyncPagesWithNormal) {
    std::vector<std::string> statements;
    sqlite3_trace_v2(database.handle(), SQLITE_TRACE_STMT, captureStatement, &statements);
    outbox.enqueue(1, "Спасибо!", std::nullopt, 1000);
    ASSERT_TRUE(apply(testing::generatedPage("c1", 1, 10, 2)));
    sqlite3_trace_v2(database.handle(), 0, nullptr, nullptr);

    std::vector<std::string> transactionControl;
    for (const std::string& sql : statements) {
        if (sql.rfind("PRAGMA synchronous", 0) == 0 || sql == "BEGIN IMMEDIATE" || sql == "COMMIT") {
            transactionControl.push_back(sql);
        }
    }
    EXPECT_EQ(transactionControl, (std::vector<std::string>{"PRAGMA synchronous = FULL", "BEGIN IMMEDIATE", "COMMIT",
                                                            "PRAGMA synchronous = NORMAL", "BEGIN IMMEDIATE", "COMMIT"}));
}

}  // namespace
}  // namespace parta::store
