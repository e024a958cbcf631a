#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace parta::server {

// A request body read as one JSON object of known members. Bad input never throws: the first
// problem is kept in error(), as "chatId: expected a positive integer", for the 400's detail.
// Unknown members are errors (issue 13: bad input changes nothing), so a misspelt field is
// refused instead of silently ignored.
class JsonBody {
public:
    JsonBody(std::string_view text, std::initializer_list<std::string_view> knownMembers);

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }

    // A required string of minChars … maxChars Unicode code points, valid UTF-8, without U+0000.
    std::string text(std::string_view name, std::size_t minChars, std::size_t maxChars);
    // A required id (1 … 2^63-1).
    std::int64_t id(std::string_view name);
    // An id, or absent/null.
    std::optional<std::int64_t> optionalId(std::string_view name);
    // A lower-case UUID (docs/protocol.md, clientId).
    std::string uuid(std::string_view name);

private:
    const nlohmann::json* member(std::string_view name, bool required);
    void fail(std::string_view name, std::string_view expected);

    nlohmann::json json_;
    std::string error_;
};

}  // namespace parta::server
