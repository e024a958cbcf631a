#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace parta::store {

class Database;

// A prepared statement. Parameters and columns are indexed as in SQLite: parameters from 1,
// columns from 0. A failed step is recorded in the owning Database (see Database).
class Statement {
public:
    Statement(Database& database, sqlite3_stmt* handle);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool isPrepared() const { return handle_ != nullptr; }

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::optional<std::int64_t>& value);
    Statement& bind(int index, const std::optional<std::string>& value);
    Statement& bindNull(int index);

    // True while a row is ready; false once done or failed.
    bool step();
    // Steps to the end, for statements that return no rows.
    void run();
    // Makes the statement ready for new bindings.
    void reset();

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    bool isNull(int column) const;
    std::optional<std::int64_t> optionalInteger(int column) const;
    std::optional<std::string> optionalText(int column) const;

private:
    Database& database_;
    sqlite3_stmt* handle_;
};

}  // namespace parta::store
