#include "store/database.h"

#include <sqlite3.h>

namespace parta::store {

Database::Database(const std::string& path) {
    sqlite3* handle = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int result = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
    if (result != SQLITE_OK) {
        failure_ = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(result);
        sqlite3_close(handle);
        return;
    }
    handle_ = handle;
    // WAL keeps readers and the writer apart and survives a killed process; secure_delete
    // overwrites freed pages, so deleted and wiped messages do not linger in the file.
    // The 8 MiB page cache holds the indexes a sync page touches (the default 2 MiB thrashes
    // once the store passes ~50k messages).
    execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON; "
            "PRAGMA cache_size = -8192;");
}

Database::~Database() {
    statements_.clear();
    sqlite3_close(handle_);
}

bool Database::execute(std::string_view sql) {
    if (!handle_) return false;
    const std::string text(sql);
    const int result = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, nullptr);
    if (result != SQLITE_OK) recordFailure(result);
    return result == SQLITE_OK;
}

Statement& Database::statement(std::string_view sql) {
    const std::string key(sql);
    auto found = statements_.find(key);
    if (found == statements_.end()) {
        sqlite3_stmt* handle = nullptr;
        if (handle_ && sqlite3_prepare_v3(handle_, key.c_str(), static_cast<int>(key.size()),
                                          SQLITE_PREPARE_PERSISTENT, &handle, nullptr) != SQLITE_OK) {
            recordFailure(sqlite3_errcode(handle_));
        }
        found = statements_.emplace(key, std::make_unique<Statement>(*this, handle)).first;
    }
    found->second->reset();
    return *found->second;
}

void Database::finishStatements() {
    for (auto& entry : statements_) entry.second->reset();
}

int Database::userVersion() {
    Statement& query = statement("PRAGMA user_version");
    return query.step() ? static_cast<int>(query.integer(0)) : 0;
}

bool Database::setUserVersion(int version) {
    return execute("PRAGMA user_version = " + std::to_string(version));
}

std::int64_t Database::changes() const { return handle_ ? sqlite3_changes64(handle_) : 0; }

void Database::recordFailure(int resultCode) {
    if (!failure_.empty()) return;
    failure_ = handle_ ? sqlite3_errmsg(handle_) : sqlite3_errstr(resultCode);
    if (failure_.empty()) failure_ = "SQLite error " + std::to_string(resultCode);
}

}  // namespace parta::store
