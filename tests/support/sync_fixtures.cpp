#include "support/sync_fixtures.h"

#include <sqlite3.h>

#include <vector>

namespace parta::testing {

nlohmann::json userEvent(std::int64_t id, const std::string& name, const std::string& role) {
    return {{"type", "user"}, {"user", {{"id", id}, {"name", name}, {"role", role}}}};
}

nlohmann::json chatEvent(std::int64_t id, const std::string& title, std::int64_t createdAt) {
    return {{"type", "chat"},
            {"chat", {{"id", id}, {"kind", "class_chat"}, {"classId", "5A"}, {"title", title}, {"createdAt", createdAt}}}};
}

nlohmann::json chatEvent(std::int64_t id, const std::string& title, const std::string& kind, const std::string& classId) {
    nlohmann::json chat = {{"id", id}, {"kind", kind}, {"title", title}, {"createdAt", 1700000000000}};
    if (!classId.empty()) chat["classId"] = classId;
    return {{"type", "chat"}, {"chat", chat}};
}

nlohmann::json meEvent(const nlohmann::json& me) { return {{"type", "me"}, {"me", me}}; }

nlohmann::json membershipEvent(std::int64_t chatId, std::int64_t userId, const std::string& role) {
    return {{"type", "membership"}, {"membership", {{"chatId", chatId}, {"userId", userId}, {"role", role}}}};
}

nlohmann::json meEvent(std::int64_t userId) {
    return {{"type", "me"}, {"me", {{"userId", userId}, {"roles", {"parent"}}}}};
}

nlohmann::json messageObject(std::int64_t id, std::int64_t chatId, std::int64_t senderId, const std::string& text) {
    return {{"id", id},
            {"chatId", chatId},
            {"senderId", senderId},
            {"serverTime", 1700000000000 + id * 1000},
            {"text", text}};
}

nlohmann::json messageEvent(const nlohmann::json& message) { return {{"type", "message"}, {"message", message}}; }

nlohmann::json messageEvent(std::int64_t id, std::int64_t chatId, std::int64_t senderId, const std::string& text) {
    return messageEvent(messageObject(id, chatId, senderId, text));
}

nlohmann::json page(const std::string& cursor, const nlohmann::json& events, bool more) {
    return {{"cursor", cursor}, {"more", more}, {"events", events}};
}

std::string generatedPage(const std::string& cursor, std::int64_t firstId, int messages, int chats,
                          Directory directory) {
    nlohmann::json events = nlohmann::json::array();
    if (directory == Directory::Included) {
        for (int user = 1; user <= 10; ++user) events.push_back(userEvent(user, "Родитель " + std::to_string(user)));
        for (int chat = 1; chat <= chats; ++chat) events.push_back(chatEvent(chat, "Класс " + std::to_string(chat)));
    }
    for (int i = 0; i < messages; ++i) {
        const std::int64_t id = firstId + i;
        events.push_back(messageEvent(id, 1 + id % chats, 1 + id % 10,
                                      "Сообщение " + std::to_string(id) + ": завтра контрольная по математике, "
                                      "не забудьте тетради и учебник"));
    }
    return page(cursor, events).dump();
}

std::string storeDump(store::Database& database) {
    std::vector<std::string> tables;
    {
        store::Statement& list = database.statement(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
            "AND name NOT LIKE 'messages_fts%' ORDER BY name");
        while (list.step()) tables.push_back(list.text(0));
    }
    std::string dump;
    for (const std::string& table : tables) {
        dump += "## " + table + "\n";
        sqlite3_stmt* rows = nullptr;
        const std::string sql = "SELECT * FROM \"" + table + "\" ORDER BY 1, 2, 3";
        if (sqlite3_prepare_v2(database.handle(), sql.c_str(), -1, &rows, nullptr) != SQLITE_OK) {
            // Tables with fewer than three columns: order by what there is.
            sqlite3_prepare_v2(database.handle(), ("SELECT * FROM \"" + table + "\" ORDER BY 1").c_str(), -1, &rows,
                               nullptr);
        }
        while (sqlite3_step(rows) == SQLITE_ROW) {
            for (int column = 0; column < sqlite3_column_count(rows); ++column) {
                const auto* text = sqlite3_column_text(rows, column);
                dump += text ? reinterpret_cast<const char*>(text) : "NULL";
                dump += '|';
            }
            dump += '\n';
        }
        sqlite3_finalize(rows);
    }
    // The index is contentless, so compare what it finds rather than its pages.
    dump += "## messages_fts\n";
    store::Statement& indexed = database.statement("SELECT rowid FROM messages_fts ORDER BY rowid");
    while (indexed.step()) dump += std::to_string(indexed.integer(0)) + "\n";
    return dump;
}

}  // namespace parta::testing
