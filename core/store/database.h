#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

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
    explicit Database(const std::string& path);
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

    int userVersion();
    bool setUserVersion(int version);
    std::int64_t changes() const;

    bool failed() const { return !failure_.empty(); }
    // SQLite's own message: names tables and constraints, never row values.
    const std::string& failure() const { return failure_; }
    void clearFailure() { failure_.clear(); }
    void recordFailure(int resultCode);

    sqlite3* handle() const { return handle_; }

private:
    sqlite3* handle_ = nullptr;
    std::string failure_;
    std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
};

}  // namespace parta::store
