// A statement left on its row through COMMIT keeps a read snapshot open on the connection, and
// the checkpoint the commit would run then cannot move the write-ahead log into the database:
// the log grows page after page. Every write a sync page makes ends its statements before the
// page commits.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <string>
#include <vector>

#include "store/database.h"
#include "store/message_store.h"
#include "store/migrations.h"
#include "support/sync_fixtures.h"
#include "sync/page_applier.h"
#include "sync/sync_page.h"

namespace parta {
namespace {

using nlohmann::json;
using testing::messageEvent;
using testing::messageObject;

TEST(StoreStatements, NoStatementIsLeftReadingWhenASyncPageCommits) {
    store::Database database(":memory:");
    ASSERT_TRUE(store::migrate(database));
    database.finishStatements();  // as the Client does after every call
    store::MessageStore messageStore(database);
    struct Watch {
        sqlite3* handle;
        std::vector<std::string> readers;
    } watch{database.handle(), {}};
    sqlite3_commit_hook(
        database.handle(),
        [](void* context) {
            auto& watched = *static_cast<Watch*>(context);
            for (sqlite3_stmt* statement = sqlite3_next_stmt(watched.handle, nullptr); statement;
                 statement = sqlite3_next_stmt(watched.handle, statement)) {
                // The COMMIT running the hook is busy too.
                const std::string sql = sqlite3_sql(statement);
                if (sqlite3_stmt_busy(statement) && sqlite3_stmt_readonly(statement) && sql != "COMMIT") {
                    watched.readers.push_back(sql);
                }
            }
            return 0;
        },
        &watch);

    json poll = messageObject(1102, 10, 8, "");
    poll["poll"] = {{"question", "Кто поедет?"}, {"options", {{{"id", 1}, {"text", "Мы"}}, {{"id", 2}, {"text", "Не мы"}}}}};
    // Every kind of write, including changes that wait for their message and merge into it.
    const json events = json::array({
        testing::meEvent(7), testing::chatEvent(10, "5Б"), testing::membershipEvent(10, 7, "member"),
        {{"type", "messageDeleted"}, {"messageDeleted", {{"id", 1100}, {"chatId", 10}}}},
        {{"type", "messageEdited"}, {"messageEdited", {{"id", 1101}, {"chatId", 10}, {"text", "Сбор в 9:30"}, {"editedAt", 5}}}},
        {{"type", "pollVotes"}, {"pollVotes", {{"messageId", 1102}, {"userId", 7}, {"optionIds", {1}}}}},
        messageEvent(1100, 10, 8, "Экскурсия"), messageEvent(1101, 10, 8, "Сбор в 9:00"), messageEvent(poll),
        messageEvent(1101, 10, 8, "Сбор в 9:00"),
        {{"type", "messageEdited"}, {"messageEdited", {{"id", 1101}, {"chatId", 10}, {"text", "Сбор в 10:00"}, {"editedAt", 6}}}},
        {{"type", "messageDeleted"}, {"messageDeleted", {{"id", 1102}, {"chatId", 10}}}},
        {{"type", "readState"}, {"readState", {{"chatId", 10}, {"lastReadId", 1101}}}},
    });
    // The same page again, whose writes all merge, then one that only brings a new message, and
    // one that removes the reader, which reads their profile and the chat to decide what stays.
    const json pages[] = {events, events, json::array({messageEvent(1103, 10, 8, "Автобус у школы")}),
                          json::array({{{"type", "membershipRemoved"}, {"membershipRemoved", {{"chatId", 10}, {"userId", 7}}}}})};
    for (const json& pageEvents : pages) {
        const sync::SyncPageParse parsed = sync::parseSyncPage(testing::page("c1", pageEvents).dump());
        ASSERT_TRUE(parsed.ok()) << parsed.error->describe();
        ASSERT_TRUE(sync::applySyncPage(database, messageStore, parsed.page, 100)) << database.failure();
    }
    EXPECT_TRUE(watch.readers.empty()) << "still reading: " << watch.readers.front();
    sqlite3_commit_hook(database.handle(), nullptr, nullptr);
}

}  // namespace
}  // namespace parta
