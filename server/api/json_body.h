#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parta::server {

// A request body read as one JSON object of known members. Bad input never throws: the first
// problem is kept in error(), as "chatId: expected a positive integer", for the 400's detail.
// Unknown members are errors (issue 13: bad input changes nothing), so a misspelt field is
// refused instead of silently ignored. A nested object is read the same way, and its problems
// name their whole path ("poll.options[2]: …") in the one error of the body.
class JsonBody {
public:
    JsonBody(std::string_view text, std::initializer_list<std::string_view> knownMembers);

    bool ok() const { return error_->empty(); }
    const std::string& error() const { return *error_; }

    // A required string of minChars … maxChars Unicode code points, valid UTF-8, without U+0000.
    std::string text(std::string_view name, std::size_t minChars, std::size_t maxChars);
    // A required string, any text: for texts whose rule is core's (text/message_text.h).
    std::string string(std::string_view name);
    // A required id (1 … 2^63-1).
    std::int64_t id(std::string_view name);
    // An id, or absent/null.
    std::optional<std::int64_t> optionalId(std::string_view name);
    // A lower-case UUID (docs/protocol.md, clientId).
    std::string uuid(std::string_view name);
    // A required boolean.
    bool boolean(std::string_view name);
    // A boolean; absent or null is false.
    bool optionalBoolean(std::string_view name);
    // A boolean, or nullopt when absent or null: for members whose default depends on others.
    std::optional<bool> booleanIfPresent(std::string_view name);
    // An integer of min … max, or nullopt when absent or null.
    std::optional<std::int64_t> optionalInteger(std::string_view name, std::int64_t min, std::int64_t max);
    // A string as text() reads one, or empty when absent or null.
    std::string optionalText(std::string_view name, std::size_t minChars, std::size_t maxChars);
    // A required array of minItems … maxItems texts, each as text() reads one.
    std::vector<std::string> texts(std::string_view name, std::size_t minItems, std::size_t maxItems,
                                   std::size_t minChars, std::size_t maxChars);
    // A required array of at most maxItems ids.
    std::vector<std::int64_t> ids(std::string_view name, std::size_t maxItems);
    // An array of at most maxItems ids, or empty when absent or null.
    std::vector<std::int64_t> optionalIds(std::string_view name, std::size_t maxItems);
    // An object of known members, read like the body; nullopt when absent, null or not an object.
    std::optional<JsonBody> optionalObject(std::string_view name, std::initializer_list<std::string_view> knownMembers);

private:
    JsonBody(const JsonBody& parent, const nlohmann::json& object, std::string prefix,
             std::initializer_list<std::string_view> knownMembers);

    void checkMembers(std::initializer_list<std::string_view> knownMembers);
    const nlohmann::json* member(std::string_view name, bool required);
    void fail(std::string_view path, std::string_view expected);
    std::string path(std::string_view name) const { return prefix_ + std::string(name); }
    std::optional<std::string> textValue(const nlohmann::json& value, const std::string& path, std::size_t minChars,
                                         std::size_t maxChars);
    std::optional<std::int64_t> idValue(const nlohmann::json& value, const std::string& path);
    std::vector<std::int64_t> idArray(std::string_view name, std::size_t maxItems, bool required);

    std::shared_ptr<const nlohmann::json> document_;  // the whole body, shared by nested objects
    const nlohmann::json* object_ = nullptr;
    std::string prefix_;                  // "" for the body, "poll." for a member object
    std::shared_ptr<std::string> error_;  // one for the body and its nested objects
};

}  // namespace parta::server
