#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

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

    std::string_view text() const { return {bytes_.data(), bytes_.size()}; }

private:
    void put(char c) { bytes_.push_back(c); }
    void put(std::string_view run) { bytes_.insert(bytes_.end(), run.begin(), run.end()); }
    void beforeValue();
    void appendDecimal(std::int64_t value);
    void appendEscaped(char c);

    // A vector rather than a std::string: the vector's members compile with this code, while
    // std::string's append and push_back come prebuilt in Emscripten's libc++, where even
    // their size checks stay calls. In wasm those calls were a fifth of a message page.
    std::vector<char> bytes_;
    bool afterValue_ = false;
};

}  // namespace parta
