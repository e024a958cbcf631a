#include "client/json_text.h"

#include <charconv>

namespace parta {

JsonText& JsonText::beginObject() {
    beforeValue();
    put('{');
    afterValue_ = false;
    return *this;
}

JsonText& JsonText::endObject() {
    put('}');
    afterValue_ = true;
    return *this;
}

JsonText& JsonText::beginArray() {
    beforeValue();
    put('[');
    afterValue_ = false;
    return *this;
}

JsonText& JsonText::endArray() {
    put(']');
    afterValue_ = true;
    return *this;
}

JsonText& JsonText::key(std::string_view name) {
    beforeValue();
    put('"');
    put(name);
    put("\":");
    afterValue_ = false;
    return *this;
}

namespace {

bool needsEscape(char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }

}  // namespace

void JsonText::appendEscaped(char c) {
    static constexpr char kHex[] = "0123456789abcdef";
    switch (c) {
        case '"': put("\\\""); break;
        case '\\': put("\\\\"); break;
        case '\b': put("\\b"); break;
        case '\f': put("\\f"); break;
        case '\n': put("\\n"); break;
        case '\r': put("\\r"); break;
        case '\t': put("\\t"); break;
        default: {
            const auto byte = static_cast<unsigned char>(c);
            const char escape[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0xf]};
            put(std::string_view(escape, sizeof escape));
        }
    }
}

// Copies each run of bytes that needs no escape in one append: a byte at a time, the growth
// checks cost most of a message page in wasm.
JsonText& JsonText::string(std::string_view text) {
    beforeValue();
    put('"');
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!needsEscape(text[i])) continue;
        put(text.substr(runStart, i - runStart));
        appendEscaped(text[i]);
        runStart = i + 1;
    }
    put(text.substr(runStart));
    put('"');
    afterValue_ = true;
    return *this;
}

JsonText& JsonText::number(std::int64_t value) {
    beforeValue();
    appendDecimal(value);
    afterValue_ = true;
    return *this;
}

JsonText& JsonText::decimalString(std::int64_t value) {
    beforeValue();
    put('"');
    appendDecimal(value);
    put('"');
    afterValue_ = true;
    return *this;
}

void JsonText::appendDecimal(std::int64_t value) {
    char digits[20];  // "-9223372036854775808"
    const auto written = std::to_chars(digits, digits + sizeof digits, value);
    put(std::string_view(digits, static_cast<std::size_t>(written.ptr - digits)));
}

JsonText& JsonText::boolean(bool value) {
    beforeValue();
    put(value ? "true" : "false");
    afterValue_ = true;
    return *this;
}

JsonText& JsonText::null() {
    beforeValue();
    put("null");
    afterValue_ = true;
    return *this;
}

void JsonText::beforeValue() {
    if (afterValue_) put(',');
}

}  // namespace parta
