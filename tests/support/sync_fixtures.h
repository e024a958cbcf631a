#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "store/database.h"

namespace parta::testing {

// Builders for sync pages in the wire format of docs/protocol.md. All names and texts are
// fictional.
nlohmann::json userEvent(std::int64_t id, const std::string& name, const std::string& role = "parent");
nlohmann::json chatEvent(std::int64_t id, const std::string& title, std::int64_t createdAt = 1700000000000);
// A chat of a policy kind (docs/permissions.md); classId empty for chats of no class.
nlohmann::json chatEvent(std::int64_t id, const std::string& title, const std::string& kind, const std::string& classId);
// A parent with no profile beyond the role.
nlohmann::json meEvent(std::int64_t userId);
// `me`: the whole payload, e.g. {"userId": 7, "roles": ["parent"], "children": [...]}.
nlohmann::json meEvent(const nlohmann::json& me);
nlohmann::json membershipEvent(std::int64_t chatId, std::int64_t userId, const std::string& role);
nlohmann::json messageObject(std::int64_t id, std::int64_t chatId, std::int64_t senderId, const std::string& text);
nlohmann::json messageEvent(const nlohmann::json& message);
nlohmann::json messageEvent(std::int64_t id, std::int64_t chatId, std::int64_t senderId, const std::string& text);
nlohmann::json page(const std::string& cursor, const nlohmann::json& events, bool more = false);

enum class Directory { Included, AlreadySynced };

// `messages` messages with ids firstId, firstId+1, … spread round-robin over chats 1..`chats`
// and senders 1..10, preceded by those users and chats unless they were synced before.
std::string generatedPage(const std::string& cursor, std::int64_t firstId, int messages, int chats,
                          Directory directory = Directory::Included);

// Every row of every table (and the search index) in a fixed order: two stores with equal
// dumps hold the same data.
std::string storeDump(store::Database& database);

}  // namespace parta::testing
