#include "store/database.h"

#include <sqlite3.h>

namespace parta::store {

Database::Database(const std::string& path, const DatabaseOptions& options) {
    sqlite3* handle = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int result =
        sqlite3_open_v2(path.c_str(), &handle, flags, options.vfs.empty() ? nullptr : options.vfs.c_str());
    if (result != SQLITE_OK) {
        failure_ = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(result);
        sqlite3_close(handle);
        return;
    }
    handle_ = handle;
    // Exclusive locking first: WAL without shared memory is allowed only in that mode.
    if (options.exclusive) execute("PRAGMA locking_mode = EXCLUSIVE");
    execute("PRAGMA page_size = " + std::to_string(options.pageSize));
    // WAL keeps readers and the writer apart and survives a killed process; TRUNCATE is the
    // rollback-journal alternative the browser benchmark weighs against it. secure_delete
    // overwrites freed pages, so deleted and wiped messages do not linger in the file.
    // The 8 MiB page cache holds the indexes a sync page touches (the default 2 MiB thrashes
    // once the store passes ~50k messages). A sync page rewrites many of the same index pages
    // as the page before it, so checkpointing every 16 MiB of log instead of every 4 MiB
    // copies each of them to the database (and waits for the disk) less often.
    execute(options.journalMode == JournalMode::Wal ? "PRAGMA journal_mode = WAL" : "PRAGMA journal_mode = TRUNCATE");
    execute("PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON; PRAGMA cache_size = -8192; "
            "PRAGMA wal_autocheckpoint = 4000;");
}

Database::~Database() {
    statements_.clear();
    sqlite3_close(handle_);
}

bool Database::execute(std::string_view sql) {
    if (!handle_ || transactionLost()) return false;
    const std::string text(sql);
    const int result = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, nullptr);
    if (result != SQLITE_OK) recordFailure(result);
    return result == SQLITE_OK;
}

Statement& Database::statement(std::string_view sql) {
    auto found = statements_.find(sql);
    if (found == statements_.end()) {
        auto cached = std::make_unique<CachedStatement>();
        cached->sql = std::string(sql);
        sqlite3_stmt* handle = nullptr;
        if (handle_ && sqlite3_prepare_v3(handle_, cached->sql.c_str(), static_cast<int>(cached->sql.size()),
                                          SQLITE_PREPARE_PERSISTENT, &handle, nullptr) != SQLITE_OK) {
            recordFailure(sqlite3_errcode(handle_));
        }
        cached->statement = std::make_unique<Statement>(*this, handle);
        const std::string_view key = cached->sql;
        found = statements_.emplace(key, std::move(cached)).first;
    }
    found->second->statement->reset();
    return *found->second->statement;
}

void Database::finishStatements() {
    for (auto& entry : statements_) entry.second->statement->reset();
}

bool Database::checkpointAndTruncateLog() {
    if (!handle_) return false;
    const int result = sqlite3_wal_checkpoint_v2(handle_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    if (result != SQLITE_OK) recordFailure(result);
    return result == SQLITE_OK;
}

std::string Database::integrityCheck() {
    Statement& check = statement("PRAGMA integrity_check");
    std::string findings;
    while (check.step()) findings += (findings.empty() ? "" : "\n") + check.text(0);
    return findings;
}

int Database::userVersion() {
    Statement& query = statement("PRAGMA user_version");
    return query.step() ? static_cast<int>(query.integer(0)) : 0;
}

bool Database::setUserVersion(int version) {
    return execute("PRAGMA user_version = " + std::to_string(version));
}

bool Database::transactionLost() const {
    return transactionOpen_ && handle_ && sqlite3_get_autocommit(handle_) != 0;
}

std::int64_t Database::changes() const { return handle_ ? sqlite3_changes64(handle_) : 0; }

std::int64_t Database::totalChanges() const { return handle_ ? sqlite3_total_changes64(handle_) : 0; }

void Database::setDurability(Durability durability) {
    if (durability == durability_) return;
    durability_ = durability;
    execute(durability == Durability::Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
}

void Database::recordFailure(int resultCode) {
    if ((resultCode & 0xff) == SQLITE_FULL) storageFull_ = true;
    if (!failure_.empty()) return;
    failure_ = handle_ ? sqlite3_errmsg(handle_) : sqlite3_errstr(resultCode);
    if (failure_.empty()) failure_ = "SQLite error " + std::to_string(resultCode);
}

}  // namespace parta::store
