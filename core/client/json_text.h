#pragma once

#include <cstdint>
#include <string>
#include <string_view>

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
    // The next value belongs to this member of the enclosing object.
    JsonText& key(std::string_view name);
    JsonText& string(std::string_view text);
    JsonText& number(std::int64_t value);
    JsonText& boolean(bool value);
    JsonText& null();

    const std::string& text() const { return text_; }

private:
    void beforeValue();

    std::string text_;
    bool afterValue_ = false;
};

}  // namespace parta
