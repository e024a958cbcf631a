// A sync page is one transaction with its cursor (sync/page_applier.h), whatever stops it:
// a constraint error half-way keeps nothing of the page, leaves the cursor where it was so the
// page is fetched again, and leaves the store able to take the next page. The full-disk case
// is store_durability_test.cpp's.
#include <gtest/gtest.h>

#include <cstdio>

#include "client/client.h"
#include "store/database.h"
#include "store/message_store.h"
#include "store/migrations.h"
#include "support/sync_fixtures.h"
#include "sync/page_applier.h"
#include "sync/sync_page.h"

namespace parta {
namespace {

using testing::chatEvent;
using testing::messageEvent;
using testing::page;
using testing::userEvent;

// A valid page cannot break a constraint of the schema, so a test-only trigger does: it
// refuses user 999, which failingPage() brings between events that write rows.
constexpr const char* kRefuseUser999 =
    "TRIGGER refuse_user_999 BEFORE INSERT ON users WHEN new.id = 999 "
    "BEGIN SELECT RAISE(ABORT, 'test constraint'); END;";

nlohmann::json seedPage() {
    return page("c1", nlohmann::json::array({testing::meEvent(7), userEvent(8, "Анна Петровна", "teacher"),
                                             chatEvent(1, "5Б"), messageEvent(100, 1, 8, "Завтра экскурсия")}));
}

// Inserts, updates and deletes before the refused user, and more rows after it.
nlohmann::json failingPage() {
    return page("c2", nlohmann::json::array({
                          userEvent(9, "Борис Олегович"),
                          chatEvent(2, "Родительский комитет"),
                          messageEvent(101, 1, 8, "Автобус в 9:00"),
                          {{"type", "messageEdited"},
                           {"messageEdited", {{"id", 100}, {"chatId", 1}, {"text", "Экскурсия переносится"},
                                              {"editedAt", 1700000500000}}}},
                          {{"type", "readState"}, {"readState", {{"chatId", 1}, {"lastReadId", 101}}}},
                          userEvent(999, "Отклонённый пользователь"),
                          messageEvent(102, 2, 9, "Сбор в пятницу"),
                          userEvent(10, "Вера Павловна"),
                      }));
}

nlohmann::json goodPage() {
    return page("c3", nlohmann::json::array({userEvent(9, "Борис Олегович"), messageEvent(101, 1, 9, "Автобус в 9:00")}));
}

TEST(SyncRollback, PageFailingOnAConstraintMidwayKeepsNothingLeavesTheCursorAndTheNextPageApplies) {
    store::Database database{":memory:"};
    store::MessageStore store{database};
    ASSERT_TRUE(store::migrate(database));
    auto apply = [&](const nlohmann::json& pageJson) {
        const sync::SyncPageParse parsed = sync::parseSyncPage(pageJson.dump());
        EXPECT_TRUE(parsed.ok());
        return sync::applySyncPage(database, store, parsed.page, std::nullopt);
    };
    ASSERT_TRUE(apply(seedPage())) << database.failure();
    ASSERT_TRUE(database.execute(std::string("CREATE TEMP ") + kRefuseUser999));
    const std::string before = testing::storeDump(database);

    EXPECT_FALSE(apply(failingPage()));
    EXPECT_TRUE(database.failed());
    EXPECT_FALSE(database.storageFull());
    database.clearFailure();
    EXPECT_EQ(testing::storeDump(database), before);
    EXPECT_EQ(store.cursor(), "c1");

    EXPECT_TRUE(apply(goodPage())) << database.failure();
    EXPECT_EQ(store.cursor(), "c3");
    EXPECT_EQ(store.messages(1, {}).back().text, "Автобус в 9:00");
}

void removeDatabaseFiles(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

// The Client's connection is its own, so the trigger goes into the file, written through a
// second connection that also reads the committed state for the comparison.
TEST(SyncRollback, ClientReportsAStorageFailureForTheFailedPageAndSyncsFromTheSameCursorAgain) {
    const std::string path = ::testing::TempDir() + "parta_sync_rollback.sqlite";
    removeDatabaseFiles(path);
    ClientOptions options;
    options.databasePath = path;
    options.random = [] { return 0u; };
    {
        Client client(options);
        ASSERT_FALSE(client.openError());
        ASSERT_TRUE(client.applySync(seedPage().dump(), 0).ok());
        store::Database side(path);
        ASSERT_TRUE(side.execute(std::string("CREATE ") + kRefuseUser999)) << side.failure();
        const std::string before = testing::storeDump(side);

        const auto failed = client.applySync(failingPage().dump(), 1000);
        ASSERT_FALSE(failed.ok());
        EXPECT_EQ(errorCode(failed.error->code), "STORAGE_FAILED");
        EXPECT_EQ(testing::storeDump(side), before);
        EXPECT_EQ(client.nextRequest(10'000'000).path, "/api/v1/sync?since=c1&limit=1000");

        const auto applied = client.applySync(goodPage().dump(), 10'000'000);
        ASSERT_TRUE(applied.ok()) << applied.error->detail;
        EXPECT_EQ(applied.value.cursor, "c3");
        EXPECT_EQ(client.messages(1, {}).value.back().text, "Автобус в 9:00");
    }
    removeDatabaseFiles(path);
}

}  // namespace
}  // namespace parta
