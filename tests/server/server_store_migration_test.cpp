// A server store written at schema 1 opens at the newest schema with its log intact: the same
// event ids, so every cursor handed out still means what it meant (server migration 0002
// rebuilds the log table).
#include <gtest/gtest.h>

#include <filesystem>

#include "random/uuid.h"
#include "store/database.h"
#include "store/server_migration_scripts.h"
#include "store/sqlite_server_store.h"

namespace parta::testing {
namespace {

TEST(ServerStoreMigration, AStoreOfSchemaOneKeepsItsLogIdsAndNeverReusesOne) {
    const std::filesystem::path directory =
        std::filesystem::temp_directory_path() / ("parta-server-migration-" + generateUuidV4());
    std::filesystem::create_directories(directory);
    const std::string path = (directory / "server.sqlite3").string();
    {
        store::Database database(path);
        ASSERT_TRUE(database.execute(server::migrationScripts().front().sql));
        ASSERT_TRUE(database.setUserVersion(1));
        ASSERT_TRUE(database.execute(R"sql(
            INSERT INTO schools (id, name) VALUES (1, 'СОШ № 15 (тест)');
            INSERT INTO users (id, school_id, login, name, password_hash, created_at)
                VALUES (1, 1, 'teacher', 'Марина Учителева', 'not a hash', 0);
            INSERT INTO user_roles (school_id, user_id, role) VALUES (1, 1, 'admin');
            INSERT INTO chats (id, school_id, kind, title, created_at) VALUES (1, 1, 'school_channel', 'Канал', 0);
            INSERT INTO memberships (school_id, chat_id, user_id, role) VALUES (1, 1, 1, 'owner');
            INSERT INTO messages (id, school_id, chat_id, sender_id, client_id, text, server_time)
                VALUES (1, 1, 1, 1, '0b7e4c1a-2f3d-4a5b-8c6d-7e8f9a0b1c2d', 'Доброе утро', 0);
            INSERT INTO events (school_id, type, chat_id, user_id, message_id) VALUES
                (1, 'chat', 1, NULL, NULL), (1, 'membership', 1, 1, NULL), (1, 'message', 1, NULL, 1),
                (1, 'message', 1, NULL, 1);
            -- The newest id is gone, as a trimmed log's would be; it must never be handed out again.
            DELETE FROM events WHERE id = 4;
        )sql"));
    }
    {
        server::SqliteServerStore store(path);
        EXPECT_EQ(store.lastEventId(1), 3);
        const server::LogRead read = store.readLog(1, 1, {1}, 0, 100);
        std::vector<std::int64_t> ids;
        for (const server::LogEntry& entry : read.entries) ids.push_back(entry.eventId);
        EXPECT_EQ(ids, (std::vector<std::int64_t>{1, 2, 3}));
        ASSERT_EQ(read.entries.size(), 3u);
        EXPECT_EQ(read.entries[2].message.text, "Доброе утро");
        store.postMessage({1, 1, 1, generateUuidV4(), "Новое сообщение", std::nullopt, 0, std::nullopt, {}});
        EXPECT_EQ(store.lastEventId(1), 5);
    }
    std::error_code ignored;
    std::filesystem::remove_all(directory, ignored);
}

}  // namespace
}  // namespace parta::testing
