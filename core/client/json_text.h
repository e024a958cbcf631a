#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace parta {

// Writes JSON text directly, for the answers that carry many rows (a message page, search
// results, the chat list). Building those as nlohmann::json objects first and dumping them
// cost most of a latest-50 page in wasm: every object is a std::map and every key an
// allocation. Calls must nest as JSON does; strings are escaped per RFC 8259 and UTF-8 passes
// through unchanged.
class JsonText {
public:
    JsonText& beginObject();
    JsonText& endObject();
    JsonText& beginArray();
    JsonText& endArray();
    // The next value belongs to this member of the enclosing object. Names are the writers'
    // own literals and are copied unescaped.
    JsonText& key(std::string_view name);
    JsonText& string(std::string_view text);
    JsonText& number(std::int64_t value);
    // The value as a JSON string of its decimal digits: ids cross to JS this way, as a JS
    // number cannot hold every int64.
    JsonText& decimalString(std::int64_t value);
    JsonText& boolean(bool value);
    JsonText& null();

    const std::string& text() const& { return text_; }
    std::string text() && { return std::move(text_); }

private:
    void beforeValue();
    void appendDecimal(std::int64_t value);

    std::string text_;
    bool afterValue_ = false;
};

}  // namespace parta
