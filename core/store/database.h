#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/database_options.h"
#include "store/statement.h"

struct sqlite3;

namespace parta::store {

// One SQLite connection. Core talks SQL through this narrow surface only; what differs
// between native files, the browser's storage and tests lies below SQLite's VFS.
//
// Failures are values, not exceptions (exceptions do not cross the wasm boundary): the first
// failed statement since clearFailure() is remembered, Transaction::commit() refuses to
// commit after one, and callers ask failed() after reads.
class Database {
public:
    // ":memory:" gives a private in-memory database; anything else is a file path.
    explicit Database(const std::string& path, const DatabaseOptions& options = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    bool isOpen() const { return handle_ != nullptr; }

    // Runs one or more statements that return no rows.
    bool execute(std::string_view sql);

    // A prepared statement reused across calls (reset and unbound), so hot paths such as
    // applying a sync page do not re-parse SQL per row. Do not nest two uses of the same SQL.
    Statement& statement(std::string_view sql);

    // Ends every cached statement's read snapshot. A statement left on a row would keep its
    // snapshot, holding back WAL checkpoints and refusing VACUUM.
    void finishStatements();

    // Copies the write-ahead log into the database file and empties it (a no-op without WAL).
    // A log left behind is read through at the next open, and takes room on the device.
    bool checkpointAndTruncateLog();

    // PRAGMA integrity_check: "ok", or SQLite's findings one per line.
    std::string integrityCheck();

    int userVersion();
    bool setUserVersion(int version);
    std::int64_t changes() const;
    // Rows changed through this connection since it opened, rolled-back changes included: it
    // only grows, so an unchanged count means nothing was written in between.
    std::int64_t totalChanges() const;

    // Applies to the commits that follow.
    void setDurability(Durability durability);

    bool failed() const { return !failure_.empty(); }
    // The storage refused to grow (SQLITE_FULL: a full disk or a browser quota).
    bool storageFull() const { return storageFull_; }
    // SQLite's own message: names tables and constraints, never row values.
    const std::string& failure() const { return failure_; }
    void clearFailure() {
        failure_.clear();
        storageFull_ = false;
    }
    void recordFailure(int resultCode);

    sqlite3* handle() const { return handle_; }

    // Set by Transaction while it is open. After an error such as SQLITE_FULL in a statement
    // that had no statement journal, SQLite rolls the whole transaction back by itself; the
    // statements that follow would then each commit on their own, so none runs: the failure
    // already recorded makes Transaction::commit() answer false.
    void setTransactionOpen(bool open) { transactionOpen_ = open; }
    bool transactionLost() const;

private:
    sqlite3* handle_ = nullptr;
    std::string failure_;
    bool storageFull_ = false;
    bool transactionOpen_ = false;
    Durability durability_ = Durability::Normal;
    struct CachedStatement {
        std::string sql;
        std::unique_ptr<Statement> statement;
    };
    // Keyed by views of each entry's own sql, so a lookup copies no string: statement() runs
    // several times per message of a sync page.
    std::unordered_map<std::string_view, std::unique_ptr<CachedStatement>> statements_;
};

}  // namespace parta::store
