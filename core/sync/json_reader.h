#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sync/field_error.h"

namespace parta::sync {

// Reads the fields of one JSON object against the limits of docs/protocol.md. The first
// violation is recorded in the shared `error` with its full path; once there is one, every
// read returns a default, so a parser reads straight through and checks ok() at the end.
// Unknown fields are ignored: a newer server may add some.
class JsonReader {
public:
    JsonReader(const nlohmann::json& value, std::string path, std::optional<FieldError>& error);

    bool ok() const { return !error_.has_value(); }
    const nlohmann::json& value() const { return value_; }
    const std::string& path() const { return path_; }
    // A reader for a nested object that reports into the same error.
    JsonReader child(const nlohmann::json& value, std::string path) const { return {value, std::move(path), error_}; }
    std::string pathOf(std::string_view key) const;

    // Server ids: 1 .. 2^63-1.
    std::int64_t id(std::string_view key);
    // Absent or null gives nullopt.
    std::optional<std::int64_t> optionalId(std::string_view key);
    // Milliseconds since the Unix epoch, up to the end of year 9999.
    std::int64_t time(std::string_view key);
    std::optional<std::int64_t> optionalTime(std::string_view key);
    std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max);
    bool boolean(std::string_view key);
    // Absent or null gives `fallback`.
    bool flag(std::string_view key, bool fallback);
    // A string of minChars .. maxChars code points, without NUL.
    std::string text(std::string_view key, std::size_t minChars, std::size_t maxChars);
    // Absent or null gives nullopt; otherwise as text().
    std::optional<std::string> optionalText(std::string_view key, std::size_t minChars, std::size_t maxChars);
    // A lower-case identifier such as a role or chat kind: [a-z][a-z0-9_]{0,31}.
    std::string token(std::string_view key);
    std::string oneOf(std::string_view key, std::initializer_list<std::string_view> allowed);
    // Absent or null gives nullopt; otherwise must be a UUID in lower-case hex.
    std::optional<std::string> optionalUuid(std::string_view key);
    // nullptr when absent (if allowed) or on error.
    const nlohmann::json* array(std::string_view key, std::size_t minItems, std::size_t maxItems, bool required);
    const nlohmann::json* object(std::string_view key, bool required);

    void fail(const std::string& path, std::string expected);

private:
    const nlohmann::json* field(std::string_view key, bool required);
    // Takes the key, not its path: the path is built only for a failure, as a sync page
    // reads several integers per message.
    std::optional<std::int64_t> integerAt(const nlohmann::json& value, std::string_view key, std::int64_t min,
                                          std::int64_t max);

    const nlohmann::json& value_;
    std::string path_;
    std::optional<FieldError>& error_;
};

// Checks a text value on its own (for arrays of strings and for text coming from the UI).
bool isValidUuid(std::string_view text);
bool isToken(std::string_view text);

}  // namespace parta::sync
