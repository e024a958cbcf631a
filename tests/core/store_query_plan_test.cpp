// The chat list, a message page, the unread count and search must each be answered from an
// index, never by scanning a table or sorting in a temporary B-tree. The statements are
// captured as the store runs them, so the test checks the SQL that ships.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "store/database.h"
#include "store/message_store.h"
#include "store/migrations.h"

namespace parta::store {
namespace {

int captureStatement(unsigned, void* context, void* statement, void*) {
    auto* captured = static_cast<std::vector<std::string>*>(context);
    captured->push_back(sqlite3_sql(static_cast<sqlite3_stmt*>(statement)));
    return 0;
}

std::vector<std::string> planOf(Database& database, const std::string& sql) {
    std::vector<std::string> details;
    sqlite3_stmt* plan = nullptr;
    const std::string explain = "EXPLAIN QUERY PLAN " + sql;
    EXPECT_EQ(sqlite3_prepare_v2(database.handle(), explain.c_str(), -1, &plan, nullptr), SQLITE_OK)
        << sqlite3_errmsg(database.handle());
    while (sqlite3_step(plan) == SQLITE_ROW) details.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(plan, 3)));
    sqlite3_finalize(plan);
    return details;
}

// A step that reads a whole table without an index, or sorts rows itself.
bool isUnindexed(const std::string& step) {
    const bool scan = step.rfind("SCAN ", 0) == 0 && step.find(" USING ") == std::string::npos &&
                      step.find("VIRTUAL TABLE") == std::string::npos;
    return scan || step.find("TEMP B-TREE") != std::string::npos;
}

// Tables of at most one row, and FTS5's own bookkeeping queries on its shadow tables.
bool isExempt(const std::string& sql) {
    return sql.find("FROM me") != std::string::npos || sql.find("FROM sync_state") != std::string::npos ||
           sql.find("'main'.") != std::string::npos;
}

class QueryPlan : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(migrate(database));
        sqlite3_trace_v2(database.handle(), SQLITE_TRACE_STMT, captureStatement, &captured);
    }
    void TearDown() override { sqlite3_trace_v2(database.handle(), 0, nullptr, nullptr); }

    void expectEveryStatementIndexed() {
        ASSERT_FALSE(captured.empty());
        for (const std::string& sql : captured) {
            if (sql.rfind("SELECT", 0) != 0 || isExempt(sql)) continue;
            for (const std::string& step : planOf(database, sql)) {
                EXPECT_FALSE(isUnindexed(step)) << step << "\n  in: " << sql;
            }
        }
    }

    Database database{":memory:"};
    MessageStore store{database};
    std::vector<std::string> captured;
};

TEST_F(QueryPlan, ChatListWithUnreadCountsAndLastMessageUsesIndexes) {
    store.chats(200);
    expectEveryStatementIndexed();
}

TEST_F(QueryPlan, LatestMessagePageUsesTheChatIndex) {
    store.messages(1, {50, std::nullopt, std::nullopt});
    expectEveryStatementIndexed();
}

TEST_F(QueryPlan, OlderAndNewerMessagePagesUseTheChatIndex) {
    store.messages(1, {50, 1000, std::nullopt});
    store.messages(1, {50, std::nullopt, 1000});
    expectEveryStatementIndexed();
}

TEST_F(QueryPlan, UnreadCountUsesTheChatIndex) {
    store.unreadCount(1);
    expectEveryStatementIndexed();
}

TEST_F(QueryPlan, SearchUsesTheFullTextIndex) {
    store.search("собрание", {});
    store.search("собрание", {1, 1000, 20});
    expectEveryStatementIndexed();
}

// The pass before commit may walk the pending rows (a page's worth), never the messages table.
TEST_F(QueryPlan, SearchIndexPassWalksOnlyThePendingRows) {
    Message message;
    message.id = 1;
    message.chatId = 1;
    message.text = "Собрание в пятницу";
    store.upsertMessage(message);
    store.finishTransaction();
    ASSERT_FALSE(database.failed()) << database.failure();
    int passStatements = 0;
    for (const std::string& sql : captured) {
        // The pass, not the noting of one message (a single-row insert) or the emptying after it.
        const bool partOfThePass = sql.find("search_index_pending") != std::string::npos &&
                                   sql.rfind("DELETE", 0) != 0 && sql.rfind("INSERT INTO search_index_pending", 0) != 0;
        if (!partOfThePass) continue;
        ++passStatements;
        for (const std::string& step : planOf(database, sql)) {
            const bool scansSomethingElse = step.rfind("SCAN ", 0) == 0 && step.find("search_index_pending") == std::string::npos &&
                                            step != "SCAN p";
            EXPECT_FALSE(scansSomethingElse || step.find("TEMP B-TREE") != std::string::npos) << step << "\n  in: " << sql;
        }
    }
    EXPECT_EQ(passStatements, 2);
}

int reprepareCount(Database& database) {
    int total = 0;
    for (sqlite3_stmt* statement = sqlite3_next_stmt(database.handle(), nullptr); statement;
         statement = sqlite3_next_stmt(database.handle(), statement)) {
        total += sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_REPREPARE, 0);
    }
    return total;
}

// The store keeps each statement prepared (Database::statement) and binds it anew per call.
// A plan that looks at a bound value (SQLite does, to match the partial index on messages) is
// compiled again at every new binding: a latest-50 page re-prepared both of its statements each
// time, until the build turned that off (SQLITE_ENABLE_QPSG, docs/build.md).
TEST_F(QueryPlan, StatementsAreBoundAnewWithoutBeingCompiledAgain) {
    for (std::int64_t chat = 1; chat <= 3; ++chat) {
        Message message;
        message.id = 100 + chat;
        message.chatId = chat;
        message.text = "Собрание в пятницу";
        store.upsertMessage(message);
        store.finishTransaction();
        store.messages(chat, {50, std::nullopt, std::nullopt});
        store.messages(chat, {50, 1000 + chat, std::nullopt});
        store.unreadCount(chat);
        store.search("собрание", {chat, 1000 + chat, 20});
        store.chats(200 + static_cast<int>(chat));
    }
    ASSERT_FALSE(database.failed()) << database.failure();
    EXPECT_EQ(reprepareCount(database), 0);
}

}  // namespace
}  // namespace parta::store
